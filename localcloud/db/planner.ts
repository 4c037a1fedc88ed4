// The query planner: which declared index serves a query, and the candidates it narrows to. MongoDB's
// rule for an index scan: the index's leading key has a predicate; equality keys on a prefix keep
// narrowing, and the first range (or existence) key ends the prefix. A query no index serves is a
// collection scan — locally it still works (mingo tests every document) but production reads the whole
// collection, so in test mode the store records it (store.ts `unindexed`). `$or` is served when every
// branch is. `_id` is always indexed.
import { idKey } from './collections';
import type { Doc } from './ejson';
import { EMPTY, MISSING, valueKey, type IndexNode, type IndexTree } from './indexes';

type Range = { op: '$gt' | '$gte' | '$lt' | '$lte'; value: unknown };
export type Cond =
  | { kind: 'eq'; values: unknown[] }
  | { kind: 'range'; ranges: Range[] }
  /** `$exists: true`; `element`: on `field.N`, so the field is a non-empty array. */
  | { kind: 'exists'; element: boolean }
  /** `$ne` / `$nin`: MongoDB scans the index around the excluded values. */
  | { kind: 'not'; values: unknown[] };
type Branch = Map<string, Cond[]>;

/** A query expands to at most this many `$or` branches before it counts as a scan. */
const MAX_BRANCHES = 64;
const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);

function isPlain(v: unknown): v is Doc {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);
}

/** A value an index lookup can find by equality (arrays and regexes match differently). */
function findable(v: unknown): boolean {
  return !Array.isArray(v) && !(v instanceof RegExp) && !(isPlain(v) && Object.keys(v).some((k) => k.startsWith('$')));
}

function fieldConds(path: string, v: unknown): [string, Cond][] {
  if (!isPlain(v) || !Object.keys(v).some((k) => k.startsWith('$'))) return findable(v) ? [[path, { kind: 'eq', values: [v] }]] : [];
  const out: [string, Cond][] = [];
  const ranges: Range[] = [];
  for (const [op, arg] of Object.entries(v)) {
    if (op === '$eq' && findable(arg)) out.push([path, { kind: 'eq', values: [arg] }]);
    else if (op === '$in' && Array.isArray(arg) && arg.every(findable)) out.push([path, { kind: 'eq', values: arg }]);
    else if (op === '$ne' && findable(arg)) out.push([path, { kind: 'not', values: [arg] }]);
    else if (op === '$nin' && Array.isArray(arg) && arg.every(findable)) out.push([path, { kind: 'not', values: arg }]);
    else if (RANGE_OPS.has(op)) ranges.push({ op: op as Range['op'], value: arg });
    else if (op === '$exists' && arg === true) {
      const element = /^(.+)\.\d+$/.exec(path);
      out.push(element ? [element[1], { kind: 'exists', element: true }] : [path, { kind: 'exists', element: false }]);
    }
  }
  if (ranges.length) out.push([path, { kind: 'range', ranges }]);
  return out;
}

function product(a: Branch[], b: Branch[]): Branch[] {
  const out: Branch[] = [];
  for (const x of a) {
    for (const y of b) {
      const merged: Branch = new Map([...x].map(([k, v]) => [k, [...v]]));
      for (const [k, v] of y) merged.set(k, [...(merged.get(k) ?? []), ...v]);
      out.push(merged);
    }
  }
  if (out.length > MAX_BRANCHES) throw new RangeError('too many branches');
  return out;
}

/** The query in disjunctive form: each branch maps a field to the predicates an index can use. */
export function branches(query: Doc): Branch[] {
  let out: Branch[] = [new Map()];
  for (const [k, v] of Object.entries(query)) {
    if (k === '$and' && Array.isArray(v)) for (const sub of v) out = product(out, isPlain(sub) ? branches(sub) : [new Map()]);
    else if (k === '$or' && Array.isArray(v)) out = product(out, v.flatMap((sub) => (isPlain(sub) ? branches(sub) : [new Map()])));
    else if (!k.startsWith('$')) {
      const conds = fieldConds(k, v);
      if (conds.length) out = product(out, [new Map(conds.map(([f, c]) => [f, [c]]))]);
    }
  }
  return out;
}

const RANK: Record<Cond['kind'], number> = { eq: 0, range: 1, exists: 2, not: 3 };
const rank = (c: Cond) => RANK[c.kind];
function best(conds: Cond[] | undefined): Cond | undefined {
  return conds?.length ? [...conds].sort((a, b) => rank(a) - rank(b))[0] : undefined;
}

/**
 * How much of the index the branch uses: 2 per equality key, 1 for the range key that ends the prefix,
 * and a half when the key after the equality prefix is the first sort key (the index also gives the order).
 */
function score(tree: IndexTree, branch: Branch, sortField: string | undefined): number {
  let s = 0;
  for (const field of tree.fields) {
    const c = best(branch.get(field));
    if (!c || c.kind !== 'eq') {
      if (c) s += 1;
      if (s > 0 && field === sortField) s += 0.5;
      break;
    }
    s += 2;
  }
  return s;
}

