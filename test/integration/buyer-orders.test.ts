// The buyer's `orders` function through the local cloud (docs/product.md §11–12): my orders, detail with
// the timeline, cancel, repay, "I have paid", confirm receipt; and the timer completing orders.
import type { ConfirmPaidResult, OrderDetailView, OrderSummaryView, Page, RepayResult } from '../../core/contracts/views';
import type { PaymentDoc } from '../../core/model';
import { BUYER_A, BUYER_B, data, startHarness, type Harness } from './harness';
import { order, place, placeAndPay, prepayOf, product, seedShop, tick } from './money-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());
afterEach(() => h.control.notifyPolicy({ mode: 'deliver' }));

const DAY = 86_400_000;
const codeOf = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);
const tradeOf = async (outTradeNo: string) => (await h.control.trades()).trades.find((t) => t.outTradeNo === outTradeNo) as Record<string, unknown> | undefined;

test('my orders: newest first, by shop and by status, paged; never another buyer\'s', async () => {
  const a = seedShop(h);
  const b = seedShop(h);
  const one = (shopId: string, productId: string) => ({ shopId, lines: [{ productId, quantity: 1 }] });
  const first = data(await place(h, BUYER_A, one(a.shop._id, a.p.chips._id)));
  await h.control.advanceClock(1000);
  const second = await placeAndPay(h, BUYER_A, one(b.shop._id, b.p.chips._id));
  await h.control.advanceClock(1000);
  const third = data(await place(h, BUYER_A, one(a.shop._id, a.p.chips._id)));
  data(await place(h, BUYER_B, one(a.shop._id, a.p.chips._id)));

  const all = data(await h.call<Page<OrderSummaryView>>('orders', 'list', { limit: 50 }, BUYER_A));
  const mine = all.items.filter((o) => [a.shop._id, b.shop._id].includes(o.shopId));
  expect(mine.map((o) => o.orderId)).toEqual([third.orderId, second.placed.orderId, first.orderId]);
  expect(mine[1]).toMatchObject({ shopName: b.shop.name, status: 'paid', itemCount: 1, firstLine: { name: 'chips' } });
  const inA = data(await h.call<Page<OrderSummaryView>>('orders', 'list', { shopId: a.shop._id, status: 'unpaid', limit: 1 }, BUYER_A));
  expect(inA).toMatchObject({ items: [{ orderId: third.orderId }], hasMore: true, offset: 0, limit: 1 });
  const next = data(await h.call<Page<OrderSummaryView>>('orders', 'list', { shopId: a.shop._id, status: 'unpaid', offset: 1, limit: 1 }, BUYER_A));
  expect(next).toMatchObject({ items: [{ orderId: first.orderId }], hasMore: false });
}, 120_000);

test('order detail: the timeline and what the buyer may do; another buyer gets ORDER_NOT_FOUND', async () => {
  const { shop, p } = seedShop(h);
  const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 2 }] }));
  const d = data(await h.call<OrderDetailView>('orders', 'detail', { orderId: placed.orderId }, BUYER_A));
  expect(d).toMatchObject({ status: 'unpaid', shopName: shop.name, total: 2400, timeline: [{ event: 'placed', actor: 'buyer', by: BUYER_A, to: 'unpaid' }] });
  expect(d.actions.sort()).toEqual(['cancel', 'confirmPaid', 'repay']);
  expect(d).not.toHaveProperty('requestId');
  expect(codeOf(await h.call('orders', 'detail', { orderId: placed.orderId }, BUYER_B))).toBe('ORDER_NOT_FOUND');
}, 120_000);

test('cancel: Cloud Pay closed, the order cancelled on its timeline, the stock back; a second cancel is refused', async () => {
  const { shop, p } = seedShop(h);
  const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 4 }] }));
  expect(codeOf(await h.call('orders', 'cancel', { orderId: placed.orderId }, BUYER_B))).toBe('ORDER_NOT_FOUND');
  expect(data(await h.call('orders', 'cancel', { orderId: placed.orderId, reason: '不想要了' }, BUYER_A))).toEqual({ orderId: placed.orderId, status: 'cancelled' });
  const o = order(h, placed.orderId);
  expect(o).toMatchObject({ status: 'cancelled', cancelReason: '不想要了', stockState: 'released' });
  expect(o.timeline.at(-1)).toMatchObject({ event: 'cancelled', actor: 'buyer', by: BUYER_A, from: 'unpaid', to: 'cancelled' });
  expect(product(h, p.chips._id)).toMatchObject({ stock: 10, reserved: 0 });
  expect((await tradeOf(placed.outTradeNo))?.state).toBe('CLOSED');
  expect(codeOf(await h.call('orders', 'cancel', { orderId: placed.orderId }, BUYER_A))).toBe('INVALID_TRANSITION');
}, 120_000);

test('repay: the same Cloud Pay order while it can be paid; ORDER_EXPIRED after its window; ORDER_NOT_PAYABLE once paid', async () => {
  const { shop, p } = seedShop(h);
  const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }] }));
  const again = data(await h.call<RepayResult>('orders', 'repay', { orderId: placed.orderId }, BUYER_A));
  expect(again.payment.package).toBe(placed.payment?.package);
  await h.control.pay(prepayOf(placed), 'pay', BUYER_A);
  expect(codeOf(await h.call('orders', 'repay', { orderId: placed.orderId }, BUYER_A))).toBe('ORDER_NOT_PAYABLE');

  const late = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }] }));
  h.cloud.db.seed('orders', [{ ...order(h, late.orderId), payment: { ...order(h, late.orderId).payment, payExpiresAt: h.cloud.now() - 1 } } as never]);
  expect(codeOf(await h.call('orders', 'repay', { orderId: late.orderId }, BUYER_A))).toBe('ORDER_EXPIRED');
}, 120_000);

