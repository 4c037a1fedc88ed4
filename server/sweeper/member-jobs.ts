// The sweeper's membership and refund jobs (issue 3 "Timer"); B's tick runs them with its own jobs.
import type { Database } from '../sdk';

export interface JobContext {
  db: Database;
  now: number;
}

export interface JobReport {
  /** How many items the job changed (memberships expired, reminders sent, refunds retried). */
  done: number;
  /** Items that failed and will be tried again on a later tick. */
  failed: number;
}

export type MemberJob = 'expireMemberships' | 'sendRenewalReminders' | 'retryRefunds';

const nothing = async (): Promise<JobReport> => ({ done: 0, failed: 0 });

export const memberJobs: Record<MemberJob, (ctx: JobContext) => Promise<JobReport>> = {
  expireMemberships: nothing,
  sendRenewalReminders: nothing,
  retryRefunds: nothing,
};
