// A second payment for an already-paid order (an old trade of the order paid as well as the one that
// made it paid): nobody ordered anything for that money, so it goes back in full, automatically, against
// its own trade — once, however often WeChat repeats the notify — and the owner is told.
import { BUYER_A, MERCHANT, startHarness, type Harness } from './harness';
import { order, placeAndPay, seedShop } from './money-fixtures';
import type { PaymentDoc, RefundDoc, ShopAlertDoc } from '../../core/model';
import { auditShop } from './audit';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.close());

test('second payment: refunded in full against its own trade, once; the order and its money untouched', async () => {
  const { shop, p } = seedShop(h, { products: { tea: { stock: 5 } } });
  const { placed } = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.tea._id, quantity: 1 }] });
  const paidOrder = order(h, placed.orderId);
  expect(paidOrder.status).toBe('paid');

  // The buyer also paid a second trade of the same order (as when an old trade and its re-issue are both paid).
  const second = await h.cloud.pay.call('unifiedOrder', {
    body: '街角小店-茶', out_trade_no: `${placed.orderId}_1`, spbill_create_ip: '127.0.0.1', sub_mch_id: MERCHANT,
    total_fee: paidOrder.total, env_id: h.cloud.envId, function_name: 'payNotify',
  }, { openid: BUYER_A, functionName: 'confirmOrder' });
  const prepayId = String((second as Record<string, unknown>).prepay_id);
  const paid = await h.control.pay(prepayId, 'pay', BUYER_A);
  await h.control.redeliverNotify(`${placed.orderId}_1`, 3, true);
  await h.control.advanceClock(60_000); // the sandbox settles the refund and notifies it

  const refunds = h.docs<RefundDoc>('refunds').filter((r) => r.orderId === placed.orderId);
  const payments = h.docs<PaymentDoc>('payments').filter((x) => x.orderId === placed.orderId);
  const trades = (await h.control.trades()).trades as { outTradeNo: string; refunds?: { refundFee: number; status: string }[] }[];
  const refundedAtWeChat = trades.find((t) => t.outTradeNo === `${placed.orderId}_1`)?.refunds ?? [];
  const after = order(h, placed.orderId);
  console.log(`second payment: refunded in full (${refunds.map((r) => `${r.outRefundNo} ${r.amount} fen ${r.status}`).join(', ')}); ` +
    `4 deliveries of its notify, ${refundedAtWeChat.length} refund at WeChat Pay; order still ${after.status}, paid ${after.paidFen}, refunded ${after.refundedFen}`);
  expect(paid.transactionId).toBeTruthy();
  expect(refunds).toEqual([expect.objectContaining({
    outRefundNo: `${placed.orderId}-S1`, amount: paidOrder.total, status: 'succeeded', secondPayment: expect.objectContaining({ outTradeNo: `${placed.orderId}_1` }),
  })]);
  expect(refundedAtWeChat).toHaveLength(1);
  expect(payments.map((x) => x.outcome).sort()).toEqual(['applied', 'second_refunded']);
  expect(after).toMatchObject({ status: 'paid', paidFen: paidOrder.total, refundedFen: 0, refundPendingFen: 0 });
  expect(h.docs<ShopAlertDoc>('shop_alerts').filter((a) => a.shopId === shop._id && a.kind === 'second_payment_refunded')).toHaveLength(1);
  expect(auditShop(<T>(c: string) => h.docs<T>(c), shop._id, { [p.tea._id]: 5 })).toEqual([]);
}, 120_000);
