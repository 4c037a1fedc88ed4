// The owner's order operations through the local cloud (docs/product.md §3, §5, §7, §16, §17):
// inbox by status with paging, detail with its timeline, accept, fulfil (with the shipping-information
// upload of the open API), complete, pay-on-pickup handover, the dashboard in China days — and the
// subscribe messages of a paid, accepted and shipped order in the outbox.
import type { DashboardView, OrderDetailView, OrderSummaryView, Page, StatusResult } from '../../core/contracts/views';
import type { ShopDayDoc } from '../../core/model';
import { chinaDayKey, DAY_MS } from '../../core/time';
import { ORDER_ACCEPTED_TEMPLATE, ORDER_PAID_TEMPLATE, ORDER_SHIPPED_TEMPLATE } from '../../server/wechat/notifications/templates';
import { BUYER_A, BUYER_B, data, OWNER, startHarness, type Harness } from './harness';
import { order, place, placeAndPay, product, seedShop, units } from './money-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

const admin = <T>(action: string, payload: Record<string, unknown>) => h.call<T>('shopAdmin', action, payload, OWNER);
const ADDRESS = { userName: '张三', telNumber: '13800001111', provinceName: '浙江省', cityName: '杭州市', countyName: '西湖区', detailInfo: '文三路 1 号', postalCode: '310000' };
const outboxOf = async (kind: string, touser?: string) =>
  (await h.control.outbox()).messages.filter((m) => m.kind === kind && (touser === undefined || m.payload.touser === touser));
/** Database requests since `seq`, as the local cloud's request log counts them. */
const dbRoundTrips = (seq: number) => h.cloud.requests.list({ since: seq }).filter((r) => r.action.startsWith('database.')).length;

