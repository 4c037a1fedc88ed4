// What follows an order becoming paid, shared by a normal and a late payment (apply.ts, late.ts).
import type { OrderDoc, PaymentSource, RefundDoc, ShopDoc } from '../../../core/model';
import type { Database } from '../../wechat/sdk';
import { COLLECTIONS } from '../../../core/collections';
import { secondPaymentRefundNo } from '../../../core/ids';
import { formatYuan, ZERO_FEN } from '../../../core/money';
import { raiseAlert } from '../alerts';
import { docOf } from '../db';
import { insertOnce } from '../insert-once';
import { requestRefund } from '../refunds/request';
import { notifyBuyer, notifyOwnerOfPaidOrder, uploadShipping } from '../../wechat/notifications/notify';
import { isVirtualOnly, type PaidUpdate } from './paid-steps';
import { recordPayment } from './records';
import type { VerifiedPayment } from './verify';

/** The order as the compare-and-set of paidUpdate left it. */
export function paidOrder(order: OrderDoc, u: PaidUpdate, payment: VerifiedPayment, paidAt: number, now: number): OrderDoc {
  return {
    ...order,
    status: u.to,
    paidAt,
    paidFen: payment.totalFee,
    stockState: 'sold',
    outTradeNo: payment.outTradeNo,
    payment: order.payment && { ...order.payment, transactionId: payment.transactionId, lastQueriedAt: now },
    acceptedAt: u.autoAccepted ? now : order.acceptedAt,
    fulfilledAt: u.virtualDelivered ? now : order.fulfilledAt,
    completeDueAt: (u.set.completeDueAt as number | undefined) ?? order.completeDueAt,
    fulfilment: u.fulfilment ?? order.fulfilment,
    timeline: [...order.timeline, ...u.entries],
    updatedAt: now,
  };
}

/**
 * Best effort (the senders log their own failures): the owner and the staff who asked for it
 * (ShopDoc.newOrderListeners) hear of a new paid order, the buyer of
 * an automatic acceptance; a virtual delivery's shipping information goes to WeChat.
 */
export async function tellPeople(db: Database, shop: ShopDoc, order: OrderDoc, now: number): Promise<void> {
  const virtualDelivered = isVirtualOnly(order) && order.fulfilment?.kind === 'virtual';
  const autoAccepted = order.timeline.some((e) => e.event === 'accepted' && e.actor === 'system');
  await notifyOwnerOfPaidOrder(shop, order, shop.newOrderListeners ?? []);
  if (autoAccepted && !virtualDelivered) await notifyBuyer(order, 'accepted');
  if (virtualDelivered) {
    // WeChat holds the funds until shipping information is uploaded, virtual goods included (docs/product.md §17).
    const uploaded = await uploadShipping(order, shop);
    if (uploaded) {
      await db.collection(COLLECTIONS.orders).where({ _id: order._id, status: 'fulfilled' }).update({ data: { 'fulfilment.shippingUploaded': true, updatedAt: now } });
    }
  }
}

/**
 * A second transaction for one order (e.g. an old outTradeNo paid as well as the re-issued one). The
 * money is real and no order holds it: record it, refund the whole of it against its own trade
 * (`<orderId>-S<attempt>`, one refund per trade, insert-once), and tell the owner. A crash anywhere is
 * finished by WeChat's retry of the same notify: every step is idempotent, and a refund that could not be
 * asked for is retried by the sweeper like any failed refund.
 */
export async function secondPayment(
  db: Database, order: OrderDoc, payment: VerifiedPayment, source: PaymentSource, now: number,
): Promise<{ verdict: 'duplicate'; order: OrderDoc; detail: string }> {
  await recordPayment(db, { payment, orderId: order._id, shopId: order.shopId, source, outcome: 'second_refunded', now });
  const outRefundNo = secondPaymentRefundNo(payment.outTradeNo);
  const refund: RefundDoc = {
    _id: outRefundNo, outRefundNo, orderId: order._id, shopId: order.shopId, buyerOpenid: order.buyerOpenid, seq: 0,
    amount: payment.totalFee, lines: [], deliveryFeeRefunded: ZERO_FEN, full: false, reason: SECOND_PAYMENT_REASON,
    initiatedBy: 'payment', by: null, status: 'pending', refundId: null, failReason: null, attempts: 0,
    createdAt: now, updatedAt: now, finishedAt: null,
    secondPayment: { outTradeNo: payment.outTradeNo, transactionId: payment.transactionId, totalFee: payment.totalFee },
  };
  await insertOnce(db, COLLECTIONS.refunds, refund);
  const current = docOf<RefundDoc>(await db.collection(COLLECTIONS.refunds).doc(outRefundNo).get()) ?? refund;
  if (current.status === 'pending' && current.refundId === null) await requestRefund(db, order, current, now);
  await raiseAlert(db, {
    shopId: order.shopId, kind: 'second_payment_refunded', orderId: order._id, at: now, subject: payment.transactionId,
    message: `订单 ${order._id} 收到重复支付 ${formatYuan(payment.totalFee)}，已自动原路全额退回`,
  });
  return { verdict: 'duplicate', order, detail: `second transaction ${payment.transactionId} refunded as ${outRefundNo}; order paid by ${String(order.payment?.transactionId)}` };
}

export const SECOND_PAYMENT_REASON = '重复支付，自动全额退回';
