// Fault injection (POST /control/faults): delay or fail the next N database requests or function
// invocations, or kill an instance mid-invocation, to prove the functions survive what the real
// cloud does to them now and then.
export type FaultTarget = 'database' | 'invocation';
export interface FaultSpec {
  target: FaultTarget;
  /** delay: wait `delayMs` then proceed; fail: answer with a system error; kill: terminate the instance. */
  mode: 'delay' | 'fail' | 'kill';
  count?: number;
  delayMs?: number;
  /** Only requests of this action (database) or invocations of this function. */
  action?: string;
  functionName?: string;
}
interface Armed extends FaultSpec {
  remaining: number;
}

export class Faults {
  private armed: Armed[] = [];

  add(spec: FaultSpec): void {
    if (!['database', 'invocation'].includes(spec.target)) throw new RangeError('target must be database or invocation');
    if (!['delay', 'fail', 'kill'].includes(spec.mode)) throw new RangeError('mode must be delay, fail or kill');
    if (spec.mode === 'kill' && spec.target !== 'invocation') throw new RangeError('kill applies to invocations');
    this.armed.push({ ...spec, remaining: spec.count ?? 1 });
  }

  /** Take the next fault that applies, if any (consumes one of its count). */
  take(target: FaultTarget, key: { action?: string; functionName?: string }): FaultSpec | undefined {
    const f = this.armed.find(
      (a) =>
        a.target === target &&
        a.remaining > 0 &&
        (!a.action || a.action === key.action) &&
        (!a.functionName || a.functionName === key.functionName),
    );
    if (!f) return undefined;
    f.remaining--;
    if (f.remaining === 0) this.armed = this.armed.filter((a) => a !== f);
    return f;
  }

  list(): FaultSpec[] {
    return this.armed.map(({ remaining, ...spec }) => ({ ...spec, count: remaining }));
  }

  reset(): void {
    this.armed = [];
  }
}
