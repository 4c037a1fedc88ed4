// The store's state: collections in memory (the fast path for every read) written through to
// SQLite (the truth, reloaded at start). `apply` is the only way a document changes: it checks
// `_id` and unique indexes, writes the batch in one SQLite transaction, then updates memory — all
// synchronously, so no other request can interleave (single-document atomicity, docs/wechat-contracts.md §2.9 guarded updates).
import { Collection, idKey, loadCollectionsFile, type Change, type CollectionSpec } from './collections';
import { fromStored, toStored, type Doc } from './ejson';
import { collectionExists, collectionLimit, collectionNotExists, documentTooLarge } from './errors';
import { MAX_COLLECTIONS, MAX_DOCUMENT_BYTES } from './limits';
import { SqliteFile, type WriteOp } from './sqlite';

export interface Batch {
  coll: Collection;
  changes: Change[];
}

/** A document's state before a write, kept while a transaction that started earlier may read it. */
interface PastVersion {
  v: number;
  before: Doc | null;
}

export class Engine {
  readonly collections = new Map<string, Collection>();
  readonly sqlite: SqliteFile;
  private readonly specs: Map<string, CollectionSpec>;
  /** Store-wide write counter; a transaction's snapshot is "everything up to version N". */
  version = 0;
  private readonly history = new Map<string, PastVersion[]>();
  /** Set by the transaction manager: is any transaction open (then past versions are kept)? */
  keepHistory: () => boolean = () => false;

  constructor(file: string, collectionsFile: string, private readonly now: () => number) {
    this.specs = new Map(loadCollectionsFile(collectionsFile).map((s) => [s.name, s]));
    this.sqlite = new SqliteFile(file);
    for (const spec of this.specs.values()) this.sqlite.addCollection(spec.name, 0);
    for (const name of this.sqlite.collections()) this.collections.set(name, this.newCollection(name));
    for (const row of this.sqlite.rows()) {
      const coll = this.collections.get(row.coll) ?? this.create(row.coll);
      coll.docs.set(row.id, { doc: fromStored(row.doc), v: 0, seq: 0 });
    }
    for (const coll of this.collections.values()) coll.reindex();
  }

  private newCollection(name: string): Collection {
    const spec = this.specs.get(name);
    return new Collection(name, spec?.indexes ?? [], !!spec);
  }

  /** The collection, or the real service's "not exists" reply (-502005, §1.4). */
  get(name: unknown): Collection {
    const coll = typeof name === 'string' ? this.collections.get(name) : undefined;
    if (!coll) throw collectionNotExists();
    return coll;
  }

  /** db.createCollection / seed: make the collection exist. */
  create(name: string, failIfExists = false): Collection {
    const existing = this.collections.get(name);
    if (existing) {
      if (failIfExists) throw collectionExists(name);
      return existing;
    }
    if (this.collections.size >= MAX_COLLECTIONS) throw collectionLimit(MAX_COLLECTIONS);
    this.sqlite.addCollection(name, this.now());
    const coll = this.newCollection(name);
    this.collections.set(name, coll);
    return coll;
  }

  /** Apply every change of every collection atomically (memory and disk), or throw and change nothing. */
  apply(batches: Batch[]): void {
    const ops: WriteOp[] = [];
    const commits: (() => void)[] = [];
    for (const { coll, changes } of batches) {
      if (changes.length === 0) continue;
      commits.push(coll.checkUnique(changes));
      for (const c of changes) {
        if (c.after) {
          const text = toStored(c.after);
          if (text.length > MAX_DOCUMENT_BYTES) throw documentTooLarge(Buffer.byteLength(text), MAX_DOCUMENT_BYTES);
          ops.push({ kind: 'put', coll: coll.name, id: c.key, doc: text });
        } else {
          ops.push({ kind: 'delete', coll: coll.name, id: c.key });
        }
      }
    }
    this.sqlite.write(ops);
    for (const commit of commits) commit();
    const keep = this.keepHistory();
    for (const { coll, changes } of batches) {
      for (const c of changes) {
        const v = ++this.version;
        if (keep) {
          const hk = historyKey(coll.name, c.key);
          const list = this.history.get(hk) ?? [];
          list.push({ v, before: coll.docs.get(c.key)?.doc ?? null });
          this.history.set(hk, list);
        }
        if (c.after) coll.put(c.key, c.after, v);
        else coll.drop(c.key);
      }
    }
  }

  /** The committed document as it was when version `at` was current (a transaction's snapshot). */
  readAt(coll: Collection, key: string, at: number): Doc | null {
    const past = this.history.get(historyKey(coll.name, key))?.find((p) => p.v > at);
    if (past) return past.before;
    return coll.docs.get(key)?.doc ?? null;
  }

  /** Has the document been written since version `at`? (a snapshot write would then conflict) */
  changedSince(coll: Collection, key: string, at: number): boolean {
    const entry = coll.docs.get(key);
    if (entry && entry.v > at) return true;
    return !!this.history.get(historyKey(coll.name, key))?.some((p) => p.v > at);
  }

  /** Forget past versions no open transaction can see (those at or before the oldest snapshot). */
  prune(oldestSnapshot: number | undefined): void {
    if (oldestSnapshot === undefined) {
      this.history.clear();
      return;
    }
    for (const [hk, list] of this.history) {
      const kept = list.filter((p) => p.v > oldestSnapshot);
      if (kept.length) this.history.set(hk, kept);
      else this.history.delete(hk);
    }
  }

  /** Empty every collection; forget those not declared in the collections file. */
  reset(): void {
    for (const coll of [...this.collections.values()]) {
      this.sqlite.clearCollection(coll.name, !coll.declared);
      if (coll.declared) {
        coll.docs.clear();
        coll.reindex();
      } else {
        this.collections.delete(coll.name);
      }
    }
    this.history.clear();
  }

  close(): void {
    this.sqlite.close();
  }
}

export function historyKey(coll: string, key: string): string {
  return `${coll}\u0000${key}`;
}

export { idKey };
