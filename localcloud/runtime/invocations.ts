// Every invocation: who called, how (SOURCE), cold or warm, how it ended, and what it printed.
// POST /admin looks a running invocation up by its request id to know which user is asking.
import type { InvocationContext } from '../types';
import type { InvocationRecord } from '../control/client';
import type { LogLine } from './instance';

const KEEP = 5_000;
/** An invocation's context stays resolvable this long (real ms) after it ends: late requests still attribute. */
const LINGER_MS = 10_000;

interface Entry {
  ctx: InvocationContext;
  record: InvocationRecord;
  startedReal: number;
  endedReal?: number;
}

export class InvocationLog {
  private entries = new Map<string, Entry>();

  begin(ctx: InvocationContext, now: number): InvocationRecord {
    const record: InvocationRecord = {
      requestId: ctx.requestId, functionName: ctx.functionName, source: ctx.source, openid: ctx.openid,
      startedAt: now, cold: false, outcome: 'running', logs: [],
    };
    this.entries.set(ctx.requestId, { ctx, record, startedReal: Date.now() });
    if (this.entries.size > KEEP) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return record;
  }

  end(record: InvocationRecord, how: { outcome: InvocationRecord['outcome']; error?: string; cold: boolean }, now: number): void {
    record.outcome = how.outcome;
    record.cold = how.cold;
    if (how.error !== undefined) record.error = how.error;
    record.endedAt = now;
    const entry = this.entries.get(record.requestId);
    if (entry) {
      entry.endedReal = Date.now();
      record.ms = entry.endedReal - entry.startedReal; // real duration: the virtual clock may jump meanwhile
    }
  }

  /** Adds a console line to its invocation; returns the function's name when known. */
  attach(requestId: string | null, line: LogLine): string | undefined {
    const entry = requestId ? this.entries.get(requestId) : undefined;
    entry?.record.logs.push(line);
    return entry?.ctx.functionName;
  }

  context(requestId: string): InvocationContext | undefined {
    const entry = this.entries.get(requestId);
    if (!entry) return undefined;
    if (entry.endedReal !== undefined && Date.now() - entry.endedReal > LINGER_MS) return undefined;
    return entry.ctx;
  }

  list(filter: { functionName?: string; since?: number } = {}): InvocationRecord[] {
    const out: InvocationRecord[] = [];
    for (const { record } of this.entries.values()) {
      if (filter.functionName && record.functionName !== filter.functionName) continue;
      if (filter.since !== undefined && record.startedAt < filter.since) continue;
      out.push({ ...record, logs: [...record.logs] });
    }
    return out;
  }

  reset(): void {
    // Running invocations keep their context (their admin requests must still resolve).
    for (const [id, entry] of this.entries) if (entry.record.outcome !== 'running') this.entries.delete(id);
  }
}
