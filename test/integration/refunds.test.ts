// Refunds through the local cloud (docs/product.md §3): the owner refunds part of a
// paid order and then the rest; Cloud Pay's sandbox settles each refund on the virtual clock and notifies
// refundNotify (flat or under reqInfo); the order becomes refunded once every fen is back, and units that
// never left the shop return to the shelf. Refunding more than was paid is refused and writes nothing.
import type { RefundStarted } from '../../core/contracts/views';
import type { NotifyLogDoc, RefundDoc, ShopAlertDoc } from '../../core/model';
import { REFUND_SETTLE_MS } from '../../localcloud/pay/sandbox';
import { BUYER_A, data, OWNER, startHarness, type Harness } from './harness';
import { order, placeAndPay, product, seedShop, tick, units } from './money-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

const admin = <T>(action: string, payload: Record<string, unknown>) => h.call<T>('shopAdmin', action, payload, OWNER);
const refundsOf = (orderId: string) => h.docs<RefundDoc>('refunds').filter((r) => r.orderId === orderId).sort((a, b) => a.seq - b.seq);
const refundLog = (outRefundNo: string) => h.docs<NotifyLogDoc>('notify_log').filter((l) => l.kind === 'refund' && l.outRefundNo === outRefundNo);
/** Let the sandbox settle pending refunds (REFUND_SETTLE_MS on the virtual clock) and deliver their notifies. */
const settle = () => h.control.advanceClock(REFUND_SETTLE_MS + 1_000);

async function paidOrder(stock = 10, quantity = 3) {
  const { shop, p } = seedShop(h, { products: { chips: { stock, price: 1200 as never } } });
  const { placed } = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity }] });
  return { shop, chips: p.chips, placed };
}

describe('partial then full refund', () => {
  test('1 of 3 units, then the rest: 1200 + 2400 fen back, the order refunded, every unit back on the shelf', async () => {
    const { shop, chips, placed } = await paidOrder();
    expect(order(h, placed.orderId)).toMatchObject({ status: 'paid', paidFen: 3600 });

    const first = data(await admin<RefundStarted>('refundOrder', {
      shopId: shop._id, orderId: placed.orderId, mode: 'lines', lines: [{ lineNo: 1, quantity: 1 }], reason: '少发一包',
    }));
    expect(first).toMatchObject({ amount: 1200, full: false, status: 'paid', outRefundNo: `${placed.orderId}-R1` });
    expect(order(h, placed.orderId)).toMatchObject({ status: 'paid', refundPendingFen: 1200, refundedFen: 0 });
    await settle();
    expect(order(h, placed.orderId)).toMatchObject({ status: 'paid', refundPendingFen: 0, refundedFen: 1200 });
    expect(product(h, chips._id)).toMatchObject({ stock: 8, reserved: 0, sold: 2 });

    const second = data(await admin<RefundStarted>('refundOrder', { shopId: shop._id, orderId: placed.orderId, mode: 'full', reason: '顾客不要了' }));
    expect(second).toMatchObject({ amount: 2400, full: true, status: 'refunding', outRefundNo: `${placed.orderId}-R2` });
    await settle();
    const o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'refunded', paidFen: 3600, refundedFen: 3600, refundPendingFen: 0, stockState: 'returned' });
    expect(o.refundedAt).not.toBeNull();
    expect(refundsOf(placed.orderId).map((r) => [r.outRefundNo, r.amount, r.status])).toEqual([
      [`${placed.orderId}-R1`, 1200, 'succeeded'], [`${placed.orderId}-R2`, 2400, 'succeeded'],
    ]);
    expect(product(h, chips._id)).toMatchObject({ stock: 10, reserved: 0, sold: 0 });
    expect(units(product(h, chips._id))).toBe(10);
    expect(o.timeline.map((e) => `${e.event}${e.to ? `→${e.to}` : ''}`)).toEqual([
      'placed→unpaid', 'paid→paid', 'refund_started', 'refund_succeeded', 'refund_started→refunding', 'refund_succeeded→refunded',
    ]);
    console.log(`refunds: paid 3600 fen; refund R1 1200 (partial, status stays paid), R2 2400 (full → refunded); refunded 3600/3600, stock ${product(h, chips._id).stock}/10`);
  }, 120_000);

  test('refunding more than was paid is rejected with REFUND_EXCEEDS_PAID and writes nothing', async () => {
    const { shop, placed } = await paidOrder();
    const tries: [string, Record<string, unknown>][] = [
      ['amount 3601 of 3600', { mode: 'amount', amount: 3601 }],
      ['4 units of 3', { mode: 'lines', lines: [{ lineNo: 1, quantity: 4 }] }],
    ];
    for (const [, extra] of tries) {
      const seq = h.cloud.requests.lastSeq;
      const r = await admin('refundOrder', { shopId: shop._id, orderId: placed.orderId, reason: '多退', ...extra });
      expect(r).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_PAID' });
      expect(h.writesSince(seq)).toBe(0);
    }
    data(await admin('refundOrder', { shopId: shop._id, orderId: placed.orderId, mode: 'amount', amount: 1000, reason: '部分退款' }));
    const seq = h.cloud.requests.lastSeq;
    // 2600 left while the first refund is still pending: 2601 is too much.
    expect(await admin('refundOrder', { shopId: shop._id, orderId: placed.orderId, mode: 'amount', amount: 2601, reason: '多退' }))
      .toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_PAID', details: { refundable: 2600 } });
    expect(h.writesSince(seq)).toBe(0);
    await settle();
    data(await admin('refundOrder', { shopId: shop._id, orderId: placed.orderId, mode: 'amount', amount: 2600, reason: '余款' }));
    await settle();
    expect(order(h, placed.orderId)).toMatchObject({ status: 'refunded', refundedFen: 3600 });
    expect(await admin('refundOrder', { shopId: shop._id, orderId: placed.orderId, mode: 'amount', amount: 1, reason: '再退' }))
      .toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    console.log(`refunds: ${tries.length + 2} refunds beyond what was paid refused, 0 writes each`);
  }, 120_000);
});

