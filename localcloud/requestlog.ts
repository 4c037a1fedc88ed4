// Every admin request, with the invocation that made it: this is how we count database round trips
// per user action (GET /control/requests).
export interface LoggedRequest {
  seq: number;
  at: number;
  action: string;
  collection?: string;
  invocationId?: string;
  functionName?: string;
  /** The invocation's SOURCE: `wx_client`, `wx_trigger` (a timer), … */
  source?: string;
  ms: number;
  ok: boolean;
  /** A database read: how many documents it returned, and their bytes on the wire. */
  docs?: number;
  bytes?: number;
}

const KEEP = 20_000;

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  add(entry: Omit<LoggedRequest, 'seq'>): void {
    this.entries.push({ seq: ++this.seq, ...entry });
    if (this.entries.length > KEEP) this.entries.splice(0, this.entries.length - KEEP);
  }

  /** Entries after `since` (a seq number), optionally for one invocation. */
  list(filter: { since?: number; invocationId?: string } = {}): LoggedRequest[] {
    return this.entries.filter(
      (e) => e.seq > (filter.since ?? 0) && (!filter.invocationId || e.invocationId === filter.invocationId),
    );
  }

  summary(filter: { since?: number; invocationId?: string } = {}) {
    const list = this.list(filter);
    const byAction: Record<string, number> = {};
    const byInvocation: Record<string, { functionName?: string; count: number; byAction: Record<string, number> }> = {};
    for (const e of list) {
      byAction[e.action] = (byAction[e.action] ?? 0) + 1;
      if (!e.invocationId) continue;
      const inv = (byInvocation[e.invocationId] ??= { functionName: e.functionName, count: 0, byAction: {} });
      inv.count++;
      inv.byAction[e.action] = (inv.byAction[e.action] ?? 0) + 1;
    }
    return { total: list.length, lastSeq: this.seq, byAction, byInvocation, requests: list };
  }

  get lastSeq(): number {
    return this.seq;
  }

  reset(): void {
    this.entries = [];
  }
}
