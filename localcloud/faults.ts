// Fault injection (POST /control/faults): delay or fail the next N database requests or function
// invocations, or kill an instance mid-invocation, to prove the functions survive what the real
// cloud does to them now and then.
export type FaultTarget = 'database' | 'invocation';
export interface FaultSpec {
  target: FaultTarget;
  /**
   * delay: wait `delayMs` then proceed; fail: answer with a system error (nothing written); kill: terminate
   * the instance — for a database request, right after the write is applied (a crash between two writes).
   */
  mode: 'delay' | 'fail' | 'kill';
  count?: number;
  delayMs?: number;
  /** Only requests of this action (database) or invocations of this function. */
  action?: string;
  /** Only database requests of one of these actions (e.g. every write action). */
  actions?: string[];
  /** Database requests: only those made by an invocation of this function. */
  functionName?: string;
  /** Let this many matching requests pass before the fault applies (fail the k-th write: after k − 1). */
  after?: number;
}
interface Armed extends FaultSpec {
  remaining: number;
  toPass: number;
}

export class Faults {
  private armed: Armed[] = [];

  add(spec: FaultSpec): void {
    if (!['database', 'invocation'].includes(spec.target)) throw new RangeError('target must be database or invocation');
    if (!['delay', 'fail', 'kill'].includes(spec.mode)) throw new RangeError('mode must be delay, fail or kill');
    this.armed.push({ ...spec, remaining: spec.count ?? 1, toPass: spec.after ?? 0 });
  }

  /** Take the next fault that applies, if any (consumes one of its count). */
  take(target: FaultTarget, key: { action?: string; functionName?: string }): FaultSpec | undefined {
    const f = this.armed.find(
      (a) =>
        a.target === target &&
        a.remaining > 0 &&
        (!a.action || a.action === key.action) &&
        (!a.actions || (key.action !== undefined && a.actions.includes(key.action))) &&
        (!a.functionName || a.functionName === key.functionName),
    );
    if (!f) return undefined;
    if (f.toPass > 0) {
      f.toPass--;
      return undefined;
    }
    f.remaining--;
    if (f.remaining === 0) this.armed = this.armed.filter((a) => a !== f);
    return f;
  }

  list(): FaultSpec[] {
    return this.armed.map(({ remaining, toPass, ...spec }) => ({ ...spec, count: remaining, after: toPass }));
  }

  reset(): void {
    this.armed = [];
  }
}
