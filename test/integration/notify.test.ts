// payNotify through the local cloud: WeChat Pay's sandbox delivers the
// notify with SOURCE=wx_paycallback; duplicates and forgeries are delivered on demand.
import type { MembershipDoc, MembershipGrantDoc, NotifyLogDoc, OrderDoc, PaymentDoc } from '../../core/model';
import { BUYER_A, BUYER_B, data, MERCHANT, startHarness, type Harness } from './harness';
import { order, place, placeAndPay, prepayOf, product, seedShop, units } from './money-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

const DAY = 86_400_000;
const paidTransitions = (o: OrderDoc) => o.timeline.filter((e) => e.to === 'paid').length;
const paymentsOf = (orderId: string) => h.docs<PaymentDoc>('payments').filter((x) => x.orderId === orderId);
const logOf = (orderId: string) => h.docs<NotifyLogDoc>('notify_log').filter((x) => x.orderId === orderId);

/** A Cloud Pay order the sandbox takes from anyone (as a function of another shop or app would). */
async function foreignTrade(outTradeNo: string, subMchId: string, totalFee: number, payer: string): Promise<string> {
  const reply = await h.cloud.pay.call('unifiedOrder', {
    body: 'x', out_trade_no: outTradeNo, total_fee: totalFee, spbill_create_ip: '127.0.0.1', sub_mch_id: subMchId,
    env_id: h.cloud.envId, function_name: 'payNotify',
  }, { openid: payer });
  if (reply.result_code !== 'SUCCESS') throw new Error(`sandbox refused: ${JSON.stringify(reply)}`);
  return String(reply.prepay_id);
}

describe('a genuine notify', () => {
  test('marks the order paid once, turns its reserved stock into sold, records one payment, and is answered {errcode: 0}', async () => {
    const { shop, p } = seedShop(h, { products: { chips: { stock: 10 } } });
    const { placed, transactionId } = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 3 }] });
    const [delivery] = (await h.control.notifies({ outTradeNo: placed.outTradeNo })).deliveries;
    expect(delivery).toMatchObject({ acknowledged: true, returned: { errcode: 0 } });
    const o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'paid', paidFen: placed.total, stockState: 'sold', payment: { transactionId } });
    expect(o.paidAt).not.toBeNull();
    expect(product(h, p.chips._id)).toMatchObject({ stock: 7, reserved: 0, sold: 3 });
    expect(paymentsOf(placed.orderId)).toEqual([expect.objectContaining({ _id: transactionId, totalFee: placed.total, subMchId: MERCHANT, source: 'notify', outcome: 'applied', payerOpenid: BUYER_A })]);
  }, 120_000);

  test('a shop with automatic acceptance: paid and accepted in one step', async () => {
    const { shop, p } = seedShop(h, { settings: { acceptMode: 'auto' } });
    const { placed } = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }] });
    const o = order(h, placed.orderId);
    expect(o.status).toBe('accepted');
    expect(o.timeline.map((e) => `${e.event}:${e.actor}`)).toEqual(['placed:buyer', 'paid:payment', 'accepted:system']);
  }, 120_000);

  test('a transient failure is answered non-zero, and WeChat\'s retry 15 s later pays the order', async () => {
    const { shop, p } = seedShop(h);
    const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }] }));
    await h.control.fault({ target: 'database', mode: 'fail', action: 'database.modifyDocument', count: 1 });
    await h.control.pay(prepayOf(placed), 'pay', BUYER_A);
    expect(order(h, placed.orderId).status).toBe('unpaid');
    await h.control.advanceClock(16_000);
    const deliveries = (await h.control.notifies({ outTradeNo: placed.outTradeNo })).deliveries;
    expect(deliveries.map((d) => [(d.returned as { errcode?: number }).errcode, d.acknowledged])).toEqual([[1, false], [0, true]]);
    expect(order(h, placed.orderId).status).toBe('paid');
    expect(paymentsOf(placed.orderId)).toHaveLength(1);
  }, 120_000);
});

