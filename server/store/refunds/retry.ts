// Refunds that did not finish: a failed one is asked for again with its own outRefundNo (docs/wechat-contracts.md §3.4: WeChat
// then returns the first refund, never a second one); a pending one whose notify never came is
// re-queried (queryRefund), as payments are reconciled. The owner can retry by hand (shopAdmin
// retryRefund); the timer does both (sweeper retryRefunds). A refund is claimed with a compare-and-set
// on its status and attempts before Cloud Pay is asked, so two retries racing ask once.
import { COLLECTIONS } from '../../../core/collections';
import type { RefundStarted } from '../../../core/contracts/views';
import { fail, ok, type Result } from '../../../core/errors';
import type { OrderDoc, RefundDoc } from '../../../core/model';
import { MINUTE_MS } from '../../../core/time';
import { docOf, docsOf, updatedCount } from '../db';
import { channelOf } from '../../wechat/pay-channel';
import type { Database } from '../../wechat/sdk';
import { requestRefund } from './request';
import { markRefundFailed, settleRefundSucceeded } from './settle';

/** The timer leaves a failed refund alone for 1, 2, 4 … minutes (at most 6 hours) between attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(360, 2 ** Math.max(0, attempts - 1)) * MINUTE_MS;
}
/** A pending refund whose notify has not come after this long is re-queried. */
export const PENDING_QUERY_AFTER_MS = 10 * MINUTE_MS;
/** After this many attempts only the owner retries (an alert is already showing). */
export const MAX_AUTOMATIC_ATTEMPTS = 12;

const started = (r: RefundDoc, order: OrderDoc): RefundStarted => ({
  orderId: r.orderId, outRefundNo: r.outRefundNo, amount: r.amount, full: r.full, status: order.status,
});

/** Claim a failed (or pending) refund and ask Cloud Pay again. */
export async function retryRefund(db: Database, refund: RefundDoc, now: number): Promise<Result<RefundStarted>> {
  const order = docOf<OrderDoc>(await db.collection(COLLECTIONS.orders).doc(refund.orderId).get());
  if (!order) return fail('ORDER_NOT_FOUND');
  if (refund.status === 'succeeded') return ok(started(refund, order));
  const claim = await db.collection(COLLECTIONS.refunds)
    .where({ _id: refund._id, status: refund.status, attempts: refund.attempts })
    .update({ data: { status: 'pending', updatedAt: now } });
  if (updatedCount(claim) !== 1) return fail('INVALID_TRANSITION', { reason: 'refund changed concurrently' });
  const requested = await requestRefund(db, order, { ...refund, status: 'pending' }, now);
  if (!requested.ok) return fail('REFUND_FAILED', { ...started(refund, order), reason: requested.reason });
  return ok({ ...started(refund, order), status: requested.status ?? order.status });
}

/** A pending refund: what does Cloud Pay say? Settles success or failure; leaves PROCESSING alone. */
export async function reconcileRefund(db: Database, refund: RefundDoc, now: number): Promise<'succeeded' | 'failed' | 'pending'> {
  const order = docOf<OrderDoc>(await db.collection(COLLECTIONS.orders).doc(refund.orderId).get());
  const subMchId = order?.payment?.subMchId;
  if (!order || !subMchId) return 'pending';
  const q = await channelOf(order.payment).queryRefund(subMchId, refund.outRefundNo);
  if (!q.ok) {
    // WeChat Pay never heard of it (the refund call was lost): mark failed so it is asked again.
    if (q.notFound) return (await markRefundFailed(db, refund, 'refund unknown to WeChat Pay', now)) ? 'failed' : 'pending';
    return 'pending';
  }
  if (q.data.status === 'SUCCESS') {
    await settleRefundSucceeded(db, refund.outRefundNo, q.data.refundId, now, 'system');
    return 'succeeded';
  }
  if (q.data.status === 'REFUNDCLOSE' || q.data.status === 'CHANGE') {
    await markRefundFailed(db, refund, `refund ${q.data.status}`, now);
    return 'failed';
  }
  // Pending but asked long ago: touch it so the next tick looks at others first.
  await db.collection(COLLECTIONS.refunds).where({ _id: refund._id, status: 'pending' }).update({ data: { updatedAt: now } });
  return 'pending';
}

export interface RetrySweep {
  retried: number;
  settled: number;
  failed: number;
}

/** The timer's pass over unfinished refunds (sweeper retryRefunds): a bounded batch per tick. */
export async function sweepRefunds(db: Database, now: number, batch = 20): Promise<RetrySweep> {
  const _ = db.command;
  const out: RetrySweep = { retried: 0, settled: 0, failed: 0 };
  const failed = docsOf<RefundDoc>(await db.collection(COLLECTIONS.refunds)
    .where({ status: 'failed', attempts: _.lt(MAX_AUTOMATIC_ATTEMPTS) }).orderBy('updatedAt', 'asc').limit(batch).get());
  for (const r of failed) {
    if (now - r.updatedAt < retryDelayMs(r.attempts)) continue;
    const res = await retryRefund(db, r, now);
    if (res.ok) out.retried += 1;
    else out.failed += 1;
  }
  const pending = docsOf<RefundDoc>(await db.collection(COLLECTIONS.refunds)
    .where({ status: 'pending', updatedAt: _.lte(now - PENDING_QUERY_AFTER_MS) }).orderBy('updatedAt', 'asc').limit(batch).get());
  for (const r of pending) {
    const state = await reconcileRefund(db, r, now);
    if (state === 'succeeded') out.settled += 1;
    if (state === 'failed') out.failed += 1;
  }
  return out;
}
