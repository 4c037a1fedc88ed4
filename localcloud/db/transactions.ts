// Transactions (docs/wechat-contracts.md §2.9, §2.10). Snapshot reads: a transaction sees the committed data as of its
// start plus its own writes. A write takes a lock on the document:
//  - another transaction writing a locked document fails at once with DATABASE_TRANSACTION_CONFLICT
//    (§2.9 "其他事务的写入会直接失败"); through the SDK's per-operation wrapper that becomes
//    errCode -501001 without `.code`, so runTransaction does not retry it (§2.10);
//  - a transaction writing a document someone committed after its snapshot is doomed: the write is
//    accepted, and commit fails with DATABASE_TRANSACTION_CONFLICT (raw `.code`, so runTransaction
//    retries — "只有事务冲突时会重试"), first committer wins as in MongoDB snapshot isolation;
//  - plain writes to a locked document wait until the lock is released (actions.ts).
// Abandoned transactions abort after TRANSACTION_TIMEOUT_MS on the virtual clock (also in real time).
import { randomBytes } from 'node:crypto';
import type { Collection } from './collections';
import type { Doc } from './ejson';
import type { Batch, Engine } from './engine';
import { historyKey } from './engine';
import { transactionConflict, transactionNotFound } from './errors';

interface TxWrite {
  coll: Collection;
  key: string;
  after: Doc | null;
}

export interface Transaction {
  id: string;
  snapshot: number;
  writes: Map<string, TxWrite>;
  doomed: boolean;
  cancelTimer: () => void;
}

export interface Scheduler {
  now(): number;
  at(at: number, run: () => void): () => void;
}

export class TransactionManager {
  private readonly open = new Map<string, Transaction>();
  /** lock key (collection + _id) → id of the transaction holding it */
  private readonly locks = new Map<string, string>();
  private waiters: (() => void)[] = [];

  constructor(private readonly engine: Engine, private readonly scheduler: Scheduler, private readonly timeoutMs: number) {
    engine.keepHistory = () => this.open.size > 0;
  }

  start(): Transaction {
    const id = randomBytes(12).toString('hex');
    const tx: Transaction = { id, snapshot: this.engine.version, writes: new Map(), doomed: false, cancelTimer: () => {} };
    tx.cancelTimer = this.scheduler.at(this.scheduler.now() + this.timeoutMs, () => {
      if (this.open.get(id) === tx) this.finish(tx);
    });
    this.open.set(id, tx);
    return tx;
  }

  get(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!tx) throw transactionNotFound(String(id));
    return tx;
  }

  /** The document as this transaction sees it. */
  read(tx: Transaction, coll: Collection, key: string): Doc | null {
    const own = tx.writes.get(historyKey(coll.name, key));
    if (own) return own.after;
    return this.engine.readAt(coll, key, tx.snapshot);
  }

  /** Record a write (null = delete) and take the document's lock. */
  write(tx: Transaction, coll: Collection, key: string, after: Doc | null): void {
    const lk = historyKey(coll.name, key);
    const owner = this.locks.get(lk);
    if (owner && owner !== tx.id) throw transactionConflict();
    if (this.engine.changedSince(coll, key, tx.snapshot)) tx.doomed = true;
    this.locks.set(lk, tx.id);
    tx.writes.set(lk, { coll, key, after });
  }

  /** Who holds the lock on this document, if anyone. */
  lockOwner(coll: Collection, key: string): string | undefined {
    return this.locks.get(historyKey(coll.name, key));
  }

  /** Resolves the next time any lock is released. */
  released(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  commit(id: unknown): void {
    const tx = this.get(id);
    if (tx.doomed) {
      this.finish(tx);
      throw transactionConflict();
    }
    const byColl = new Map<Collection, Batch>();
    for (const w of tx.writes.values()) {
      const before = w.coll.docs.get(w.key)?.doc ?? null;
      if (!before && !w.after) continue;
      const batch = byColl.get(w.coll) ?? { coll: w.coll, changes: [] };
      batch.changes.push({ key: w.key, before, after: w.after });
      byColl.set(w.coll, batch);
    }
    try {
      this.engine.apply([...byColl.values()]);
    } finally {
      this.finish(tx);
    }
  }

  abort(id: unknown): void {
    this.finish(this.get(id));
  }

  /** Abort everything (reset/close). */
  abortAll(): void {
    for (const tx of [...this.open.values()]) this.finish(tx);
  }

  get openCount(): number {
    return this.open.size;
  }

  private finish(tx: Transaction): void {
    tx.cancelTimer();
    this.open.delete(tx.id);
    for (const [lk, owner] of this.locks) if (owner === tx.id) this.locks.delete(lk);
    let oldest: number | undefined;
    for (const t of this.open.values()) oldest = oldest === undefined ? t.snapshot : Math.min(oldest, t.snapshot);
    this.engine.prune(oldest);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
