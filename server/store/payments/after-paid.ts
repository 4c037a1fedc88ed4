// What follows an order becoming paid, shared by a normal and a late payment (apply.ts, late.ts).
import type { OrderDoc, PaymentSource, ShopDoc } from '../../../core/model';
import type { Database } from '../../wechat/sdk';
import { raiseAlert } from '../alerts';
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
    // WeChat holds the funds until shipping information is uploaded, virtual goods included (PRODUCT.md 17).
    const uploaded = await uploadShipping(order, shop);
    if (uploaded) {
      await db.collection('orders').where({ _id: order._id, status: 'fulfilled' }).update({ data: { 'fulfilment.shippingUploaded': true, updatedAt: now } });
    }
  }
}

/**
 * A second transaction for one order (e.g. an old outTradeNo paid as well as the re-issued one). The
 * money is real: keep its record and tell the owner; it needs a refund by hand and the owner is alerted.
 */
export async function secondPayment(
  db: Database, order: OrderDoc, payment: VerifiedPayment, source: PaymentSource, now: number,
): Promise<{ verdict: 'duplicate'; order: OrderDoc; detail: string }> {
  await recordPayment(db, { payment, orderId: order._id, shopId: order.shopId, source, outcome: 'applied', now });
  await raiseAlert(db, {
    shopId: order.shopId, kind: 'refund_failed', orderId: order._id, at: now, subject: `second_payment.${payment.transactionId}`,
    message: `订单 ${order._id} 收到第二笔支付（${payment.transactionId}，${payment.totalFee} 分），请核对后退款`,
  });
  return { verdict: 'duplicate', order, detail: `second transaction ${payment.transactionId}; order paid by ${String(order.payment?.transactionId)}` };
}
