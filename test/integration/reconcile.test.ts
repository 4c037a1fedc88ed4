// Notifies that never came and orders that expired, through the local cloud: the sweeper's timer fires on the virtual clock every minute
// (config.json `0 * * * * * *`), as it would in production.
import type { RefundDoc, ShopAlertDoc, PaymentDoc, OrderDoc } from '../../core/model';
import { BUYER_A, BUYER_B, data, startHarness, WRITE_ACTIONS, type Harness } from './harness';
import { order, place, placeAndPay, prepayOf, product, seedShop, tick, units } from './money-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());
afterEach(() => h.control.notifyPolicy({ mode: 'deliver' }));

const MINUTE = 60_000;
const tradeOf = async (outTradeNo: string) => (await h.control.trades()).trades.find((t) => t.outTradeNo === outTradeNo) as Record<string, unknown>;
const alertsOf = (orderId: string) => h.docs<ShopAlertDoc>('shop_alerts').filter((a) => a.orderId === orderId).map((a) => a.kind);
const paymentOf = (orderId: string) => h.docs<PaymentDoc>('payments').filter((x) => x.orderId === orderId);

/** The timer's ticks see the time they were due: move the clock a minute at a time (advance() jumps first, then runs them). */
async function minuteByMinute(minutes: number): Promise<void> {
  for (let i = 0; i < minutes; i += 1) await h.control.advanceClock(MINUTE);
}

/**
 * Our side cancelled the order while WeChat Pay still took the buyer's money. closeOrder-first makes
 * this a narrow window in production (a payment racing the cancel's own writes); here the cancellation
 * is written directly, exactly as a finished cancel leaves it: status cancelled, stock given back.
 */
function cancelOnOurSide(o: OrderDoc): void {
  h.cloud.db.seed('orders', [{ ...o, status: 'cancelled', stockState: 'released', cancelReason: '超时未支付，订单已自动取消', cancelledAt: h.cloud.now() } as never]);
  for (const line of o.lines) {
    const p = product(h, line.productId);
    h.cloud.db.seed('products', [{ ...p, stock: p.stock + line.quantity, reserved: p.reserved - line.quantity } as never]);
  }
}