describe('duplicate notifies change nothing', () => {
  test('10 sequential and 10 concurrent duplicates: one paid transition, one payment, one grant, the membership extended by exactly 30 days, the stock sold once', async () => {
    const { shop, p } = seedShop(h, {
      products: { chips: { stock: 10 }, vip: { kind: 'membership', membership: { tag: 'vip', lifetime: false, days: 30 } } },
    });
    const { placed } = await placeAndPay(h, BUYER_B, {
      shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 2 }, { productId: p.vip._id, quantity: 1 }],
    });
    const seq = await h.control.redeliverNotify(placed.outTradeNo, 10, false);
    const conc = await h.control.redeliverNotify(placed.outTradeNo, 10, true);
    const all = [...seq.deliveries, ...conc.deliveries];
    expect(all.every((d) => d.acknowledged)).toBe(true);

    const o = order(h, placed.orderId);
    const grants = h.docs<MembershipGrantDoc>('membership_grants').filter((g) => g.source.type === 'order' && g.source.orderId === placed.orderId);
    const membership = h.docs<MembershipDoc>('memberships').find((m) => m.shopId === shop._id && m.buyerOpenid === BUYER_B && m.tag === 'vip');
    expect(paidTransitions(o)).toBe(1);
    expect(paymentsOf(placed.orderId)).toHaveLength(1);
    expect(grants).toHaveLength(1);
    expect(membership?.expiresAt).toBe((o.paidAt as number) + 30 * DAY);
    expect(product(h, p.chips._id)).toMatchObject({ stock: 8, reserved: 0, sold: 2 });
    expect(logOf(placed.orderId).filter((l) => l.verdict === 'duplicate')).toHaveLength(20);
    console.log(`21 deliveries (1 + 10 sequential + 10 concurrent): ${paidTransitions(o)} paid transition, ${paymentsOf(placed.orderId).length} payment record, ${grants.length} grant, membership +${((membership!.expiresAt - (o.paidAt as number)) / DAY)} days, stock sold ${product(h, p.chips._id).sold}`);
  }, 120_000);
});

describe('forged and mismatching notifies are recorded and change nothing', () => {
  test('a client calling payNotify with a perfect fake event, a wrong amount, another merchant: 0 orders paid, each recorded', async () => {
    const { shop, p } = seedShop(h, { products: { chips: { stock: 10 } } });
    const lines = [{ productId: p.chips._id, quantity: 1 }];
    const forged = data(await place(h, BUYER_A, { shopId: shop._id, lines }));
    const cheap = data(await place(h, BUYER_A, { shopId: shop._id, lines }));
    const stolen = data(await place(h, BUYER_A, { shopId: shop._id, lines }));

    // 1. The perfect fake: every field a real notify has, sent by a client through the gateway.
    const fake = {
      returnCode: 'SUCCESS', resultCode: 'SUCCESS', appid: 'wxd2565e6a04246fd1', mchId: '1800780001', subMchId: MERCHANT,
      subOpenid: BUYER_A, tradeType: 'JSAPI', bankType: 'OTHERS', totalFee: forged.total, feeType: 'CNY', cashFee: forged.total,
      transactionId: '4200000000202406010000000001', outTradeNo: forged.outTradeNo, timeEnd: '20240601100000',
    };
    const reply = await h.control.callFunction('payNotify', fake, BUYER_A);
    expect(reply.ok).toBe(true);

    // 2. A genuine WeChat Pay notify for one of our orders, but for 1 fen (another Cloud Pay order under the next outTradeNo).
    await h.control.pay(await foreignTrade(`${cheap.outTradeNo}_1`, MERCHANT, 1, BUYER_A), 'pay', BUYER_A);

    // 3. A genuine notify of another merchant's payment that names our outTradeNo.
    await h.control.registerMerchant('1900000888', '别家店');
    await h.control.pay(await foreignTrade(stolen.outTradeNo, '1900000888', stolen.total, BUYER_A), 'pay', BUYER_A);

    const orders = [forged, cheap, stolen].map((x) => order(h, x.orderId));
    expect(orders.map((o) => o.status)).toEqual(['unpaid', 'unpaid', 'unpaid']);
    expect(orders.filter((o) => o.paidFen > 0)).toHaveLength(0);
    expect([forged, cheap, stolen].flatMap((x) => paymentsOf(x.orderId))).toHaveLength(0);
    const verdicts = [forged, cheap, stolen].map((x) => logOf(x.orderId).map((l) => [l.verdict, l.source]));
    const forgedLog = h.docs<NotifyLogDoc>('notify_log').filter((l) => l.outTradeNo === forged.outTradeNo);
    expect(forgedLog.map((l) => [l.verdict, l.source])).toEqual([['forged_source', 'wx_client']]);
    expect(verdicts.slice(1)).toEqual([[['amount_mismatch', 'wx_paycallback']], [['merchant_mismatch', 'wx_paycallback']]]);
    expect(product(h, p.chips._id)).toMatchObject({ stock: 7, reserved: 3, sold: 0 });
    expect(units(product(h, p.chips._id))).toBe(10);
    console.log(`forged/mismatching notifies: 3 sent, 0 orders paid, recorded as ${[forgedLog[0].verdict, ...verdicts.slice(1).map((v) => v[0][0])].join(', ')}`);
  }, 120_000);

  test('a notify for an order that does not exist is recorded and acknowledged', async () => {
    const prepay = await foreignTrade('O20240601100000nosuch01', MERCHANT, 100, BUYER_A);
    const paid = await h.control.pay(prepay, 'pay', BUYER_A);
    expect(paid.notify).toMatchObject({ acknowledged: true });
    expect(h.docs<NotifyLogDoc>('notify_log').filter((l) => l.outTradeNo === 'O20240601100000nosuch01').map((l) => l.verdict)).toEqual(['not_found']);
    expect(h.docs<OrderDoc>('orders').some((o) => o._id === 'O20240601100000nosuch01')).toBe(false);
  }, 120_000);
});
