// Timer job: fulfilled orders complete by themselves after the shop's autoCompleteDays (docs/product.md
// §15 "completes delivered orders after a grace period"). The due time is written when the order is
// fulfilled (completeDueAt), so a tick reads only orders that are due, by an index on it: an idle tick
// costs the same at 10 orders as at 10,000, and one shop's long grace period never delays another's.
// A change of autoCompleteDays applies to orders fulfilled after it.
import { COLLECTIONS } from '../../core/collections';
import type { OrderDoc } from '../../core/model';
import type { JobContext, JobReport } from './member-jobs';
import { docsOf } from '../store/db';
import { transitionOrder } from '../store/orders';
import { BATCH, inTime } from './budget';

/** How many batches one tick may complete; the rest waits a minute. */
const MAX_PAGES = 5;

export async function completeOrders(ctx: JobContext): Promise<JobReport> {
  const { db, now } = ctx;
  const _ = db.command;
  const report: JobReport = { done: 0, failed: 0 };
  const started = Date.now();
  for (let page = 0; page < MAX_PAGES && inTime(started); page += 1) {
    const orders = docsOf<OrderDoc>(await db.collection(COLLECTIONS.orders)
      .where({ status: 'fulfilled', completeDueAt: _.lte(now) })
      .orderBy('completeDueAt', 'asc')
      .limit(BATCH)
      .get());
    for (const order of orders) {
      const days = order.fulfilledAt !== null ? Math.round(((order.completeDueAt ?? now) - order.fulfilledAt) / 86_400_000) : null;
      const moved = await transitionOrder(db, order, {
        to: 'completed', actor: 'system', by: null, event: 'completed', now,
        note: days !== null ? `发货 ${days} 天后自动确认收货` : '自动确认收货', set: { completedAt: now },
      });
      if (moved.ok) report.done += 1;
    }
    if (orders.length < BATCH) break;
  }
  return report;
}
