// A payment that lands after its order was cancelled (the buyer paid just as the timer or the buyer
// closed it; docs/wechat-contracts.md §7.2). It is never lost (docs/product.md §B): the
// stock is taken again when there is enough and the order becomes paid (cancelled → paid, by payment),
// otherwise the whole amount goes back (cancelled → refunding through startRefund). Either way the owner
// sees it: a timeline entry and a shop alert.
//
// First the money is claimed on the order — `payment.transactionId`, `paidWith` and the owed
// `settle_late`, in one compare-and-set while the transaction id is still null — so concurrent
// deliveries agree on which transaction this is. Then `settleLatePayment` decides in ONE transaction
// (stock taken and the order paid, or nothing); the refund commits the order's new state and its owed
// effects together with the refund. A crash anywhere leaves `settle_late` owed, and whoever comes next
// runs it again (effects.ts).
import { COLLECTIONS } from '../../../core/collections';
import type { OrderDoc, OrderEffect, PaymentSource, ProductDoc, ShopDoc } from '../../../core/model';
import type { Database } from '../../wechat/sdk';
import { inTransaction, txGet, updatedCount } from '../db';
import { startRefund } from '../refunds/start';
import { bucketPath, stockItems, type MergedStockItem } from '../stock';
import { couponUsed, deliveryEffects, owedWith } from '../owed';
import { secondPayment } from './after-paid';
import { paidUpdate } from './paid-steps';
import { paidAtOf } from './records';
import type { ApplyResult } from './types';
import type { VerifiedPayment } from './verify';

export const LATE_REFUND_REASON = '订单取消后才到账，库存不足，已自动全额退款';

/**
 * Claim the payment on the cancelled order (apply.ts then settles what it owes). null when another
 * writer changed the order first (apply.ts reads it again).
 */
export async function applyLatePayment(
  db: Database, order: OrderDoc, shop: ShopDoc, payment: VerifiedPayment, source: PaymentSource, now: number,
): Promise<ApplyResult | null> {
  const claimedTx = order.payment?.transactionId ?? null;
  if (claimedTx !== null && claimedTx !== payment.transactionId) return secondPayment(db, order, payment, source, now);
  if (claimedTx === payment.transactionId) return { verdict: 'duplicate', order };
  const paidAt = paidAtOf(payment, now);
  const paidWith = { ...payment, source, outcome: 'late_reserved' as const };
  const _ = db.command;
  const res = await db.collection(COLLECTIONS.orders)
    .where({ _id: order._id, status: 'cancelled', 'payment.transactionId': null })
    .update({
      data: {
        'payment.transactionId': payment.transactionId, paidFen: payment.totalFee, paidAt, outTradeNo: payment.outTradeNo,
        paidWith: _.set(paidWith), owed: _.push(['settle_late']), updatedAt: now,
      },
    });
  if (updatedCount(res) !== 1) return null;
  const claimed: OrderDoc = {
    ...order, paidFen: payment.totalFee, paidAt, outTradeNo: payment.outTradeNo, paidWith, owed: [...(order.owed ?? []), 'settle_late'],
    payment: order.payment && { ...order.payment, transactionId: payment.transactionId },
  };
  return { verdict: 'late_claimed', order: claimed };
}

/** After the late payment is settled, what is still owed: the record, the alert, and for a paid order its deliveries. */
function owedAfter(order: OrderDoc, resold: boolean): OrderEffect[] {
  const rest: OrderEffect[] = (order.owed ?? []).filter((e) => e !== 'settle_late');
  // Resold: the coupon the cancel released is used again if still free; otherwise the price paid stands (coupons.ts useCoupon).
  return owedWith({ owed: rest }, ['record_payment', 'count_paid', 'alert_late', ...(resold ? [...couponUsed(order), ...deliveryEffects(order), 'tell_paid' as const] : [])]);
}

/**
 * The owed `settle_late` of a cancelled order whose payment was claimed: take the units again and make
 * it paid, in one transaction — or, when the shelf no longer has them, refund it all. A no-op once the
 * order left `cancelled` (a repeat).
 */
export async function settleLatePayment(db: Database, seen: OrderDoc, shop: ShopDoc | null, now: number): Promise<void> {
  if (!shop) throw new Error(`settleLatePayment: shop ${seen.shopId} of order ${seen._id} is missing`);
  const _ = db.command;
  const outcome = await inTransaction(db, async (tx): Promise<'done' | 'resold' | 'refund'> => {
    const order = await txGet<OrderDoc>(tx, COLLECTIONS.orders, seen._id);
    if (!order || order.status !== 'cancelled' || !(order.owed ?? []).includes('settle_late') || !order.paidWith) return 'done';
    const moves: MergedStockItem[] = [];
    const read = new Map<string, ProductDoc | null>();
    for (const item of stockItems(order.lines)) {
      if (!read.has(item.productId)) read.set(item.productId, await txGet<ProductDoc>(tx, COLLECTIONS.products, item.productId));
      const product = read.get(item.productId);
      // A SKU line takes its units from its SKU's bucket; a SKU gone since (or never) means a refund.
      const bucket = item.skuId === null ? product : product?.skus?.[item.skuId];
      if (bucket?.unlimited) continue;
      if (!bucket || bucket.stock < item.quantity) return 'refund';
      moves.push(item);
    }
    for (const m of moves) {
      await tx.collection(COLLECTIONS.products).doc(m.productId).update({
        data: { [bucketPath(m.skuId, 'stock')]: _.inc(-m.quantity), [bucketPath(m.skuId, 'sold')]: _.inc(m.quantity), updatedAt: now },
      });
    }
    const u = paidUpdate(order, shop, order.paidWith, order.paidAt ?? now, now, 'late_payment_reserved');
    await tx.collection(COLLECTIONS.orders).doc(order._id).update({
      data: {
        ...u.set,
        ...(u.fulfilment ? { fulfilment: _.set(u.fulfilment) } : {}),
        cancelReason: null, status: u.to, updatedAt: now, timeline: _.push(u.entries), owed: _.set(owedAfter(order, true)),
      },
    });
    return 'resold';
  });
  if (outcome !== 'refund') return;
  const refunded = await startRefund(db, {
    order: seen, full: true, reason: LATE_REFUND_REASON, actor: 'payment', by: null, now, event: 'late_payment_refunded',
    set: { owed: _.set(owedAfter(seen, false)), 'paidWith.outcome': 'late_refunded' },
  });
  // Another writer moved the order (a concurrent repeat): whoever settles it, `settle_late` stays owed until done.
  if (!refunded.ok && refunded.code !== 'INVALID_TRANSITION') throw new Error(`late payment refund: ${refunded.code} ${refunded.message}`);
}
