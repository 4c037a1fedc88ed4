// Timer job: orders still unpaid whose notify never came (docs/wechat-contracts.md §7.2: "商户需通过后端查单接口
// …来确认订单状态"). A payment found is applied exactly as a notify would (payments/apply.ts, source
// `query`).
//
// Which orders, without writing anything when nothing changed: an order is asked about on the ticks
// when its age falls in one of the one-minute windows below — 1, 2, 4, 8 … minutes old — so each is
// asked a handful of times over its life, never twice in a row for nothing, and a quiet shop's timer
// writes nothing at all. After its payment window the expiry's close settles it (expire-orders.ts).
import { COLLECTIONS } from '../../core/collections';
import type { OrderDoc } from '../../core/model';
import { MINUTE_MS } from '../../core/time';
import type { JobContext, JobReport } from './member-jobs';
import { docsOf } from '../store/db';
import { applyPayment } from '../store/payments/apply';
import { recordNotify } from '../store/payments/records';
import { verifyPayment } from '../store/payments/verify';
import { BATCH, inTime } from './budget';

/** Ages (minutes) at which an unpaid order is asked about; the longest payment window is 24 h. */
export const RECONCILE_AGES_MIN = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] as const;

export async function reconcilePayments(ctx: JobContext): Promise<JobReport> {
  const { db, now } = ctx;
  const _ = db.command;
  const base = { status: 'unpaid', paymentMethod: 'wechat', 'payment.params': _.neq(null) };
  const res = await db.collection(COLLECTIONS.orders)
    .where(_.or(RECONCILE_AGES_MIN.map((age) => ({
      ...base,
      createdAt: _.gt(now - (age + 1) * MINUTE_MS).and(_.lte(now - age * MINUTE_MS)),
    }))))
    .orderBy('createdAt', 'asc')
    .limit(BATCH)
    .get();
  const report: JobReport = { done: 0, failed: 0 };
  const started = Date.now();
  for (const order of docsOf<OrderDoc>(res)) {
    if (!inTime(started)) break;
    const verified = await verifyPayment(order, order.outTradeNo);
    if (verified.ok) {
      const applied = await applyPayment(db, order, verified.payment, 'query', now);
      if (applied.verdict === 'transient') report.failed += 1;
      else report.done += 1;
      continue;
    }
    if (verified.verdict === 'transient') {
      report.failed += 1;
      continue;
    }
    if (verified.verdict !== 'not_paid') {
      await recordNotify(db, {
        source: 'wx_trigger', verdict: verified.verdict, detail: `reconcile: ${verified.detail}`, outTradeNo: order.outTradeNo,
        transactionId: null, orderId: order._id, event: {}, now,
      });
    }
  }
  return report;
}
