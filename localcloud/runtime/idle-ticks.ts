// Idle timer ticks, proven and skipped (LocalCloudOptions.skipIdleTicks). An every-minute timer
// replayed over two virtual days is 2,880 invocations, nearly all of which read a few indexes, find
// nothing due and write nothing. A tick may be skipped only when it provably does exactly that:
//  - the last real tick of this function was idle: every request it made was a database read (no
//    write, transaction, open API, storage or function call) and it finished without a failure;
//  - replaying those reads now — each time value in a query moved by the time passed since — returns
//    exactly the replies that tick saw, so the function would take the same path and find nothing again;
//  - no fault is armed (a faulted read must really happen).
// Assumptions, true of Kaidian's sweeper: the function decides from what it reads and from Date.now()
// (not from the event's Time), and keeps no state between invocations that changes what it does.
// Otherwise the tick runs as always. Off by default: a fixture that only logs would never run again.
import type { AdminCall, ActionMap } from '../types';

/** Query values within this distance of the tick's time are read as times derived from it. */
const TIME_WINDOW_MS = 400 * 24 * 3600_000;
const READS = new Set(['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments']);

interface Read {
  action: string;
  params: Record<string, unknown>;
  reply: string;
}

/** What one real tick did, collected from its requests to /admin. */
export class TickRecorder {
  readonly reads: Read[] = [];
  idle = true;

  constructor(readonly at: number) {}

  observe = (call: AdminCall, reply: unknown, ok: boolean): void => {
    const inTransaction = call.params.transactionId !== undefined && call.params.transactionId !== null && call.params.transactionId !== '';
    if (ok && !inTransaction && READS.has(call.action)) {
      this.reads.push({ action: call.action, params: call.params, reply: JSON.stringify(reply) });
      return;
    }
    if (ok && !inTransaction && changedNothing(call.action, reply)) {
      // A where-update or where-remove that matched nothing wrote nothing: proven again by counting its
      // query's matches (0), never by running the write.
      const params = { collectionName: call.params.collectionName, query: call.params.query };
      this.reads.push({ action: 'database.calculateDocument', params, reply: JSON.stringify({ data: { total: 0 } }) });
      return;
    }
    this.idle = false;
  };
}

/** The reply of a modify or remove that changed no document (and inserted none). */
function changedNothing(action: string, reply: unknown): boolean {
  const data = (reply as { data?: Record<string, unknown> } | undefined)?.data;
  if (!data) return false;
  if (action === 'database.modifyDocument') return data.updated === 0 && data.upsert_id === undefined;
  if (action === 'database.removeDocument') return data.deleted === 0;
  return false;
}

function shiftNumber(n: number, from: number, delta: number): number {
  return Math.abs(n - from) <= TIME_WINDOW_MS ? n + delta : n;
}

/** The value with every time near `from` moved by `delta` (numbers, $numberLong/$numberDouble, $date). */
export function shiftTimes(v: unknown, from: number, delta: number): unknown {
  if (typeof v === 'number') return shiftNumber(v, from, delta);
  if (Array.isArray(v)) return v.map((x) => shiftTimes(x, from, delta));
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => {
    if ((k === '$numberLong' || k === '$numberDouble') && typeof x === 'string' && /^-?\d+(\.\d+)?$/.test(x)) {
      return [k, String(shiftNumber(Number(x), from, delta))];
    }
    if (k === '$date' && typeof x === 'string' && !Number.isNaN(Date.parse(x))) {
      return [k, new Date(shiftNumber(Date.parse(x), from, delta)).toISOString()];
    }
    return [k, shiftTimes(x, from, delta)];
  }));
}

/** A wire parameter that may be a JSON string, shifted in place of its parsed value. */
function shiftParam(v: unknown, from: number, delta: number): unknown {
  if (typeof v === 'string') {
    try {
      return JSON.stringify(shiftTimes(JSON.parse(v), from, delta));
    } catch {
      return v;
    }
  }
  return shiftTimes(v, from, delta);
}

function shiftedParams(params: Record<string, unknown>, from: number, delta: number): Record<string, unknown> {
  const out = { ...params };
  if ('query' in out) out.query = shiftParam(out.query, from, delta);
  if (Array.isArray(out.stages)) {
    out.stages = out.stages.map((s) => (s && typeof s === 'object' && 'stageValue' in s
      ? { ...s, stageValue: shiftParam((s as { stageValue: unknown }).stageValue, from, delta) }
      : shiftParam(s, from, delta)));
  }
  return out;
}

export interface IdleHost {
  now(): number;
  actions(): ActionMap;
  faultsArmed(): boolean;
  /** Changes whenever the database is written or the virtual clock is moved (not as real time passes). */
  stamp(): string;
}

/** A proof stands while the database and the clock's offset are unchanged, for this much real time. */
const PROOF_REUSE_MS = 1000;

export class IdleTicks {
  /** The last real tick of each function, when it was idle. */
  private readonly last = new Map<string, TickRecorder>();
  /** Ticks skipped per function. */
  readonly skipped = new Map<string, number>();
  /** The last proof per function: its stamp and the real time it was made. */
  private readonly proofs = new Map<string, { stamp: string; at: number }>();

  constructor(private readonly host: IdleHost) {}

  /** Remember a finished real tick: the proof for later ticks, or nothing when it did anything. */
  record(fn: string, tick: TickRecorder, ok: boolean): void {
    this.proofs.delete(fn);
    if (ok && tick.idle) this.last.set(fn, tick);
    else this.last.delete(fn);
  }

  forget(fn?: string): void {
    if (fn) {
      this.last.delete(fn);
      this.proofs.delete(fn);
    } else {
      this.last.clear();
      this.proofs.clear();
    }
  }

  /** Would a tick of `fn` now read the same replies as its last idle tick (so do nothing)? */
  async provenIdle(fn: string): Promise<boolean> {
    const tick = this.last.get(fn);
    if (!tick || this.host.faultsArmed()) return false;
    // Ticks due in one advance() run back to back at the same virtual time: while nothing was written,
    // the previous proof answers for this tick too (the real ticks would differ only by real-time jitter).
    const stamp = this.host.stamp();
    const proof = this.proofs.get(fn);
    if (proof && proof.stamp === stamp && Date.now() - proof.at < PROOF_REUSE_MS) return this.skip(fn);
    const delta = this.host.now() - tick.at;
    const actions = this.host.actions();
    for (const read of tick.reads) {
      const call: AdminCall = { action: read.action, params: shiftedParams(read.params, tick.at, delta), env: '', requestId: 'idle-proof' };
      let reply: unknown;
      try {
        reply = await actions[read.action](call);
      } catch {
        return false;
      }
      if (JSON.stringify(reply) !== read.reply) return false;
    }
    this.proofs.set(fn, { stamp, at: Date.now() });
    return this.skip(fn);
  }

  private skip(fn: string): true {
    this.skipped.set(fn, (this.skipped.get(fn) ?? 0) + 1);
    return true;
  }
}
