// What follows an order becoming paid, shared by a normal and a late payment (apply.ts, late.ts).
import type { OrderDoc, PaymentSource, ShopDoc } from '../../../core/model';
import type { Database } from '../../wechat/sdk';
import { grantForPaidOrder } from '../../memberships/grant';
import { createEntitlements } from '../../downloads/entitlements';
import { notifyBuyer, notifyOwnerOfPaidOrder, uploadShipping } from '../../wechat/notifications/notify';
import type { PaidUpdate } from './paid-steps';
import { raiseAlert, recordPayment } from './records';
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

/** Memberships and download rights of a paid order: both idempotent, keyed by order line. */
export async function deliverPaidOrder(db: Database, order: OrderDoc): Promise<void> {
  if (order.lines.some((l) => l.kind === 'membership')) await grantForPaidOrder(db, order, order.paidAt ?? order.updatedAt);
  if (order.lines.some((l) => l.kind === 'digital')) await createEntitlements(db, order, order.paidAt ?? order.updatedAt);
}

/** Best effort (C's notify functions log their own failures): the owner hears of a new paid order. */
export async function tellPeople(db: Database, shop: ShopDoc, order: OrderDoc, autoAccepted: boolean, virtualDelivered: boolean, now: number): Promise<void> {
  await notifyOwnerOfPaidOrder(shop, order);
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
 * money is real: keep its record and tell the owner; it needs a refund by hand (issue 3 report).
 */
export async function secondPayment(
  db: Database, order: OrderDoc, payment: VerifiedPayment, source: PaymentSource, now: number,
): Promise<{ verdict: 'duplicate'; order: OrderDoc; detail: string }> {
  await recordPayment(db, { payment, orderId: order._id, shopId: order.shopId, source, outcome: 'applied', now });
  await raiseAlert(db, {
    shopId: order.shopId, kind: 'refund_failed', orderId: order._id, now, key: `second_payment.${payment.transactionId}`,
    message: `订单 ${order._id} 收到第二笔支付（${payment.transactionId}，${payment.totalFee} 分），请核对后退款`,
  });
  return { verdict: 'duplicate', order, detail: `second transaction ${payment.transactionId}; order paid by ${String(order.payment?.transactionId)}` };
}
