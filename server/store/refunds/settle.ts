// A refund's result (docs/wechat-contracts.md §3.4), from its notify, the timer's queryRefund, or at once for a
// cash refund. Success commits in ONE transaction (§2.9): the refund document, the order's money (and
// `refunded` once every fen is back, order-state.ts refunding → refunded), and the stock of physical
// units that never left the shop — so a duplicate notify finds the refund succeeded and changes nothing.
// Then, idempotently: a fully refunded membership line takes its days back, a digital line's downloads stop.
import { COLLECTIONS } from '../../../core/collections';
import { formatYuan } from '../../../core/money';
import type { OrderDoc, ProductDoc, RefundDoc, TimelineEntry } from '../../../core/model';
import { canTransition, type Actor } from '../../../core/order-state';
import { settleRefund } from '../../../core/refund';
import { inTransaction, txGet, type Tx } from '../db';
import { raiseAlert } from '../alerts';
import { refundFollowups } from './followups';
import { bucketPath } from '../stock';
import type { Database } from '../../wechat/sdk';

export type SettleVerdict = 'settled' | 'duplicate' | 'not_found';

export interface SettleOutcome {
  verdict: SettleVerdict;
  refund: RefundDoc | null;
  order: OrderDoc | null;
}

/**
 * Units of physical lines go back on the shelf when the goods never left (not fulfilled yet). Lines the
 * owner marked sold out do not: the owner said those units are not there, so they leave `sold` only.
 */
async function returnStock(tx: Tx, db: Database, order: OrderDoc, refund: RefundDoc): Promise<void> {
  if (order.fulfilledAt !== null || order.stockState !== 'sold') return;
  const _ = db.command;
  for (const r of refund.lines) {
    const line = order.lines.find((l) => l.lineNo === r.lineNo);
    if (!line || line.kind !== 'physical' || r.quantity <= 0) continue;
    const product = await txGet<ProductDoc>(tx, COLLECTIONS.products, line.productId);
    // A SKU line's units go back to its SKU's bucket (retired or not: they were sold from it).
    const skuId = line.skuId ?? null;
    const bucket = skuId === null ? product : product?.skus?.[skuId];
    if (!product || !bucket || bucket.unlimited) continue;
    const sold = { [bucketPath(skuId, 'sold')]: _.inc(-r.quantity) };
    const data = line.soldOut ? sold : { ...sold, [bucketPath(skuId, 'stock')]: _.inc(r.quantity) };
    await tx.collection(COLLECTIONS.products).doc(product._id).update({ data: { ...data, updatedAt: refund.updatedAt } });
  }
}

export async function settleRefundSucceeded(
  db: Database, outRefundNo: string, refundId: string | null, now: number, actor: Actor = 'payment',
): Promise<SettleOutcome> {
  const _ = db.command;
  const outcome = await inTransaction(db, async (tx): Promise<SettleOutcome> => {
    const refund = await txGet<RefundDoc>(tx, COLLECTIONS.refunds, outRefundNo);
    if (!refund) return { verdict: 'not_found', refund: null, order: null };
    const order = await txGet<OrderDoc>(tx, COLLECTIONS.orders, refund.orderId);
    if (refund.status === 'succeeded' || !order) return { verdict: refund.status === 'succeeded' ? 'duplicate' : 'not_found', refund, order };
    if (refund.secondPayment) {
      // The other trade's money went back; the order's own money and status are not this refund's.
      await tx.collection(COLLECTIONS.refunds).doc(outRefundNo).update({
        data: { status: 'succeeded', refundId: refundId ?? refund.refundId, finishedAt: now, updatedAt: now },
      });
      return { verdict: 'settled', refund: { ...refund, status: 'succeeded', refundId: refundId ?? refund.refundId, finishedAt: now, updatedAt: now }, order };
    }
    const money = settleRefund(order, refund.amount);
    // A cash refund is handed back by the owner, but the status change it completes is the server's.
    const statusActor: Actor = actor === 'owner' ? 'system' : actor;
    const done = money.allMoneyBack && order.status === 'refunding' && canTransition('refunding', 'refunded', statusActor);
    const timeline: TimelineEntry[] = [{
      at: now, event: 'refund_succeeded', actor: done ? statusActor : actor, by: null, from: done ? 'refunding' : null, to: done ? 'refunded' : null,
      note: `${formatYuan(refund.amount)}（${outRefundNo}）`,
    }];
    const settled = { ...refund, status: 'succeeded' as const, refundId: refundId ?? refund.refundId, finishedAt: now, updatedAt: now };
    await returnStock(tx, db, order, settled);
    const stockState = done && order.stockState === 'sold' && order.fulfilledAt === null ? 'returned' : order.stockState;
    const orderPatch = {
      refundedFen: money.refundedFen, refundPendingFen: money.refundPendingFen, stockState, updatedAt: now,
      ...(done ? { status: 'refunded' as const, refundedAt: now } : {}),
    };
    await tx.collection(COLLECTIONS.orders).doc(order._id).update({ data: { ...orderPatch, timeline: _.push(timeline), owed: _.addToSet('refund_followups') } });
    await tx.collection(COLLECTIONS.refunds).doc(outRefundNo).update({
      data: { status: 'succeeded', refundId: settled.refundId, finishedAt: now, updatedAt: now },
    });
    const owed = (order.owed ?? []).includes('refund_followups') ? order.owed : [...(order.owed ?? []), 'refund_followups' as const];
    return { verdict: 'settled', refund: settled, order: { ...order, ...orderPatch, owed, timeline: [...order.timeline, ...timeline] } };
  });
  // The follow-ups were recorded as owed by the commit (or by an earlier one): run them, then clear them.
  // A crash in between leaves them owed for the next repeat or the sweeper.
  if (outcome.refund?.status === 'succeeded' && outcome.order && (outcome.order.owed ?? []).includes('refund_followups')) {
    await refundFollowups(db, outcome.order, now);
    await db.collection(COLLECTIONS.orders).where({ _id: outcome.order._id }).update({ data: { owed: _.pull('refund_followups') } });
  }
  return outcome;
}

/** Pending → failed (Cloud Pay refused, REFUNDCLOSE, CHANGE): the owner is alerted; the timer retries. */
export async function markRefundFailed(db: Database, refund: RefundDoc, reason: string, now: number): Promise<boolean> {
  const _ = db.command;
  const res = await db.collection(COLLECTIONS.refunds).where({ _id: refund._id, status: 'pending' })
    .update({ data: { status: 'failed', failReason: reason.slice(0, 200), attempts: _.inc(1), updatedAt: now } });
  if (((res as { stats?: { updated?: number } }).stats?.updated ?? 0) !== 1) return false;
  const entry: TimelineEntry = {
    at: now, event: 'refund_failed', actor: 'system', by: null, from: null, to: null,
    note: `${formatYuan(refund.amount)}（${refund.outRefundNo}）${reason.slice(0, 100)}`,
  };
  await db.collection(COLLECTIONS.orders).doc(refund.orderId).update({ data: { updatedAt: now, timeline: _.push([entry]) } });
  await raiseAlert(db, {
    mode: 'refresh', shopId: refund.shopId, kind: 'refund_failed', subject: refund.outRefundNo, orderId: refund.orderId, at: now, by: refund.by,
    message: `退款 ${formatYuan(refund.amount)} 未成功（${reason.slice(0, 60)}），系统会自动重试，也可在订单中手动重试`,
  });
  return true;
}
