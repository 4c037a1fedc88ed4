// sweeper.tick (docs/product.md §15, every minute): runs the chosen jobs — all of them on the timer — one
// after another. A job that throws is logged and counted as failed; the others still run. Every job is
// idempotent and safe to run twice at once (compare-and-set on the order status, keyed grants).
import type { Payload } from '../../core/contracts/registry';
import type { SweeperReport } from '../../core/contracts/views';
import type { SweeperJob } from '../../core/contracts/wechat-events';
import { ok, type Result } from '../../core/errors';
import type { OperationContext } from '../handler';
import { completeOrders } from './complete-orders';
import { expireOrders } from './expire-orders';
import { memberJobs, type JobContext, type JobReport } from './member-jobs';
import { reconcilePayments } from './reconcile';
import { repairOrders } from './repair';
import { sendDigitalUpdates } from './digital-updates';
import { escalateAfterSales } from './escalate-aftersales';

type Job = (ctx: JobContext) => Promise<JobReport & { paid?: number }>;

/** Repair first (what is half done is finished before anything new starts); reconcile before expiring: a payment found is applied before its order could be closed. */
const JOBS: Record<SweeperJob, Job> = {
  repairOrders,
  reconcilePayments,
  expireOrders,
  completeOrders,
  expireMemberships: memberJobs.expireMemberships,
  sendRenewalReminders: memberJobs.sendRenewalReminders,
  retryRefunds: memberJobs.retryRefunds,
  escalateAfterSales,
  sendDigitalUpdates,
};

const ORDER: readonly SweeperJob[] = [
  'repairOrders', 'reconcilePayments', 'expireOrders', 'completeOrders', 'expireMemberships', 'sendRenewalReminders', 'retryRefunds',
  'escalateAfterSales', 'sendDigitalUpdates',
];

export async function tick(p: Payload<'sweeper', 'tick'>, ctx: OperationContext): Promise<Result<SweeperReport & { failed: number }>> {
  const chosen = ORDER.filter((j) => p.jobs.includes(j));
  const done: Partial<Record<SweeperJob, number>> = {};
  let paidAtExpiry = 0;
  let failed = 0;
  for (const job of chosen) {
    try {
      const r = await JOBS[job]({ db: ctx.db, now: ctx.now });
      done[job] = r.done;
      paidAtExpiry += r.paid ?? 0;
      failed += r.failed;
    } catch (err) {
      console.error(`[sweeper] ${job} failed`, err);
      failed += 1;
    }
  }
  return ok({
    repaired: done.repairOrders ?? 0,
    expired: done.expireOrders ?? 0,
    reconciled: (done.reconcilePayments ?? 0) + paidAtExpiry,
    completed: done.completeOrders ?? 0,
    membershipsExpired: done.expireMemberships ?? 0,
    remindersSent: done.sendRenewalReminders ?? 0,
    refundsRetried: done.retryRefunds ?? 0,
    afterSalesEscalated: done.escalateAfterSales ?? 0,
    digitalNoticesSent: done.sendDigitalUpdates ?? 0,
    failed,
  });
}
