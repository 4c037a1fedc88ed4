// The declared indexes of a collection, kept in memory and updated with every write (engine.ts apply),
// so a query narrows its candidates the way the real service's index scan does instead of reading the
// whole collection. One tree per index: level i branches on the value of the index's i-th key.
// The tree only ever narrows to a superset of the matches: mingo still tests every candidate, so a
// value the tree cannot place exactly (a path through an array) goes to the level's `any` branch,
// which every lookup includes.
import { encode, type Doc } from './ejson';

/** Node keys of values that are not plain values: a missing field and an empty array (MongoDB indexes both apart). */
export const MISSING = '\u0000missing';
export const EMPTY = '\u0000empty';
const UNPLACED = Symbol('unplaced');

export interface IndexNode {
  /** The value this branch stands for (undefined for MISSING and EMPTY). */
  value: unknown;
  /** Documents (idKeys) under this node, at the last level; the set of the whole subtree above it. */
  docs: Set<string>;
  children?: Map<string, IndexNode>;
  /** Documents whose value at the next level could not be placed. */
  any?: Set<string>;
  /** The children in sort order (planner.ts orderedKeys), null when they cannot be ordered; dropped on change. */
  sorted?: IndexNode[][] | null;
}

export function valueKey(v: unknown): string {
  return JSON.stringify(encode(v ?? null, false));
}

/** The node keys a document's value takes at one level (multikey for arrays, as MongoDB). */
function keysOf(doc: Doc, path: string): Map<string, unknown> | typeof UNPLACED {
  let cur: unknown = doc;
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (cur === null || cur === undefined) return new Map([[MISSING, undefined]]);
    if (Array.isArray(cur)) return UNPLACED;
    if (typeof cur !== 'object' || cur instanceof Date) return new Map([[MISSING, undefined]]);
    if (!(parts[i] in (cur as Doc))) return new Map([[MISSING, undefined]]);
    cur = (cur as Doc)[parts[i]];
  }
  if (Array.isArray(cur)) {
    if (cur.length === 0) return new Map([[EMPTY, undefined]]);
    if (cur.some((e) => Array.isArray(e))) return UNPLACED;
    return new Map(cur.map((e) => [valueKey(e), e]));
  }
  return new Map([[valueKey(cur), cur]]);
}

export class IndexTree {
  readonly root: IndexNode = { value: undefined, docs: new Set() };
  readonly fields: string[];

  constructor(readonly name: string, keys: Record<string, unknown>) {
    this.fields = Object.keys(keys);
  }

  add(key: string, doc: Doc): void {
    this.walk(this.root, 0, doc, (node) => node.docs.add(key), (set) => set.add(key));
  }

  remove(key: string, doc: Doc): void {
    this.walk(this.root, 0, doc, (node) => node.docs.delete(key), (set) => set.delete(key), true);
  }

  clear(): void {
    this.root.docs.clear();
    delete this.root.children;
    delete this.root.any;
    delete this.root.sorted;
  }

  private walk(node: IndexNode, level: number, doc: Doc, onNode: (n: IndexNode) => void, onAny: (s: Set<string>) => void, prune = false): void {
    onNode(node);
    if (level >= this.fields.length) return;
    const keys = keysOf(doc, this.fields[level]);
    if (keys === UNPLACED) {
      onAny((node.any ??= new Set()));
      return;
    }
    node.children ??= new Map();
    for (const [k, value] of keys) {
      let child = node.children.get(k);
      if (!child) {
        if (prune) continue;
        child = { value, docs: new Set() };
        node.children.set(k, child);
        delete node.sorted;
      }
      this.walk(child, level + 1, doc, onNode, onAny, prune);
      if (prune && child.docs.size === 0) {
        node.children.delete(k);
        delete node.sorted;
      }
    }
  }
}