describe('notifies that never came and orders that expired: the timer settles them', () => {
  test('a dropped notify: the timer asks Cloud Pay and marks the order paid within two minutes', async () => {
    const { shop, p } = seedShop(h);
    await h.control.notifyPolicy({ mode: 'drop' });
    const { placed, transactionId } = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 2 }] });
    expect((await h.control.notifies({ outTradeNo: placed.outTradeNo })).deliveries).toHaveLength(0);
    expect(order(h, placed.orderId).status).toBe('unpaid');
    await minuteByMinute(2);
    const o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'paid', paidFen: placed.total, stockState: 'sold', payment: { transactionId } });
    expect(paymentOf(placed.orderId).map((x) => [x.source, x.outcome])).toEqual([['query', 'applied']]);
    expect(product(h, p.chips._id)).toMatchObject({ stock: 8, reserved: 0, sold: 2 });
    console.log(`dropped notify: 0 deliveries; the timer marked the order paid ${(o.updatedAt - o.createdAt) / 1000}s after it was placed (virtual clock)`);
  }, 120_000);

  test('an expired order: the timer closes Cloud Pay first, cancels the order and gives the stock back', async () => {
    const { shop, p } = seedShop(h, { products: { chips: { stock: 5 } } });
    const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 5 }] }));
    expect(product(h, p.chips._id)).toMatchObject({ stock: 0, reserved: 5 });
    await h.control.advanceClock(14 * MINUTE);
    expect(order(h, placed.orderId).status).toBe('unpaid');
    await h.control.advanceClock(2 * MINUTE);
    const o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'cancelled', stockState: 'released', cancelReason: expect.stringContaining('超时') });
    expect(o.timeline.at(-1)).toMatchObject({ event: 'expired', actor: 'system', from: 'unpaid', to: 'cancelled' });
    expect(product(h, p.chips._id)).toMatchObject({ stock: 5, reserved: 0, sold: 0 });
    expect((await tradeOf(placed.outTradeNo)).state).toBe('CLOSED');
    await expect(h.control.pay(prepayOf(placed), 'pay', BUYER_A)).rejects.toThrow(/409/);
  }, 120_000);

  test('the buyer cancels after paying (notify not yet in): the close finds the payment, and the order is paid, not cancelled', async () => {
    const { shop, p } = seedShop(h);
    await h.control.notifyPolicy({ mode: 'drop' });
    const { placed } = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }] });
    const r = await h.call('orders', 'cancel', { orderId: placed.orderId }, BUYER_A);
    expect(r).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', details: { from: 'paid' } });
    expect(order(h, placed.orderId)).toMatchObject({ status: 'paid', stockState: 'sold' });
    expect(product(h, p.chips._id)).toMatchObject({ stock: 9, reserved: 0, sold: 1 });
  }, 120_000);

  test('expiry finds the payment that beat the close: the order is applied as paid, not cancelled', async () => {
    const { shop, p } = seedShop(h);
    await h.control.notifyPolicy({ mode: 'drop' });
    const { placed } = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 2 }] });
    h.cloud.db.seed('orders', [{ ...order(h, placed.orderId), expiresAt: h.cloud.now() - 1 } as never]);
    const report = await tick(h, ['expireOrders']);
    expect(report).toMatchObject({ expired: 0, reconciled: 1 });
    expect(order(h, placed.orderId)).toMatchObject({ status: 'paid', stockState: 'sold' });
    expect(paymentOf(placed.orderId).map((x) => x.source)).toEqual(['query']);
    expect(product(h, p.chips._id)).toMatchObject({ stock: 8, reserved: 0, sold: 2 });
  }, 120_000);

  test('a payment landing after the cancellation, stock still there: re-reserved, the order paid, the owner alerted', async () => {
    const { shop, p } = seedShop(h, { products: { chips: { stock: 3 } } });
    const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 2 }] }));
    cancelOnOurSide(order(h, placed.orderId));
    expect(product(h, p.chips._id)).toMatchObject({ stock: 3, reserved: 0 });
    await h.control.pay(prepayOf(placed), 'pay', BUYER_A);
    const o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'paid', paidFen: placed.total, stockState: 'sold' });
    expect(o.timeline.at(-1)).toMatchObject({ event: 'late_payment_reserved', actor: 'payment', from: 'cancelled', to: 'paid' });
    expect(product(h, p.chips._id)).toMatchObject({ stock: 1, reserved: 0, sold: 2 });
    expect(paymentOf(placed.orderId).map((x) => x.outcome)).toEqual(['late_reserved']);
    expect(alertsOf(placed.orderId)).toEqual(['late_payment_reserved']);
  }, 120_000);

  test('a payment landing after the cancellation, stock sold to someone else: refunded in full automatically, never lost', async () => {
    const { shop, p } = seedShop(h, { products: { chips: { stock: 1 } } });
    const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }] }));
    cancelOnOurSide(order(h, placed.orderId));
    await placeAndPay(h, BUYER_B, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }] });
    expect(product(h, p.chips._id)).toMatchObject({ stock: 0, sold: 1 });

    await h.control.pay(prepayOf(placed), 'pay', BUYER_A);
    let o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'refunding', paidFen: placed.total, stockState: 'released' });
    const refunds = h.docs<RefundDoc>('refunds').filter((r) => r.orderId === placed.orderId);
    expect(refunds.map((r) => [r.amount, r.full, r.initiatedBy])).toEqual([[placed.total, true, 'payment']]);
    expect(paymentOf(placed.orderId).map((x) => x.outcome)).toEqual(['late_refunded']);
    expect(alertsOf(placed.orderId)).toEqual(['late_payment_refunded']);
    expect(product(h, p.chips._id)).toMatchObject({ stock: 0, reserved: 0, sold: 1 });
    expect(units(product(h, p.chips._id))).toBe(1);

    await h.control.advanceClock(MINUTE); // the sandbox settles the refund and notifies refundNotify
    o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'refunded', refundedFen: placed.total });
    console.log(`late payment of ${placed.total} fen with no stock left: ${o.timeline.map((e) => e.event).join(' → ')}`);
  }, 120_000);

  test('the sweeper is idempotent: two ticks at once expire an order once and release its stock once', async () => {
    const { shop, p } = seedShop(h, { products: { chips: { stock: 4 } } });
    const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 3 }] }));
    // Past the reservation without letting the timer run: move the deadline instead of the clock.
    h.cloud.db.seed('orders', [{ ...order(h, placed.orderId), expiresAt: h.cloud.now() - 1 } as never]);
    const [a, b] = await Promise.all([tick(h, ['expireOrders']), tick(h, ['expireOrders'])]);
    expect(a.expired + b.expired).toBe(1);
    expect(order(h, placed.orderId).timeline.filter((e) => e.to === 'cancelled')).toHaveLength(1);
    expect(product(h, p.chips._id)).toMatchObject({ stock: 4, reserved: 0, sold: 0 });
  }, 120_000);

  test('a quiet timer writes no order: an unpaid order is asked about at 1, 2, 4 and 8 minutes and left as it is', async () => {
    const { shop, p } = seedShop(h);
    const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }] }));
    const seq = h.cloud.requests.lastSeq;
    await minuteByMinute(10);
    const bySweeper = h.cloud.requests.list({ since: seq }).filter((r) => r.functionName === 'sweeper');
    // The order jobs' collections (the membership jobs keep their own books in memberships; the repair
    // marks each checkout lock settled once, the first time it sees its order written).
    const writes = bySweeper.filter((r) => WRITE_ACTIONS.includes(r.action) && r.collection !== 'memberships' && r.collection !== 'checkouts');
    const queries = bySweeper.filter((r) => r.action === 'wx.wxPayApi');
    expect(writes).toEqual([]);
    expect(queries).toHaveLength(4);
    const again = h.cloud.requests.lastSeq;
    await minuteByMinute(2);
    const checkoutWrites = h.cloud.requests.list({ since: again })
      .filter((r) => r.functionName === 'sweeper' && WRITE_ACTIONS.includes(r.action) && r.collection === 'checkouts');
    expect(checkoutWrites).toEqual([]);
    expect(order(h, placed.orderId)).toMatchObject({ status: 'unpaid', stockState: 'reserved' });
    console.log(`quiet timer: 10 ticks, ${queries.length} Cloud Pay queries for the unpaid order, ${writes.length} writes`);
  }, 120_000);
});