function typeClass(v: unknown): string | undefined {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (v instanceof Date) return 'date';
  return undefined;
}

/** A number, string or boolean as `<` compares it (a date by its time). */
function comparable(v: unknown): number | string | boolean {
  return v instanceof Date ? v.getTime() : (v as number | string | boolean);
}

/** Could a value in the index satisfy every range? (MongoDB compares within one type only.) */
function inRange(value: unknown, ranges: Range[]): boolean {
  const cls = typeClass(value);
  return ranges.every(({ op, value: bound }) => {
    if (typeClass(bound) !== cls) return false;
    const a = comparable(value);
    const b = comparable(bound);
    return op === '$gt' ? a > b : op === '$gte' ? a >= b : op === '$lt' ? a < b : a <= b;
  });
}

function collect(tree: IndexTree, node: IndexNode, level: number, branch: Branch, out: Set<string>): void {
  const cond = level < tree.fields.length ? best(branch.get(tree.fields[level])) : undefined;
  const usable = cond && !(cond.kind === 'range' && cond.ranges.some((r) => typeClass(r.value) === undefined));
  if (!usable || !node.children) {
    for (const k of node.docs) out.add(k);
    return;
  }
  for (const k of node.any ?? []) out.add(k);
  const visit = (child: IndexNode | undefined) => child && collect(tree, child, level + 1, branch, out);
  if (cond.kind === 'eq') {
    for (const v of cond.values) {
      visit(node.children.get(valueKey(v)));
      if (v === null) visit(node.children.get(MISSING));
    }
    return;
  }
  const nullKey = valueKey(null);
  if (cond.kind === 'not') {
    const excluded = new Set(cond.values.flatMap((v) => (v === null ? [nullKey, MISSING] : [valueKey(v)])));
    for (const [k, child] of node.children) if (!excluded.has(k)) visit(child);
    return;
  }
  for (const [k, child] of node.children) {
    if (k === MISSING) continue;
    if (cond.kind === 'exists' && (!cond.element || (k !== EMPTY && k !== nullKey))) visit(child);
    if (cond.kind === 'range' && k !== EMPTY && inRange(child.value, cond.ranges)) visit(child);
  }
}

export interface Plan {
  /** Some declared index (or `_id`) serves every branch of the query. */
  supported: boolean;
  /** The indexes chosen, per branch. */
  indexes: string[];
  /** Candidate idKeys (a superset of the matches), or null: every document. */
  keys: Set<string> | null;
}

export function plan(trees: IndexTree[], query: unknown, order?: Record<string, 1 | -1>): Plan {
  const sortField = order ? Object.keys(order)[0] : undefined;
  if (!isPlain(query) || Object.keys(query).length === 0) return { supported: false, indexes: [], keys: null };
  let list: Branch[];
  try {
    list = branches(query);
  } catch {
    return { supported: false, indexes: [], keys: null };
  }
  const keys = new Set<string>();
  const indexes: string[] = [];
  for (const branch of list) {
    const ids = best(branch.get('_id'));
    if (ids?.kind === 'eq' && ids.values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      for (const v of ids.values) keys.add(idKey(v));
      indexes.push('_id_');
      continue;
    }
    let chosen: IndexTree | undefined;
    let top = 0;
    for (const tree of trees) {
      const s = score(tree, branch, sortField);
      if (s > top) [chosen, top] = [tree, s];
    }
    if (!chosen) return { supported: false, indexes: [], keys: null };
    indexes.push(chosen.name);
    collect(chosen, chosen.root, 0, branch, keys);
  }
  return { supported: true, indexes, keys };
}

/**
 * Where a value sorts across types, as findDocs sorts (mingo: a missing field and null alike, then numbers,
 * strings, booleans, dates); undefined for what the walk does not place (objects, empty arrays).
 */
function sortClass(node: IndexNode, key: string): number | undefined {
  if (key === MISSING || node.value === null) return 0;
  const cls = key === EMPTY ? undefined : typeClass(node.value);
  return cls === undefined ? undefined : SORT_RANK[cls];
}

const SORT_RANK: Record<string, number> = { number: 1, string: 2, boolean: 4, date: 5 };

/**
 * A node's children in ascending sort order, children that sort alike (a missing field and null) in one
 * group; cached on the node until its children change. null when they cannot be ordered.
 */
