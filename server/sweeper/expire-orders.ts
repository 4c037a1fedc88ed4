// Timer job: unpaid orders past their reservation are cancelled and their stock released — Cloud Pay
// closed first, and a payment that beat the close applied as paid (payments/cancel.ts;
// docs/product.md §15). Safe to run twice at once: the second close answers "already closed" and the status
// change is a compare-and-set, so the stock is released once.
import { COLLECTIONS } from '../../core/collections';
import type { OrderDoc } from '../../core/model';
import type { JobContext, JobReport } from './member-jobs';
import { docsOf } from '../store/db';
import { closeAndCancel } from '../store/payments/cancel';
import { BATCH, inTime } from './budget';

export const EXPIRED_REASON = '超时未支付，订单已自动取消';

export interface ExpireReport extends JobReport {
  /** Orders whose close found them paid: applied as paid instead. */
  paid: number;
}

export async function expireOrders(ctx: JobContext): Promise<ExpireReport> {
  const { db, now } = ctx;
  const _ = db.command;
  const res = await db.collection(COLLECTIONS.orders).where({ status: 'unpaid', expiresAt: _.lte(now) }).orderBy('expiresAt', 'asc').limit(BATCH).get();
  const report: ExpireReport = { done: 0, failed: 0, paid: 0 };
  const started = Date.now();
  for (const order of docsOf<OrderDoc>(res)) {
    if (!inTime(started)) break;
    const outcome = await closeAndCancel(db, order, { actor: 'system', by: null, event: 'expired', reason: EXPIRED_REASON, now });
    if (outcome.kind === 'cancelled') report.done += 1;
    else if (outcome.kind === 'paid') report.paid += 1;
    else if (outcome.kind === 'transient') {
      report.failed += 1;
      console.warn(`[expireOrders] ${order._id}: ${outcome.detail}`);
    }
  }
  return report;
}
