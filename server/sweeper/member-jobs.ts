// The sweeper's membership and refund jobs (docs/product.md §15); B's tick runs them with its own jobs.
// Each is idempotent and safe to run twice at once: expiry is one guarded where-update, a reminder is
// claimed (compare-and-set on reminderSentFor) before it is sent, a refund is claimed before it is retried.
import { COLLECTIONS } from '../../core/collections';
import { renewalReminderDue, RENEWAL_REMINDER_WINDOW_MS } from '../../core/membership';
import type { MembershipDoc, ShopDoc } from '../../core/model';
import { docsOf, updatedCount } from '../store/db';
import { notifyRenewal } from '../wechat/notifications/notify';
import { sweepRefunds } from '../store/refunds/retry';
import type { Database } from '../wechat/sdk';

export interface JobContext {
  db: Database;
  now: number;
}

export interface JobReport {
  /** How many items the job changed (memberships expired, reminders sent, refunds retried or settled). */
  done: number;
  /** Items that failed (retried on a later tick where a retry can help). */
  failed: number;
}

export type MemberJob = 'expireMemberships' | 'sendRenewalReminders' | 'retryRefunds';

/** Reminders per tick: the timer runs every minute, so a backlog drains quickly without a long invocation. */
const REMINDER_BATCH = 50;

/** Day-based terms that ran out are marked (expiredAt); the state shown is still computed on read. */
async function expireMemberships({ db, now }: JobContext): Promise<JobReport> {
  const _ = db.command;
  const res = await db.collection(COLLECTIONS.memberships)
    .where({ lifetime: false, expiresAt: _.lte(now), expiredAt: null })
    .update({ data: { expiredAt: now, updatedAt: now } });
  return { done: updatedCount(res), failed: 0 };
}

/** One subscribe message per expiry, inside the 3 days before it (core/membership.ts renewalReminderDue). */
async function sendRenewalReminders({ db, now }: JobContext): Promise<JobReport> {
  const _ = db.command;
  const candidates = docsOf<MembershipDoc>(await db.collection(COLLECTIONS.memberships)
    .where({ lifetime: false, expiresAt: _.gt(now).and(_.lte(now + RENEWAL_REMINDER_WINDOW_MS)) })
    .orderBy('expiresAt', 'asc').limit(REMINDER_BATCH * 4).get());
  const due = candidates.filter((m) => renewalReminderDue(m, now)).slice(0, REMINDER_BATCH);
  if (due.length === 0) return { done: 0, failed: 0 };
  const shopIds = [...new Set(due.map((m) => m.shopId))];
  const shops = docsOf<Pick<ShopDoc, '_id' | 'name'>>(await db.collection(COLLECTIONS.shops)
    .where({ _id: _.in(shopIds) }).field({ _id: true, name: true }).limit(shopIds.length).get());
  const names = new Map(shops.map((s) => [s._id, s.name]));
  const report: JobReport = { done: 0, failed: 0 };
  for (const m of due) {
    // Claim first: two ticks at once send one reminder. A refused send (43101: the member did not
    // subscribe) is not retried — the claim stands, as WeChat would refuse again.
    const claim = await db.collection(COLLECTIONS.memberships)
      .where({ _id: m._id, expiresAt: m.expiresAt, reminderSentFor: m.reminderSentFor })
      .update({ data: { reminderSentFor: m.expiresAt } });
    if (updatedCount(claim) !== 1) continue;
    if (await notifyRenewal(m, names.get(m.shopId) ?? '')) report.done += 1;
    else report.failed += 1;
  }
  return report;
}

async function retryRefunds({ db, now }: JobContext): Promise<JobReport> {
  const r = await sweepRefunds(db, now);
  return { done: r.retried + r.settled, failed: r.failed };
}

export const memberJobs: Record<MemberJob, (ctx: JobContext) => Promise<JobReport>> = {
  expireMemberships,
  sendRenewalReminders,
  retryRefunds,
};
