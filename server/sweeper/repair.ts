// Timer job: finish what a crash or a failed write left half done (docs/architecture.md §3.3). Two kinds
// of leftovers exist, and both are found by an index, not a scan:
// - orders that still owe effects (`owed`, written with the change that owes them): stock moves, the
//   payment record, grants, entitlements, alerts, a late payment's settlement — completed idempotently;
// - checkout locks whose place died before writing its order: their holds are released and the
//   requestId freed; a lock whose order exists is marked settled and never read again.
// A change still in flight is left alone for a minute (its own request is finishing it).
import { COLLECTIONS } from '../../core/collections';
import { ORDER_EFFECTS, type OrderDoc } from '../../core/model';
import { MINUTE_MS } from '../../core/time';
import { docsOf } from '../store/db';
import { settleOwed } from '../store/effects';
import { abandonedCheckouts, markCheckoutSettled, repairCheckout } from '../store/checkouts';
import type { JobContext, JobReport } from './member-jobs';
import { BATCH, inTime } from './budget';

export const REPAIR_AFTER_MS = MINUTE_MS;

export async function repairOrders(ctx: JobContext): Promise<JobReport> {
  const { db, now } = ctx;
  const _ = db.command;
  const report: JobReport = { done: 0, failed: 0 };
  const started = Date.now();
  const owing = docsOf<OrderDoc>(await db.collection(COLLECTIONS.orders)
    // Any effect in the list: an $in on the multikey index owed_updated, which bounds the scan to owing orders.
    .where({ owed: _.in([...ORDER_EFFECTS]), updatedAt: _.lte(now - REPAIR_AFTER_MS) })
    .orderBy('updatedAt', 'asc').limit(BATCH).get());
  for (const order of owing) {
    if (!inTime(started)) return report;
    try {
      await settleOwed(db, order, now);
      report.done += 1;
    } catch (err) {
      report.failed += 1;
      console.warn(`[repairOrders] ${order._id}: ${String((err as Error)?.message ?? err)}`);
    }
  }
  for (const checkout of await abandonedCheckouts(db, now, BATCH)) {
    if (!inTime(started)) return report;
    try {
      if (await repairCheckout(db, checkout, now)) report.done += 1;
      else await markCheckoutSettled(db, checkout);
    } catch (err) {
      report.failed += 1;
      console.warn(`[repairOrders] checkout ${checkout._id}: ${String((err as Error)?.message ?? err)}`);
    }
  }
  return report;
}
