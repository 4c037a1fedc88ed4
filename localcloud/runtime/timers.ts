// Timer triggers (config.json `triggers`, docs/wechat-contracts.md §5.1) on the virtual clock: each next
// fire is scheduled with cloud.clock.at, so advancing the clock by 10 minutes fires an every-minute
// timer 10 times, in order, each awaited. Event `{Type:'Timer', TriggerName, Time, Message:''}`,
// SOURCE wx_trigger, no OPENID; the return value is discarded. With skipIdleTicks, a tick proven to
// find nothing (idle-ticks.ts) is counted instead of run, and the timer re-arms as usual.
import { nextFire, parseCron, type CronSchedule } from './cron';
import { IdleTicks, TickRecorder } from './idle-ticks';
import type { FunctionEntry } from './registry';
import type { FunctionRuntime, InvokeOutcome } from './runtime';

export interface FireResult {
  requestId: string;
  outcome: 'ok' | 'error' | 'timeout' | 'killed' | 'not_found' | 'too_large';
  result?: unknown;
  errMsg?: string;
}

/** SCF's Time format: "2019-02-21T11:49:00Z" (UTC, whole seconds). */
export function timerTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class TimerScheduler {
  private cancels = new Map<string, () => void>();
  /** Bumped by stop(): a tick that was already running when its timer was stopped does not re-arm it. */
  private generation = 0;
  private running = new Set<Promise<unknown>>();
  readonly idle: IdleTicks | null;

  constructor(private readonly runtime: FunctionRuntime) {
    const cloud = runtime.cloud;
    this.idle = cloud.options.skipIdleTicks
      ? new IdleTicks({ now: () => cloud.now(), actions: () => cloud.actions(), faultsArmed: () => cloud.faults.list().length > 0,
        stamp: () => `${cloud.db.engine.version}:${cloud.clock.offset}` })
      : null;
  }

  /** (Re)arm every function's timer from the current virtual time. */
  syncAll(): void {
    void this.stop();
    this.idle?.forget();
    for (const entry of this.runtime.registry.list()) this.sync(entry);
  }

  /** (Re)arm one function's timer, e.g. after its config.json changed. */
  sync(entry: FunctionEntry): void {
    this.cancels.get(entry.name)?.();
    this.cancels.delete(entry.name);
    this.idle?.forget(entry.name);
    const trigger = entry.config.triggers[0]; // §5.1: one trigger per function
    if (!trigger) return;
    let schedule: CronSchedule;
    try {
      schedule = parseCron(trigger.config);
    } catch (err) {
      console.error(`[localcloud] ${entry.name}: timer ${trigger.name} not armed: ${(err as Error).message}`);
      return;
    }
    this.arm(entry.name, trigger.name, schedule, this.runtime.cloud.now());
  }

  private arm(fn: string, triggerName: string, schedule: CronSchedule, afterMs: number): void {
    const at = nextFire(schedule, afterMs);
    if (at === null) return;
    const generation = this.generation;
    const cancel = this.runtime.cloud.clock.at(at, async () => {
      this.cancels.delete(fn);
      const tick = (async () => {
        if (!(await this.idle?.provenIdle(fn))) await this.invoke(fn, triggerName, at);
      })();
      this.running.add(tick);
      try {
        await tick;
      } finally {
        this.running.delete(tick);
        // Still the same trigger, and not stopped meanwhile? (config may have changed; sync() re-armed it then.)
        const current = this.runtime.registry.get(fn)?.config.triggers[0];
        if (generation === this.generation && current?.name === triggerName && current.config === schedule.source && !this.cancels.has(fn)) {
          this.arm(fn, triggerName, schedule, at);
        }
      }
    });
    this.cancels.set(fn, cancel);
  }

  private async invoke(fn: string, triggerName: string, at: number): Promise<InvokeOutcome> {
    const event = { Type: 'Timer', TriggerName: triggerName, Time: timerTime(at), Message: '' };
    const tick = this.idle ? new TickRecorder(this.runtime.cloud.now()) : undefined;
    const outcome = await this.runtime.invoke(fn, event, { source: 'wx_trigger', watch: tick?.observe });
    if (tick) this.idle?.record(fn, tick, outcome.ok);
    return outcome;
  }

  /** POST /control/timers/:fn/fire: run the function's timer now and wait for it. */
  async fire(fn: string): Promise<FireResult | undefined> {
    const trigger = this.runtime.config(fn)?.triggers[0];
    if (!trigger) return undefined;
    const outcome = await this.invoke(fn, trigger.name, this.runtime.cloud.now());
    return outcome.ok
      ? { requestId: outcome.requestId, outcome: 'ok', result: outcome.result }
      : { requestId: outcome.requestId, outcome: outcome.kind, errMsg: outcome.message ?? outcome.errMsg };
  }

  /** Disarm every timer; resolves once the ticks already running have finished (none re-arms). */
  stop(): Promise<void> {
    this.generation += 1;
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
    return Promise.allSettled([...this.running]).then(() => undefined);
  }
}