describe('an order from payment to completion', () => {
  test('paid → accepted → shipped (shipping info uploaded) → completed, with subscribe messages to the owner and the buyer', async () => {
    await h.control.reset();
    const s = seedShop(h, { settings: { delivery: { pickup: { enabled: true, address: '店里', note: '' }, local: { enabled: false, fee: 0 as never, freeFrom: null, note: '' }, express: { enabled: true, fee: 1000 as never, freeFrom: null, note: '' } } } });
    await h.control.subscribe(OWNER, [ORDER_PAID_TEMPLATE.id]);
    await h.control.subscribe(BUYER_A, [ORDER_ACCEPTED_TEMPLATE.id, ORDER_SHIPPED_TEMPLATE.id]);
    const { placed } = await placeAndPay(h, BUYER_A, { shopId: s.shop._id, deliveryMethod: 'express', address: ADDRESS, lines: [{ productId: s.p.chips._id, quantity: 2 }] });
    expect(await outboxOf('subscribeMessage', OWNER)).toEqual([expect.objectContaining({ payload: expect.objectContaining({ template_id: ORDER_PAID_TEMPLATE.id }) })]);

    const ref = { shopId: s.shop._id, orderId: placed.orderId };
    expect(data(await admin<StatusResult>('acceptOrder', ref))).toEqual({ orderId: placed.orderId, status: 'accepted' });
    expect(await admin('acceptOrder', ref)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(await admin('fulfilOrder', { ...ref, kind: 'ready_for_pickup' })).toMatchObject({ ok: false, code: 'DELIVERY_NOT_AVAILABLE' });
    expect(data(await admin<StatusResult>('fulfilOrder', { ...ref, kind: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890' }))).toMatchObject({ status: 'fulfilled' });

    const shipped = order(h, placed.orderId);
    expect(shipped.fulfilment).toMatchObject({ kind: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890', shippingUploaded: true });
    const [upload] = await outboxOf('shippingInfo');
    expect(upload.payload).toMatchObject({
      order_key: { order_number_type: 1, mchid: shipped.payment?.subMchId, out_trade_no: shipped.outTradeNo },
      logistics_type: 1, delivery_mode: 1, payer: { openid: BUYER_A },
      shipping_list: [expect.objectContaining({ tracking_no: 'SF1234567890', express_company: 'SF' })],
    });
    const toBuyer = (await outboxOf('subscribeMessage', BUYER_A)).map((m) => m.payload.template_id);
    expect(toBuyer).toEqual([ORDER_ACCEPTED_TEMPLATE.id, ORDER_SHIPPED_TEMPLATE.id]);

    expect(data(await admin<StatusResult>('completeOrder', ref))).toMatchObject({ status: 'completed' });
    const detail = data(await admin<OrderDetailView>('orderDetail', ref));
    expect(detail.timeline.map((e) => [e.event, e.actor, e.to])).toEqual([
      ['placed', 'buyer', 'unpaid'], ['paid', 'payment', 'paid'], ['accepted', 'owner', 'accepted'],
      ['fulfilled', 'owner', 'fulfilled'], ['completed', 'owner', 'completed'],
    ]);
    expect(detail.timeline.filter((e) => e.actor === 'owner').every((e) => e.by === OWNER)).toBe(true);
    expect(detail.actions).toEqual(['refund']);
    console.log(`order ${placed.orderId}: ${detail.timeline.map((e) => e.to).join(' → ')}; outbox: 1 message to the owner, ${toBuyer.length} to the buyer, 1 shipping upload`);
  }, 120_000);

  test('a buyer without a subscription gets no message and the owner\'s action still succeeds (43101 is logged)', async () => {
    await h.control.reset();
    const s = seedShop(h);
    const { placed } = await placeAndPay(h, BUYER_B, { shopId: s.shop._id, lines: [{ productId: s.p.chips._id, quantity: 1 }] });
    const ref = { shopId: s.shop._id, orderId: placed.orderId };
    expect(data(await admin<StatusResult>('acceptOrder', ref)).status).toBe('accepted');
    expect(data(await admin<StatusResult>('fulfilOrder', { ...ref, kind: 'ready_for_pickup', note: '前台取' })).status).toBe('fulfilled');
    expect(await outboxOf('subscribeMessage')).toEqual([]);
    expect((await outboxOf('shippingInfo'))[0].payload).toMatchObject({ logistics_type: 4 });
    const logs = (await h.control.invocations({ functionName: 'shopAdmin' })).invocations.flatMap((i) => i.logs.map((l) => l.text));
    expect(logs.some((t) => /43101/.test(t))).toBe(true);
  }, 120_000);

  test('taps racing: 5 accepts at once → 1 accepted, 4 INVALID_TRANSITION; 3 full refunds at once → the money promised once', async () => {
    const s = seedShop(h);
    const { placed } = await placeAndPay(h, BUYER_A, { shopId: s.shop._id, lines: [{ productId: s.p.chips._id, quantity: 1 }] });
    const ref = { shopId: s.shop._id, orderId: placed.orderId };
    const accepts = await Promise.all(Array.from({ length: 5 }, () => admin('acceptOrder', ref)));
    expect(accepts.filter((r) => r.ok)).toHaveLength(1);
    expect(accepts.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(Array(4).fill('INVALID_TRANSITION'));
    const refunds = await Promise.all(Array.from({ length: 3 }, () => admin('refundOrder', { ...ref, mode: 'full', reason: '退款' })));
    expect(refunds.filter((r) => r.ok)).toHaveLength(1);
    const o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'refunding', refundCount: 1, refundPendingFen: 1200 });
    expect(o.timeline.filter((e) => e.event === 'accepted')).toHaveLength(1);
    console.log(`racing taps: 5 accepts → ${accepts.filter((r) => r.ok).length} accepted; 3 full refunds → ${refunds.filter((r) => r.ok).length} refund of ${o.refundPendingFen} fen`);
  }, 120_000);
});

describe('the inbox', () => {
  test('by status, newest first, paged; `waiting` is paid + accepted; owner inbox round trips', async () => {
    const s = seedShop(h, { products: { chips: { stock: 100 } } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { placed } = await placeAndPay(h, i % 2 ? BUYER_A : BUYER_B, { shopId: s.shop._id, lines: [{ productId: s.p.chips._id, quantity: 1 }] });
      ids.push(placed.orderId);
      await h.control.advanceClock(1_000);
    }
    const unpaid = data(await place(h, BUYER_A, { shopId: s.shop._id, lines: [{ productId: s.p.chips._id, quantity: 1 }] }));
    data(await admin('acceptOrder', { shopId: s.shop._id, orderId: ids[0] }));

    const seq = h.cloud.requests.lastSeq;
    const page1 = data(await admin<Page<OrderSummaryView>>('inbox', { shopId: s.shop._id, status: 'paid', limit: 2 }));
    const trips = dbRoundTrips(seq);
    expect(page1).toMatchObject({ offset: 0, limit: 2, hasMore: true });
    expect(page1.items.map((o) => o.orderId)).toEqual([ids[4], ids[3]]);
    expect(page1.items[0]).toMatchObject({ shopName: s.shop.name, status: 'paid', total: 1200, itemCount: 1, firstLine: { name: 'chips' } });
    const page2 = data(await admin<Page<OrderSummaryView>>('inbox', { shopId: s.shop._id, status: 'paid', limit: 2, offset: 2 }));
    expect(page2.items.map((o) => o.orderId)).toEqual([ids[2], ids[1]]);
    expect(page2.hasMore).toBe(false);
    expect(data(await admin<Page<OrderSummaryView>>('inbox', { shopId: s.shop._id, status: 'waiting' })).items).toHaveLength(5);
    expect(data(await admin<Page<OrderSummaryView>>('inbox', { shopId: s.shop._id, status: 'accepted' })).items.map((o) => o.orderId)).toEqual([ids[0]]);
    expect(data(await admin<Page<OrderSummaryView>>('inbox', { shopId: s.shop._id, status: 'unpaid' })).items.map((o) => o.orderId)).toEqual([unpaid.orderId]);
    expect(data(await admin<Page<OrderSummaryView>>('inbox', { shopId: s.shop._id })).items).toHaveLength(6);
    expect(trips).toBeLessThanOrEqual(2);
    console.log(`owner inbox: ${trips} database round trips (shop + one query)`);
  }, 120_000);

  test('another shop\'s order is not found from this shop', async () => {
    const mine = seedShop(h);
    const other = seedShop(h);
    const { placed } = await placeAndPay(h, BUYER_A, { shopId: other.shop._id, lines: [{ productId: other.p.chips._id, quantity: 1 }] });
    const seq = h.cloud.requests.lastSeq;
    expect(await admin('orderDetail', { shopId: mine.shop._id, orderId: placed.orderId })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(await admin('acceptOrder', { shopId: mine.shop._id, orderId: placed.orderId })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(h.writesSince(seq)).toBe(0);
  }, 120_000);
});

describe('pay on pickup', () => {
  test('markPaid turns the reservation into a sale; cancelOrder (no-show) puts it back; stock always adds up', async () => {
    const s = seedShop(h, { settings: { payOnPickup: true }, products: { chips: { stock: 10 } } });
    const placeOnPickup = async () => data(await place(h, BUYER_A, { shopId: s.shop._id, paymentMethod: 'on_pickup', lines: [{ productId: s.p.chips._id, quantity: 4 }] }));
    const a = await placeOnPickup();
    const b = await placeOnPickup();
    expect(product(h, s.p.chips._id)).toMatchObject({ stock: 2, reserved: 8, sold: 0 });

    expect(data(await admin<StatusResult>('markPaid', { shopId: s.shop._id, orderId: a.orderId }))).toMatchObject({ status: 'paid' });
    expect(order(h, a.orderId)).toMatchObject({ status: 'paid', paidFen: 4800, stockState: 'sold' });
    expect(product(h, s.p.chips._id)).toMatchObject({ stock: 2, reserved: 4, sold: 4 });
    expect(await admin('markPaid', { shopId: s.shop._id, orderId: a.orderId })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });

    expect(data(await admin<StatusResult>('cancelOrder', { shopId: s.shop._id, orderId: b.orderId, reason: '顾客没来' }))).toMatchObject({ status: 'cancelled' });
    expect(order(h, b.orderId)).toMatchObject({ status: 'cancelled', cancelReason: '顾客没来', stockState: 'released' });
    expect(product(h, s.p.chips._id)).toMatchObject({ stock: 6, reserved: 0, sold: 4 });
    expect(units(product(h, s.p.chips._id))).toBe(10);

    // A cash refund at the counter: no WeChat Pay trade, settled at once; the units go back.
    data(await admin('refundOrder', { shopId: s.shop._id, orderId: a.orderId, mode: 'full', reason: '退货' }));
    expect(order(h, a.orderId)).toMatchObject({ status: 'refunded', refundedFen: 4800 });
    expect(product(h, s.p.chips._id)).toMatchObject({ stock: 10, reserved: 0, sold: 0 });

    const wechat = await placeAndPay(h, BUYER_A, { shopId: s.shop._id, lines: [{ productId: s.p.chips._id, quantity: 1 }] });
    expect(await admin('markPaid', { shopId: s.shop._id, orderId: wechat.placed.orderId })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  }, 120_000);
});

describe('the dashboard', () => {
  test('today\'s paid orders and revenue in China days, orders waiting, active members, 7 days of revenue', async () => {
    const s = seedShop(h, {
      products: { chips: { stock: 100, price: 1200 as never }, vip: { kind: 'membership', price: 3000 as never, membership: { tag: 'vip', lifetime: false, days: 30 } } },
    });
    await placeAndPay(h, BUYER_A, { shopId: s.shop._id, lines: [{ productId: s.p.chips._id, quantity: 2 }] });
    await placeAndPay(h, BUYER_B, { shopId: s.shop._id, deliveryMethod: null, lines: [{ productId: s.p.vip._id, quantity: 1 }] });
    const now = h.cloud.now();
    // Earlier days as the store kept them (a shard per day here; payments spread over shards in real life).
    const past = (daysAgo: number, shard: number, paidOrders: number, paidFen: number): ShopDayDoc => ({
      _id: `${s.shop._id}.${chinaDayKey(now - daysAgo * DAY_MS)}.${shard}`, shopId: s.shop._id, day: chinaDayKey(now - daysAgo * DAY_MS), shard,
      paidOrders, paidFen: paidFen as never, refundedFen: 0 as never, counted: {},
    });
    h.cloud.db.seed('shop_days', [past(1, 0, 1, 500), past(3, 1, 1, 700), past(3, 2, 1, 800), past(9, 0, 1, 9900)] as unknown as Record<string, unknown>[]);

    const d = data(await admin<DashboardView>('dashboard', { shopId: s.shop._id }));
    expect(d.today).toEqual({ key: chinaDayKey(now), paidOrders: 2, revenue: 2400 + 3000 });
    expect(d.days).toHaveLength(7);
    expect(d.days.map((x) => x.revenue)).toEqual([0, 0, 0, 1500, 0, 500, 5400]);
    expect(d.days[3]).toMatchObject({ key: chinaDayKey(now - 3 * DAY_MS), paidOrders: 2 });
    // The chips order waits for the owner; the membership order was delivered by the server.
    expect(d.waiting).toBe(1);
    expect(d.activeMembers).toBe(1);
    console.log(`dashboard: today ${d.today.paidOrders} orders / ${d.today.revenue} fen, waiting ${d.waiting}, active members ${d.activeMembers}, 7 days ${d.days.map((x) => x.revenue).join(',')}`);
  }, 120_000);
});
