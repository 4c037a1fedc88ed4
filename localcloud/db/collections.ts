// Collections in memory: the documents (a Map in insertion order, keyed by the _id), a version per
// document for snapshot reads (transactions.ts), and the unique indexes declared in the checked-in
// collections file (docs/wechat-contracts.md §2.12; format `{"collections":[{"name","indexes":[{"name","keys","unique"}]}]}`).
import fs from 'node:fs';
import { encode, type Doc } from './ejson';
import { duplicateKey, invalidParam } from './errors';
import { IndexTree } from './indexes';

export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  /** MongoDB sparse index: documents missing every key field are not indexed (so not unique-checked). */
  sparse?: boolean;
}
export interface CollectionSpec {
  name: string;
  indexes?: IndexSpec[];
}

/** The declared collections; a missing file declares none. A malformed one is an error worth seeing. */
export function loadCollectionsFile(file: string): CollectionSpec[] {
  if (!file || !fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections?: CollectionSpec[] };
  if (!Array.isArray(parsed.collections)) throw new Error(`${file}: expected {"collections": [...]}`);
  for (const c of parsed.collections) {
    if (!c || typeof c.name !== 'string' || !c.name) throw new Error(`${file}: every collection needs a name`);
  }
  return parsed.collections;
}

/** `_id` may be a string or a number (§2.7); "5" and 5 are different documents. */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return `s:${id}`;
  if (typeof id === 'number' && Number.isFinite(id)) return `n:${id}`;
  throw invalidParam(`_id must be a string or a number, got ${JSON.stringify(encode(id, false))}`);
}

export interface Entry {
  doc: Doc;
  /** The store-wide version of the write that produced this document (0 = loaded from disk). */
  v: number;
  /** Insertion order (MongoDB's natural order), kept by updates. */
  seq: number;
}

/** Read a dotted path; `undefined` when missing (MongoDB indexes a missing field as null). */
function pathValue(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Doc)[part];
  }
  return cur;
}

export class UniqueIndex {
  /** index key → idKey of the document holding it */
  readonly owners = new Map<string, string>();
  readonly fields: string[];
  constructor(readonly name: string, keys: Record<string, unknown>, readonly sparse = false) {
    this.fields = Object.keys(keys);
  }
  /** The index key, or undefined when a sparse index skips the document. Missing fields count as null. */
  key(doc: Doc): string | undefined {
    const values = this.fields.map((f) => pathValue(doc, f));
    if (this.sparse && values.every((v) => v === undefined)) return undefined;
    return JSON.stringify(values.map((v) => encode(v ?? null, false)));
  }
  shown(doc: Doc): Record<string, unknown> {
    return Object.fromEntries(this.fields.map((f) => [f, encode(pathValue(doc, f) ?? null, false)]));
  }
}

export interface Change {
  key: string;
  before: Doc | null;
  after: Doc | null;
}

export class Collection {
  readonly docs = new Map<string, Entry>();
  readonly unique: UniqueIndex[];
  /** Every declared index, for queries (planner.ts). */
  readonly trees: IndexTree[];
  private seq = 0;

  constructor(readonly name: string, indexes: IndexSpec[] = [], readonly declared = false) {
    this.unique = indexes.filter((i) => i.unique).map((i) => new UniqueIndex(i.name, i.keys, !!i.sparse));
    this.trees = indexes.map((i) => new IndexTree(i.name, i.keys));
  }

  /** Store a document (insert or replace) and keep the query indexes current. */
  put(key: string, doc: Doc, v: number): void {
    const old = this.docs.get(key);
    if (old) for (const t of this.trees) t.remove(key, old.doc);
    this.docs.set(key, { doc, v, seq: old?.seq ?? ++this.seq });
    for (const t of this.trees) t.add(key, doc);
  }

  drop(key: string): void {
    const old = this.docs.get(key);
    if (!old) return;
    for (const t of this.trees) t.remove(key, old.doc);
    this.docs.delete(key);
  }

  /** The documents of `keys` (all when null) in natural order. */
  entries(keys: Set<string> | null): Entry[] {
    if (keys === null) return [...this.docs.values()];
    if (keys.size * 4 > this.docs.size) return [...this.docs].filter(([k]) => keys.has(k)).map(([, e]) => e);
    const out: Entry[] = [];
    for (const k of keys) {
      const e = this.docs.get(k);
      if (e) out.push(e);
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /**
   * Check a batch of changes against `_id` and every unique index, as if applied together; throws
   * the E11000 error (§2.12) on the first clash. Returns a function that records the new index keys.
   */
  checkUnique(changes: Change[]): () => void {
    const seenIds = new Set<string>();
    for (const c of changes) {
      if (c.after && !c.before) {
        if (this.docs.has(c.key) || seenIds.has(c.key)) {
          throw duplicateKey(this.name, '_id_', { _id: encode(c.after._id, false) });
        }
        seenIds.add(c.key);
      }
    }
    const plans = this.unique.map((index) => {
      const overlay = new Map<string, string | null>();
      for (const c of changes) {
        if (!c.before) continue;
        const old = index.key(c.before);
        if (old !== undefined && index.owners.get(old) === c.key) overlay.set(old, null);
      }
      for (const c of changes) {
        if (!c.after) continue;
        const k = index.key(c.after);
        if (k === undefined) continue;
        const owner = overlay.has(k) ? overlay.get(k) : index.owners.get(k);
        if (owner && owner !== c.key) throw duplicateKey(this.name, index.name, index.shown(c.after));
        overlay.set(k, c.key);
      }
      return { index, overlay };
    });
    return () => {
      for (const { index, overlay } of plans) {
        for (const [k, owner] of overlay) {
          if (owner === null) index.owners.delete(k);
          else index.owners.set(k, owner);
        }
      }
    };
  }

  /** Rebuild index keys from the documents (after loading from disk). */
  reindex(): void {
    this.seq = 0;
    for (const entry of this.docs.values()) entry.seq = ++this.seq;
    for (const t of this.trees) {
      t.clear();
      for (const [key, entry] of this.docs) t.add(key, entry.doc);
    }
    for (const index of this.unique) {
      index.owners.clear();
      for (const [key, entry] of this.docs) {
        const k = index.key(entry.doc);
        if (k !== undefined) index.owners.set(k, key);
      }
    }
  }
}