describe('refund notifies', () => {
  test('the flat and the reqInfo form both settle a refund; 10 duplicates change nothing', async () => {
    const { shop, placed } = await paidOrder();
    await h.control.notifyPolicy({ mode: 'deliver', refundForm: 'flat' });
    const a = data(await admin<RefundStarted>('refundOrder', { shopId: shop._id, orderId: placed.orderId, mode: 'amount', amount: 600, reason: '差价' }));
    await settle();
    await h.control.notifyPolicy({ mode: 'deliver', refundForm: 'reqInfo' });
    const b = data(await admin<RefundStarted>('refundOrder', { shopId: shop._id, orderId: placed.orderId, mode: 'amount', amount: 400, reason: '差价' }));
    await settle();
    expect(refundLog(a.outRefundNo)).toEqual([expect.objectContaining({ verdict: 'refund_succeeded', source: 'wx_paycallback' })]);
    expect(refundLog(a.outRefundNo)[0].event).toHaveProperty('refundStatus', 'SUCCESS');
    expect(refundLog(b.outRefundNo)).toEqual([expect.objectContaining({ verdict: 'refund_succeeded' })]);
    expect(refundLog(b.outRefundNo)[0].event).toHaveProperty('reqInfo');
    expect(order(h, placed.orderId)).toMatchObject({ status: 'paid', refundedFen: 1000, refundPendingFen: 0 });

    const flat = await h.control.deliverRefundNotify(a.outRefundNo, 'flat', 5);
    const nested = await h.control.deliverRefundNotify(b.outRefundNo, 'reqInfo', 5);
    const all = [...flat.deliveries, ...nested.deliveries];
    expect(all.every((d) => d.acknowledged && (d.returned as { errcode: number }).errcode === 0)).toBe(true);
    const o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'paid', refundedFen: 1000, refundPendingFen: 0 });
    expect(o.timeline.filter((e) => e.event === 'refund_succeeded')).toHaveLength(2);
    expect(refundLog(a.outRefundNo).map((l) => l.verdict)).toEqual(['refund_succeeded', ...Array(5).fill('duplicate')]);
    console.log(`refund notifies: flat + reqInfo settled 600 + 400 fen; ${all.length} duplicates acknowledged, refundedFen stays ${o.refundedFen}`);
  }, 120_000);

  test('a refund notify called by a client is recorded as forged and changes nothing', async () => {
    const { shop, placed } = await paidOrder();
    await h.control.notifyPolicy({ mode: 'drop' });
    const r = data(await admin<RefundStarted>('refundOrder', { shopId: shop._id, orderId: placed.orderId, mode: 'full', reason: '退款' }));
    await h.control.notifyPolicy({ mode: 'deliver' });
    const fake = { returnCode: 'SUCCESS', outRefundNo: r.outRefundNo, outTradeNo: placed.outTradeNo, refundStatus: 'SUCCESS', refundFee: 3600, totalFee: 3600 };
    const reply = await h.control.callFunction('refundNotify', fake, BUYER_A);
    expect(reply).toMatchObject({ ok: true, result: { errcode: -1, errmsg: 'FORBIDDEN_SOURCE' } });
    expect(refundLog(r.outRefundNo)).toEqual([expect.objectContaining({ verdict: 'forged_source', source: 'wx_client' })]);
    expect(order(h, placed.orderId)).toMatchObject({ status: 'refunding', refundedFen: 0, refundPendingFen: 3600 });
    expect(refundsOf(placed.orderId)[0].status).toBe('pending');
  }, 120_000);

  test('a refund whose notify was dropped is settled by the every-minute timer (queryRefund)', async () => {
    const { shop, placed } = await paidOrder();
    await h.control.notifyPolicy({ mode: 'drop' });
    const r = data(await admin<RefundStarted>('rejectOrder', { shopId: shop._id, orderId: placed.orderId, reason: '今天不营业' }));
    await settle();
    expect(order(h, placed.orderId)).toMatchObject({ status: 'refunding', refundPendingFen: 3600 });
    // The sweeper's timer fires every virtual minute; a refund pending for 10 minutes is re-queried.
    await h.control.advanceClock(12 * 60_000);
    await h.control.notifyPolicy({ mode: 'deliver' });
    const o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'refunded', refundedFen: 3600, rejectReason: '今天不营业' });
    expect(o.timeline.find((e) => e.event === 'refund_succeeded')).toMatchObject({ actor: 'system', from: 'refunding', to: 'refunded' });
    expect(refundLog(r.outRefundNo)).toHaveLength(0);
    const report = await tick(h, ['retryRefunds']);
    expect(report.refundsRetried).toBe(0);
  }, 120_000);
});

