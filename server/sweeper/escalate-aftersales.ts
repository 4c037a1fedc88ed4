// Timer job: an after-sale request the owner has not answered within 48 hours becomes an alert on the
// owner's console (store/alerts.ts raiseAlert, once per request); and an approval a crash left without
// its refund gets the refund started (store/aftersales.ts finishApproval, guarded by the refund count).
import { AFTER_SALE_ANSWER_MS } from '../../core/aftersale';
import { COLLECTIONS } from '../../core/collections';
import { formatYuan } from '../../core/money';
import type { AfterSaleDoc } from '../../core/model';
import { DAY_MS, MINUTE_MS } from '../../core/time';
import { finishApproval } from '../store/aftersales';
import { raiseAlert } from '../store/alerts';
import { docsOf } from '../store/db';
import { BATCH, inTime } from './budget';
import type { JobContext, JobReport } from './member-jobs';

export async function escalateAfterSales({ db, now }: JobContext): Promise<JobReport> {
  const _ = db.command;
  const report: JobReport = { done: 0, failed: 0 };
  const started = Date.now();
  const overdue = docsOf<AfterSaleDoc>(await db.collection(COLLECTIONS.afterSales)
    .where({ status: 'open', createdAt: _.lte(now - AFTER_SALE_ANSWER_MS), escalatedAt: null })
    .orderBy('createdAt', 'asc').limit(BATCH).get());
  for (const a of overdue) {
    if (!inTime(started)) return report;
    await raiseAlert(db, {
      shopId: a.shopId, kind: 'aftersale_overdue', subject: a._id, orderId: a.orderId, at: now,
      message: `顾客申请退款 ${formatYuan(a.amount)}（${a.reason}）已超过 48 小时未处理，请尽快同意或拒绝`,
    });
    await db.collection(COLLECTIONS.afterSales).where({ _id: a._id, escalatedAt: null }).update({ data: { escalatedAt: now, updatedAt: now } });
    report.done += 1;
  }
  const approved = docsOf<AfterSaleDoc>(await db.collection(COLLECTIONS.afterSales)
    .where({ status: 'approved', decidedAt: _.gte(now - DAY_MS).and(_.lte(now - MINUTE_MS)) })
    .orderBy('decidedAt', 'asc').limit(BATCH).get());
  for (const a of approved) {
    if (!inTime(started)) return report;
    const r = await finishApproval(db, a, null, now);
    if (!r.ok) report.failed += 1;
  }
  return report;
}
