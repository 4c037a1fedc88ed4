// A payment that lands after its order was cancelled (the buyer paid just as the timer or the buyer
// closed it; WECHAT-CONTRACTS §7.2). It is never lost (PRODUCT.md "Business rules"): the stock is taken
// again when there is enough and the order becomes paid (cancelled → paid, by payment), otherwise the
// whole amount goes back (cancelled → refunding through C's startRefund). Either way the owner sees it:
// a timeline entry and a shop alert.
//
// First the money is claimed on the order (`payment.transactionId` set while still null, one
// compare-and-set), so concurrent deliveries agree on which transaction this is; a delivery that finds
// its own transaction claimed but no payment record resumes from there.
import type { OrderDoc, PaymentSource, ShopDoc } from '../../../core/model';
import type { Database } from '../../wechat/sdk';
import { updatedCount } from '../db';
import { giveBack, resellStock } from '../../checkout/stock';
import { startRefund } from '../refunds/start';
import { deliverPaidOrder, paidOrder, secondPayment, tellPeople } from './after-paid';
import { paidUpdate } from './paid-steps';
import { paidAtOf, paymentRecorded, raiseAlert, recordPayment } from './records';
import type { ApplyResult } from './apply';
import type { VerifiedPayment } from './verify';

export const LATE_REFUND_REASON = '订单取消后才到账，库存不足，已自动全额退款';

/** null when another writer changed the order first (apply.ts reads it again). */
export async function applyLatePayment(
  db: Database, order: OrderDoc, shop: ShopDoc, payment: VerifiedPayment, source: PaymentSource, now: number,
): Promise<ApplyResult | null> {
  const claimedTx = order.payment?.transactionId ?? null;
  if (claimedTx !== null && claimedTx !== payment.transactionId) return secondPayment(db, order, payment, source, now);
  if (claimedTx === payment.transactionId && (await paymentRecorded(db, payment.transactionId))) {
    return { verdict: 'duplicate', order };
  }
  const paidAt = paidAtOf(payment, now);
  const claimed: OrderDoc = {
    ...order,
    paidFen: payment.totalFee,
    paidAt,
    outTradeNo: payment.outTradeNo,
    payment: order.payment && { ...order.payment, transactionId: payment.transactionId, lastQueriedAt: now },
  };
  if (claimedTx === null) {
    const res = await db.collection('orders')
      .where({ _id: order._id, status: 'cancelled', 'payment.transactionId': null })
      .update({ data: { 'payment.transactionId': payment.transactionId, paidFen: payment.totalFee, paidAt, outTradeNo: payment.outTradeNo, updatedAt: now } });
    if (updatedCount(res) !== 1) return null;
  }

  const resold = await resellStock(db, order.lines);
  if (resold.ok) {
    const _ = db.command;
    const u = paidUpdate(claimed, shop, payment, paidAt, now, 'late_payment_reserved');
    const res = await db.collection('orders')
      .where({ _id: order._id, status: 'cancelled', 'payment.transactionId': payment.transactionId })
      .update({
        data: {
          ...u.set,
          ...(u.fulfilment ? { fulfilment: _.set(u.fulfilment) } : {}),
          cancelReason: null,
          status: u.to,
          updatedAt: now,
          timeline: _.push(u.entries),
        },
      });
    if (updatedCount(res) !== 1) {
      await giveBack(db, resold.taken, 'sold');
      return null;
    }
    const paid = paidOrder(claimed, u, payment, paidAt, now);
    await deliverPaidOrder(db, paid);
    await recordPayment(db, { payment, orderId: order._id, shopId: order.shopId, source, outcome: 'late_reserved', now });
    await raiseAlert(db, {
      shopId: order.shopId, kind: 'late_payment_reserved', orderId: order._id, now,
      message: `订单 ${order._id} 取消后收到支付，已重新占用库存并转为已支付`,
    });
    await tellPeople(db, shop, paid, u.autoAccepted, u.virtualDelivered, now);
    return { verdict: 'late_reserved', order: paid };
  }

  const refund = await startRefund(db, {
    order: claimed, full: true, reason: LATE_REFUND_REASON, actor: 'payment', by: null, now, event: 'late_payment_refunded',
  });
  if (!refund.ok) return { verdict: 'transient', order: claimed, detail: `late payment refund: ${refund.code} ${refund.message}` };
  await recordPayment(db, { payment, orderId: order._id, shopId: order.shopId, source, outcome: 'late_refunded', now });
  await raiseAlert(db, {
    shopId: order.shopId, kind: 'late_payment_refunded', orderId: order._id, now,
    message: `订单 ${order._id} 取消后收到支付，库存不足，已自动全额退款`,
  });
  return { verdict: 'late_refunded', order: { ...claimed, status: refund.data.status } };
}