test('repay when the Cloud Pay order can no longer be used as it was (the shop renamed): closed, re-issued under outTradeNo _1, and that payment pays the order', async () => {
  const { shop, p } = seedShop(h);
  const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }] }));
  h.cloud.db.seed('shops', [{ ...shop, name: '街角小店（新）' } as never]);
  const again = data(await h.call<RepayResult>('orders', 'repay', { orderId: placed.orderId }, BUYER_A));
  expect(again.payment.package).not.toBe(placed.payment?.package);
  expect(order(h, placed.orderId).outTradeNo).toBe(`${placed.orderId}_1`);
  expect((await tradeOf(placed.outTradeNo))?.state).toBe('CLOSED');
  await h.control.pay(again.payment.package.slice('prepay_id='.length), 'pay', BUYER_A);
  expect(order(h, placed.orderId)).toMatchObject({ status: 'paid', outTradeNo: `${placed.orderId}_1` });
}, 120_000);

test('three repays at once that must re-issue: every payment a buyer is handed can be paid, and pays the order', async () => {
  const { shop, p } = seedShop(h);
  const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }] }));
  h.cloud.db.seed('shops', [{ ...shop, name: '街角小店（又改名）' } as never]);
  const answers = await Promise.all([1, 2, 3].map(() => h.call<RepayResult>('orders', 'repay', { orderId: placed.orderId }, BUYER_A)));
  const handed = answers.filter((a) => a.ok).map((a) => (a as { data: RepayResult }).data.payment.package);
  const now = order(h, placed.orderId);
  const open = await tradeOf(now.outTradeNo);
  console.log(`three concurrent repays: ${handed.length} answered with a payment (${new Set(handed).size} distinct), ` +
    `${answers.length - handed.length} refused; the order's trade ${now.outTradeNo} is ${open?.state}`);
  expect(handed.length).toBeGreaterThan(0);
  expect(new Set(handed).size).toBe(1);
  expect(open?.state).toBe('NOTPAY');
  await h.control.pay(handed[0].slice('prepay_id='.length), 'pay', BUYER_A);
  expect(order(h, placed.orderId)).toMatchObject({ status: 'paid' });
}, 120_000);

test('"I have paid": PAYMENT_PENDING before paying; after a payment whose notify was lost, the server asks Cloud Pay and the order is paid', async () => {
  const { shop, p } = seedShop(h);
  const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }] }));
  expect(codeOf(await h.call('orders', 'confirmPaid', { orderId: placed.orderId }, BUYER_A))).toBe('PAYMENT_PENDING');
  await h.control.notifyPolicy({ mode: 'drop' });
  await h.control.pay(prepayOf(placed), 'pay', BUYER_A);
  const r = data(await h.call<ConfirmPaidResult>('orders', 'confirmPaid', { orderId: placed.orderId }, BUYER_A));
  expect(r).toEqual({ orderId: placed.orderId, status: 'paid', paid: true });
  expect(h.docs<PaymentDoc>('payments').filter((x) => x.orderId === placed.orderId).map((x) => x.source)).toEqual(['query']);
  expect(data(await h.call<ConfirmPaidResult>('orders', 'confirmPaid', { orderId: placed.orderId }, BUYER_A))).toEqual(r);
}, 120_000);

test('a membership bought: delivered at once (fulfilled, virtual); the buyer confirms receipt → completed', async () => {
  const { shop, p } = seedShop(h, { products: { vip: { kind: 'membership' } } });
  const { placed } = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.vip._id, quantity: 1 }], deliveryMethod: null });
  const o = order(h, placed.orderId);
  expect(o).toMatchObject({ status: 'fulfilled', fulfilment: { kind: 'virtual' } });
  expect(o.timeline.map((e) => e.event)).toEqual(['placed', 'paid', 'accepted', 'fulfilled']);
  expect(data(await h.call('orders', 'confirmReceipt', { orderId: placed.orderId }, BUYER_A))).toEqual({ orderId: placed.orderId, status: 'completed' });
  expect(codeOf(await h.call('orders', 'confirmReceipt', { orderId: placed.orderId }, BUYER_A))).toBe('INVALID_TRANSITION');
}, 120_000);

test('the timer completes fulfilled orders after the shop\'s autoCompleteDays, not before', async () => {
  const { shop, p } = seedShop(h, { settings: { autoCompleteDays: 3 }, products: { book: { kind: 'digital' } } });
  const { placed } = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.book._id, quantity: 1 }], deliveryMethod: null });
  const fulfilled = order(h, placed.orderId);
  expect(fulfilled.status).toBe('fulfilled');
  expect(fulfilled.completeDueAt).toBe(fulfilled.fulfilledAt! + 3 * DAY);
  // As if it had been fulfilled `days` ago: its due time moves with it.
  const at = (days: number) => h.cloud.db.seed('orders', [{
    ...fulfilled, fulfilledAt: fulfilled.fulfilledAt! - days * DAY, completeDueAt: fulfilled.completeDueAt! - days * DAY,
  } as never]);
  at(2);
  await tick(h, ['completeOrders']);
  expect(order(h, placed.orderId).status).toBe('fulfilled');
  at(3);
  expect((await tick(h, ['completeOrders'])).completed).toBeGreaterThanOrEqual(1);
  expect(order(h, placed.orderId).timeline.at(-1)).toMatchObject({ event: 'completed', actor: 'system', to: 'completed' });
}, 120_000);

