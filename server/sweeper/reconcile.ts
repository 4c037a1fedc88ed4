// Timer job: orders still unpaid whose notify never came (WECHAT-CONTRACTS §7.2: "商户需通过后端查单接口
// …来确认订单状态"). Each is asked of Cloud Pay at most every RECONCILE_EVERY_MS; a payment found is
// applied exactly as a notify would (payments/apply.ts, source `query`).
import type { OrderDoc } from '../../core/model';
import { MINUTE_MS } from '../../core/time';
import type { JobContext, JobReport } from './member-jobs';
import { docsOf } from '../db';
import { applyPayment } from '../payments/apply';
import { recordNotify } from '../payments/records';
import { verifyPayment } from '../payments/verify';
import { BATCH, inTime } from './budget';

/** A notify normally arrives within seconds; only orders older than this are asked about. */
export const RECONCILE_AFTER_MS = MINUTE_MS;
/** And each one at most this often. */
export const RECONCILE_EVERY_MS = MINUTE_MS;

export async function reconcilePayments(ctx: JobContext): Promise<JobReport> {
  const { db, now } = ctx;
  const _ = db.command;
  const base = { status: 'unpaid', paymentMethod: 'wechat', 'payment.params': _.neq(null), createdAt: _.lte(now - RECONCILE_AFTER_MS) };
  const res = await db.collection('orders')
    .where(_.or([
      { ...base, 'payment.lastQueriedAt': null },
      { ...base, 'payment.lastQueriedAt': _.lte(now - RECONCILE_EVERY_MS) },
    ]))
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
    await db.collection('orders').where({ _id: order._id, status: 'unpaid' }).update({ data: { 'payment.lastQueriedAt': now } });
  }
  return report;
}
