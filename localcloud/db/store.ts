// The local cloud's document store: the cloud database on SQLite with MongoDB semantics (mingo),
// answering the `database.*` actions of POST /admin (docs/wechat-contracts.md §2, §10).
//   engine.ts        collections in memory, written through to SQLite (sqlite.ts)
//   actions.ts       the wire protocol: one handler per action, exact reply shapes
//   query.ts / update.ts / aggregate.ts   evaluation (mingo + what mingo lacks)
//   transactions.ts  snapshot reads, write locks, conflicts, timeouts
//   ejson.ts, collections.ts (unique indexes), limits.ts, errors.ts
import type { ActionMap, CloudModule } from '../types';
import { databaseActions, type UnindexedQuery } from './actions';
import { idKey } from './collections';
import { decode, type Doc } from './ejson';
import { Engine } from './engine';
import { TRANSACTION_TIMEOUT_MS } from './limits';
import { TransactionManager, type Scheduler } from './transactions';
import { newId } from './actions';

export interface DocumentStoreOptions {
  /** SQLite file path, or ':memory:' */
  file: string;
  collectionsFile: string;
  /** Abandoned transactions abort after this long (virtual clock). Default 10 s (limits.ts). */
  transactionTimeoutMs?: number;
  /** Record every query from a function that no declared index serves (`unindexed()`; tests turn it on). */
  checkIndexes?: boolean;
}

/** What the store needs from the local cloud: its virtual clock (LocalCloud satisfies this). */
export interface StoreHost {
  now(): number;
  clock: { at(at: number, run: () => void | Promise<void>): () => void };
}

export class DocumentStore implements CloudModule {
  readonly engine: Engine;
  readonly transactions: TransactionManager;
  private readonly actionMap: ActionMap;

  constructor(readonly cloud: StoreHost, readonly options: DocumentStoreOptions) {
    const now = () => cloud.now();
    this.engine = new Engine(options.file, options.collectionsFile, now);
    const scheduler: Scheduler = { now, at: (at, run) => cloud.clock.at(at, run) };
    this.transactions = new TransactionManager(this.engine, scheduler, options.transactionTimeoutMs ?? TRANSACTION_TIMEOUT_MS);
    const onUnindexed = options.checkIndexes ? (q: UnindexedQuery) => this.recordUnindexed(q) : undefined;
    this.actionMap = databaseActions({ engine: this.engine, txm: this.transactions, now, onUnindexed });
  }

  private readonly scans = new Map<string, UnindexedQuery & { count: number }>();

  private recordUnindexed(q: UnindexedQuery): void {
    const key = JSON.stringify([q.functionName, q.collection, q.action, q.query, q.order]);
    const seen = this.scans.get(key);
    if (seen) seen.count += 1;
    else this.scans.set(key, { ...q, count: 1 });
  }

  /** Queries from functions that would scan their collection in production, one per shape (kept across reset). */
  unindexed(): (UnindexedQuery & { count: number })[] {
    return [...this.scans.values()];
  }

  clearUnindexed(): void {
    this.scans.clear();
  }

  actions(): ActionMap {
    return this.actionMap;
  }

  /**
   * Insert documents as they are (relaxed EJSON: `{"$date": "…"}` becomes a Date), creating the
   * collection. A document whose `_id` exists replaces it, so seeding twice is harmless. Returns how many.
   */
  seed(collection: string, docs: Record<string, unknown>[]): number {
    const coll = this.engine.create(collection);
    const now = () => this.cloud.now();
    const changes = docs.map((raw) => {
      const doc = decode(raw, now) as Doc;
      if (!('_id' in doc)) doc._id = newId();
      const key = idKey(doc._id);
      return { key, before: coll.docs.get(key)?.doc ?? null, after: { _id: doc._id, ...doc } };
    });
    this.engine.apply([{ coll, changes }]);
    return changes.length;
  }

  /** Direct read for tests and tools: the committed documents of a collection, in natural order. */
  documents(collection: string): Doc[] {
    return [...(this.engine.collections.get(collection)?.docs.values() ?? [])].map((e) => e.doc);
  }

  reset(): void {
    this.transactions.abortAll();
    this.engine.reset();
  }

  close(): void {
    this.transactions.abortAll();
    this.engine.close();
  }
}