function sortedChildren(node: IndexNode): IndexNode[][] | null {
  if (node.sorted !== undefined) return node.sorted;
  const placed: [number, IndexNode][] = [];
  for (const [k, child] of node.children ?? []) {
    const cls = sortClass(child, k);
    if (cls === undefined) return (node.sorted = null);
    placed.push([cls, child]);
  }
  const rankOf = ([cls, n]: [number, IndexNode]) => (cls === 0 ? 0 : comparable(n.value));
  placed.sort((a, b) => {
    if (a[0] !== b[0]) return a[0] - b[0];
    const x = rankOf(a);
    const y = rankOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const groups: IndexNode[][] = [];
  placed.forEach(([cls, n], i) => {
    if (i > 0 && cls === 0 && placed[i - 1][0] === 0) groups[groups.length - 1].push(n);
    else groups.push([n]);
  });
  return (node.sorted = groups);
}

export interface Window {
  order: Record<string, 1 | -1>;
  /** offset + limit: how many matches the page needs. */
  need: number;
  /** Whether the document with this idKey matches the whole query. */
  accept: (key: string) => boolean;
}

/** The index whose keys are the query's equalities (or `$in`s), then the sort keys, and how deep each part goes. */
function orderingIndex(trees: IndexTree[], list: Branch[], sortKeys: string[]): { tree: IndexTree; prefix: unknown[][]; sorted: number } | undefined {
  let found: { tree: IndexTree; prefix: unknown[][]; sorted: number } | undefined;
  const keysOf = (c: Cond | undefined) => (c?.kind === 'eq' ? c.values.map(valueKey).sort().join('|') : undefined);
  for (const tree of trees) {
    // Equality (or $in) on each leading key, the same in every branch; null also matches a missing field: not here.
    const prefix: unknown[][] = [];
    for (const field of tree.fields) {
      const conds = list.map((b) => best(b.get(field)));
      const first = conds[0];
      if (first?.kind !== 'eq' || first.values.length === 0 || first.values.some((v) => v === null)) break;
      const key = keysOf(first);
      if (!conds.every((c) => keysOf(c) === key)) break;
      prefix.push(first.values);
    }
    let sorted = 0;
    while (sorted < sortKeys.length && tree.fields[prefix.length + sorted] === sortKeys[sorted]) sorted += 1;
    if (sorted === 0 || prefix.length === 0) continue;
    if (!found || prefix.length + sorted > found.prefix.length + found.sorted) found = { tree, prefix, sorted };
  }
  return found;
}

/**
 * MongoDB's index-ordered scan with a limit: when an index's keys are the query's equalities followed by
 * the sort keys, walk it in sort order and stop once `need` documents match, finishing the group of ties
 * the walk stopped in — so sorting these candidates and cutting the page gives the same page as sorting
 * every match. A page costs what it returns, not what the collection holds. null when no index gives the
 * order (the caller narrows by plan() and sorts everything).
 */
export function orderedKeys(trees: IndexTree[], query: unknown, window: Window): string[] | null {
  if (!isPlain(query)) return null;
  let list: Branch[];
  try {
    list = branches(query);
  } catch {
    return null;
  }
  const sortKeys = Object.keys(window.order);
  const chosen = orderingIndex(trees, list, sortKeys);
  if (!chosen) return null;
  // An index that narrows by more of the query wins over one that only gives the order (the planner's
  // choice, as MongoDB's: a buyer's few orders by buyer_shop_created, not the shop's 10,000 in order).
  const narrowest = Math.max(...trees.map((t) => score(t, list[0], sortKeys[0])));
  if (score(chosen.tree, list[0], sortKeys[0]) < narrowest) return null;
  // The nodes the equalities lead to: one, or one per combination of $in values (MongoDB merges their
  // ordered scans; each gives at most `need`, and the page is among them).
  let starts: IndexNode[] = [chosen.tree.root];
  for (const values of chosen.prefix) {
    if (starts.some((n) => n.any?.size)) return null;
    starts = starts.flatMap((n) => values.flatMap((v) => n.children?.get(valueKey(v)) ?? []));
    if (starts.length > 64) return null;
  }
  const keys = new Set<string>();
  for (const start of starts) {
    const part = walkInOrder(chosen.tree, start, chosen.prefix.length, chosen.prefix.length + chosen.sorted, window);
    if (!part) return null;
    for (const k of part) keys.add(k);
  }
  return [...keys];
}

/** The first `window.need` accepted documents under `node` in sort order (whole tie groups), or null. */
function walkInOrder(tree: IndexTree, start: IndexNode, from: number, last: number, window: Window): string[] | null {
  const out: string[] = [];
  const seen = new Set<string>();
  // A group of ties: every document in it (the final sort orders them).
  const take = (n: IndexNode) => {
    for (const k of n.docs) {
      if (!seen.has(k) && window.accept(k)) out.push(k);
      seen.add(k);
    }
  };
  // false: the walk met something it cannot order; the caller falls back to a full sort.
  const visit = (n: IndexNode, level: number): boolean => {
    if (out.length >= window.need) return true;
    if (level === last || !n.children) {
      take(n);
      return true;
    }
    if (n.any?.size) return false;
    const groups = sortedChildren(n);
    if (!groups) return false;
    const desc = window.order[tree.fields[level]] === -1;
    for (let i = 0; i < groups.length; i++) {
      const group = groups[desc ? groups.length - 1 - i : i];
      if (group.length > 1) group.forEach(take);
      else if (!visit(group[0], level + 1)) return false;
      if (out.length >= window.need) break;
    }
    return true;
  };
  return visit(start, from) ? out : null;
}
