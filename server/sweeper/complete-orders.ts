// Timer job: fulfilled orders complete by themselves after the shop's autoCompleteDays (PRODUCT.md item
// 15 "completes delivered orders after a grace period"). The shortest setting is one day, so only
// orders fulfilled at least a day ago are read; each shop's own setting decides.
import type { OrderDoc, ShopDoc } from '../../core/model';
import { DAY_MS } from '../../core/time';
import type { JobContext, JobReport } from './member-jobs';
import { docsOf } from '../store/db';
import { transitionOrder } from '../store/orders';
import { BATCH, inTime } from './budget';

/** How many batches one tick looks through (orders of shops with longer settings come first by age). */
const MAX_PAGES = 5;

export async function completeOrders(ctx: JobContext): Promise<JobReport> {
  const { db, now } = ctx;
  const _ = db.command;
  const report: JobReport = { done: 0, failed: 0 };
  const started = Date.now();
  for (let page = 0; page < MAX_PAGES && inTime(started); page += 1) {
    const res = await db.collection('orders')
      .where({ status: 'fulfilled', fulfilledAt: _.lte(now - DAY_MS) })
      .orderBy('fulfilledAt', 'asc')
      .skip(page * BATCH)
      .limit(BATCH)
      .get();
    const orders = docsOf<OrderDoc>(res);
    if (orders.length === 0) break;
    const shopIds = [...new Set(orders.map((o) => o.shopId))];
    const shopsRes = await db.collection('shops').where({ _id: _.in(shopIds) }).limit(shopIds.length).field({ settings: true }).get();
    const days = new Map(docsOf<Pick<ShopDoc, '_id' | 'settings'>>(shopsRes).map((s) => [s._id, s.settings.autoCompleteDays]));
    for (const order of orders) {
      const graceDays = days.get(order.shopId);
      if (graceDays === undefined || order.fulfilledAt === null || order.fulfilledAt + graceDays * DAY_MS > now) continue;
      const moved = await transitionOrder(db, order, {
        to: 'completed', actor: 'system', by: null, event: 'completed', now, note: `发货 ${graceDays} 天后自动确认收货`,
        set: { completedAt: now },
      });
      if (moved.ok) report.done += 1;
    }
    if (orders.length < BATCH) break;
  }
  return report;
}
