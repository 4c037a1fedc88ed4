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

/** Could a value in the index satisfy every range? (MongoDB compares within one type only.) */
function inRange(value: unknown, ranges: Range[]): boolean {
  const cls = typeClass(value);
  return ranges.every(({ op, value: bound }) => {
    if (typeClass(bound) !== cls) return false;
    const a = value instanceof Date ? value.getTime() : (value as number);
    const b = bound instanceof Date ? bound.getTime() : (bound as number);
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
