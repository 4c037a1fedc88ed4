// Notify delivery as WeChat Pay does it (docs/wechat-contracts.md §3.3, §7.1): the result is handed to the
// order's `functionName` with SOURCE=wx_paycallback; anything but a returned `{errcode: 0}` — a throw,
// a timeout, `{return_code:'SUCCESS'}` — counts as not received and is retried on the v2 schedule,
// on the virtual clock. Tests can add duplicates (sequential or concurrent), delay or drop notifies.
import type { NotifyDelivery } from '../control/client';
import type { InvokeOptions, InvokeOutcome } from '../runtime/runtime';
import { NOTIFY_RETRY_MS } from './wire';

export interface NotifierDeps {
  now(): number;
  /** Schedule on the virtual clock. */
  at(ms: number, run: () => Promise<void>): void;
  invoke(name: string, event: unknown, opts: InvokeOptions): Promise<InvokeOutcome>;
  /** Write the jobs to disk now: called before each attempt, so one cut short by a kill is known after restart. */
  persist?(): void;
}

export type NotifyMode = 'deliver' | 'delay' | 'drop';
export interface NotifyPolicy {
  mode: NotifyMode;
  /** Virtual ms to hold a notify (mode `delay`). */
  delayMs?: number;
}

/** One notify WeChat owes a function: a paid order, or a settled refund. */
export interface NotifyJob {
  kind: 'pay' | 'refund';
  outTradeNo: string;
  outRefundNo?: string;
  functionName: string;
  /** The payer (the local cloud sets the callback's OPENID to the payer; §3.3 leaves it undocumented). */
  openid?: string;
  event: Record<string, unknown>;
  attempts: number;
  /** Scheduled attempts so far (first + retries); redeliveries do not count. */
  scheduled: number;
  acknowledged: boolean;
  dropped: boolean;
  nextAt?: number;
  /** When the attempt now running was due (first or retry); cleared when it ends. */
  inFlightAt?: number;
}

export type Trigger = 'first' | 'retry' | 'redeliver';

/** The ack §3.3 requires: an object whose errcode is the number 0. */
export function isAcknowledged(outcome: InvokeOutcome): boolean {
  if (!outcome.ok) return false;
  const r = outcome.result as { errcode?: unknown } | null;
  return typeof r === 'object' && r !== null && !Array.isArray(r) && r.errcode === 0;
}

export class Notifier {
  readonly deliveries: (NotifyDelivery & { trigger: Trigger })[] = [];
  private readonly jobs: NotifyJob[] = [];
  private policy: NotifyPolicy = { mode: 'deliver' };
  private readonly tradePolicies = new Map<string, NotifyPolicy>();

  constructor(private readonly deps: NotifierDeps) {}

  setPolicy(policy: NotifyPolicy, outTradeNo?: string): void {
    if (outTradeNo) this.tradePolicies.set(outTradeNo, policy);
    else {
      this.policy = policy;
      this.tradePolicies.clear();
    }
  }

  policyFor(outTradeNo: string): NotifyPolicy {
    return this.tradePolicies.get(outTradeNo) ?? this.policy;
  }

  /** Start delivering a notify under the current policy; resolves after the first attempt when it is immediate. */
  async start(job: Omit<NotifyJob, 'attempts' | 'scheduled' | 'acknowledged' | 'dropped'>): Promise<NotifyJob> {
    const j: NotifyJob = { ...job, attempts: 0, scheduled: 0, acknowledged: false, dropped: false };
    this.jobs.push(j);
    const policy = this.policyFor(j.outTradeNo);
    if (policy.mode === 'drop') j.dropped = true;
    else if (policy.mode === 'delay') this.schedule(j, this.deps.now() + Math.max(0, policy.delayMs ?? 0), 'first');
    else await this.attempt(j, this.deps.now(), 'first');
    return j;
  }

  /** Track a notify without delivering it (control delivers it explicitly). */
  register(job: Omit<NotifyJob, 'attempts' | 'scheduled' | 'acknowledged' | 'dropped'>): NotifyJob {
    const j: NotifyJob = { ...job, attempts: 0, scheduled: 0, acknowledged: false, dropped: false };
    this.jobs.push(j);
    return j;
  }