describe('owner refund operations', () => {
  test('reject: a full refund; the order goes refunding → refunded with the reason on it', async () => {
    const { shop, chips, placed } = await paidOrder();
    const r = data(await admin<RefundStarted>('rejectOrder', { shopId: shop._id, orderId: placed.orderId, reason: '今天不营业' }));
    expect(r).toMatchObject({ amount: 3600, full: true, status: 'refunding' });
    await settle();
    const o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'refunded', rejectReason: '今天不营业', refundedFen: 3600 });
    expect(o.timeline.find((e) => e.event === 'rejected')).toMatchObject({ actor: 'owner', by: OWNER, from: 'paid', to: 'refunding' });
    expect(product(h, chips._id)).toMatchObject({ stock: 10, sold: 0 });
  }, 120_000);

  test('mark sold out: exactly that line is refunded; the last line brings the delivery fee back too', async () => {
    const { shop, p } = seedShop(h, { products: { red: { stock: 5, price: 1000 as never }, blue: { stock: 5, price: 800 as never } } });
    const { placed } = await placeAndPay(h, BUYER_A, {
      shopId: shop._id, deliveryMethod: 'local',
      address: { userName: '张三', telNumber: '13800001111', provinceName: '上海市', cityName: '上海市', countyName: '黄浦区', detailInfo: '人民路 1 号', postalCode: '200000' },
      lines: [{ productId: p.red._id, quantity: 2 }, { productId: p.blue._id, quantity: 1 }],
    });
    const paid = order(h, placed.orderId);
    expect(paid).toMatchObject({ subtotal: 2800, deliveryFee: 500, total: 3300, paidFen: 3300 });
    const redLine = paid.lines.find((l) => l.productId === p.red._id)!;
    const blueLine = paid.lines.find((l) => l.productId === p.blue._id)!;

    const r1 = data(await admin<RefundStarted>('markSoldOut', { shopId: shop._id, orderId: placed.orderId, lineNos: [redLine.lineNo] }));
    expect(r1).toMatchObject({ amount: 2000, full: false, status: 'paid' });
    await settle();
    const after1 = order(h, placed.orderId);
    expect(after1.lines.find((l) => l.lineNo === redLine.lineNo)).toMatchObject({ soldOut: true, refundedQuantity: 2, refundedFen: 2000 });
    // The owner said those units are not there: they leave `sold` without going back on the shelf.
    expect(product(h, p.red._id)).toMatchObject({ stock: 3, sold: 0 });

    const r2 = data(await admin<RefundStarted>('markSoldOut', { shopId: shop._id, orderId: placed.orderId, lineNos: [blueLine.lineNo], reason: '蓝色也没了' }));
    expect(r2).toMatchObject({ amount: 1300, full: true, status: 'refunding' });
    await settle();
    expect(order(h, placed.orderId)).toMatchObject({ status: 'refunded', refundedFen: 3300, deliveryRefundedFen: 500 });
    console.log(`mark sold out: line ${redLine.lineNo} → 2000 fen; line ${blueLine.lineNo} + delivery fee → 1300 fen; 3300/3300 back`);
  }, 120_000);

  test('a refund Cloud Pay refuses is recorded as failed with an alert; retryRefund asks again with the same outRefundNo', async () => {
    const { shop, placed } = await paidOrder();
    // Simulate a refusal: the order points at a merchant Cloud Pay does not know for this trade.
    const good = order(h, placed.orderId);
    h.cloud.db.seed('orders', [{ ...good, payment: { ...good.payment, subMchId: '1900009999' } } as unknown as Record<string, unknown>]);
    const r = data(await admin<RefundStarted>('refundOrder', { shopId: shop._id, orderId: placed.orderId, mode: 'full', reason: '退款' }));
    expect(r).toMatchObject({ full: true, status: 'refunding' });
    const [failed] = refundsOf(placed.orderId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.failReason).toBeTruthy();
    expect(h.docs<ShopAlertDoc>('shop_alerts').filter((a) => a.orderId === placed.orderId)).toEqual([
      expect.objectContaining({ kind: 'refund_failed', readAt: null }),
    ]);
    const alerts = data(await admin<{ items: { kind: string }[] }>('alerts', { shopId: shop._id }));
    expect(alerts.items.map((a) => a.kind)).toContain('refund_failed');
    expect(order(h, placed.orderId).timeline.map((e) => e.event)).toContain('refund_failed');

    const now = order(h, placed.orderId);
    h.cloud.db.seed('orders', [{ ...now, payment: good.payment } as unknown as Record<string, unknown>]);
    const retried = data(await admin<RefundStarted>('retryRefund', { shopId: shop._id, outRefundNo: r.outRefundNo }));
    expect(retried).toMatchObject({ outRefundNo: r.outRefundNo, amount: 3600 });
    await settle();
    expect(refundsOf(placed.orderId)).toEqual([expect.objectContaining({ outRefundNo: r.outRefundNo, status: 'succeeded', attempts: 2 })]);
    expect(order(h, placed.orderId)).toMatchObject({ status: 'refunded', refundedFen: 3600 });
  }, 120_000);
});