  /**
   * Jobs restored from disk: re-arm the retries that were pending, and retry any attempt that was
   * running when the process died — WeChat Pay never got `{errcode: 0}` for it, so it is owed again,
   * on the schedule, as if it had failed.
   */
  restore(jobs: NotifyJob[], deliveries: Notifier['deliveries'], earliest: number): void {
    this.jobs.push(...jobs);
    this.deliveries.push(...deliveries);
    for (const j of jobs) {
      if (j.acknowledged || j.dropped) continue;
      if (j.inFlightAt !== undefined) {
        const retryIndex = j.scheduled - 1;
        const due = j.inFlightAt + (NOTIFY_RETRY_MS[retryIndex] ?? 0);
        j.inFlightAt = undefined;
        if (retryIndex < NOTIFY_RETRY_MS.length) this.schedule(j, Math.max(due, earliest), 'retry');
        continue;
      }
      if (j.nextAt === undefined) continue;
      this.schedule(j, Math.max(j.nextAt, earliest), j.scheduled === 0 ? 'first' : 'retry');
    }
  }

  find(kind: 'pay' | 'refund', key: string): NotifyJob | undefined {
    return [...this.jobs].reverse().find((j) => j.kind === kind && (kind === 'pay' ? j.outTradeNo === key : j.outRefundNo === key));
  }

  allJobs(): readonly NotifyJob[] {
    return this.jobs;
  }

  /** Deliver `times` more copies now, one after another or all at once (§7.1: duplicates are by design). */
  async redeliver(job: NotifyJob, times: number, concurrent: boolean, event = job.event): Promise<NotifyDelivery[]> {
    const now = this.deps.now();
    if (concurrent) return Promise.all(Array.from({ length: times }, () => this.attempt(job, now, 'redeliver', event)));
    const out: NotifyDelivery[] = [];
    for (let i = 0; i < times; i++) out.push(await this.attempt(job, now, 'redeliver', event));
    return out;
  }

  private schedule(job: NotifyJob, at: number, trigger: 'first' | 'retry'): void {
    job.nextAt = at;
    this.deps.at(at, async () => {
      job.nextAt = undefined;
      if (trigger === 'retry' && job.acknowledged) return;
      await this.attempt(job, at, trigger);
    });
  }

  private async attempt(job: NotifyJob, dueAt: number, trigger: Trigger, event = job.event): Promise<NotifyDelivery> {
    const attempt = ++job.attempts;
    if (trigger !== 'redeliver') {
      job.scheduled++;
      job.inFlightAt = dueAt;
      this.deps.persist?.();
    }
    const outcome = await this.deps.invoke(job.functionName, event, { source: 'wx_paycallback', openid: job.openid });
    if (trigger !== 'redeliver') job.inFlightAt = undefined;
    const acknowledged = isAcknowledged(outcome);
    const delivery = {
      kind: job.kind, outTradeNo: job.outTradeNo, outRefundNo: job.outRefundNo, functionName: job.functionName,
      attempt, at: dueAt, requestId: outcome.requestId, trigger, acknowledged,
      returned: outcome.ok ? outcome.result : { errCode: outcome.errCode, errMsg: outcome.errMsg, kind: outcome.kind },
    };
    this.deliveries.push(delivery);
    if (acknowledged) job.acknowledged = true;
    // Retry on the v2 schedule, counted from when this attempt was due, so one long clock jump
    // replays every retry that fell inside it.
    const retryIndex = job.scheduled - 1;
    if (trigger !== 'redeliver' && !job.acknowledged && retryIndex < NOTIFY_RETRY_MS.length) {
      this.schedule(job, dueAt + NOTIFY_RETRY_MS[retryIndex], 'retry');
    }
    return delivery;
  }

  reset(): void {
    this.deliveries.length = 0;
    this.jobs.length = 0;
    this.policy = { mode: 'deliver' };
    this.tradePolicies.clear();
  }
}
