// Queries, sorting and projection. mingo 7 evaluates every comparison, logic, element, array and
// regex operator of docs/wechat-contracts.md §2.6 with MongoDB semantics (including array fields, missing vs null, BSON sort
// order). What we add: the `_id` point-read shortcut, MongoDB's `$slice` projection (mingo turns a
// slice-only projection into an inclusion of just that field; MongoDB keeps every field), a clear
// "not supported locally" error for geo/text/jsonSchema/$where, and MongoDB-style error replies.
import { Query } from 'mingo';
import { ServiceError } from '../types';
import type { Doc } from './ejson';
import { notSupportedLocally, requestFailed } from './errors';

/** Real-service operators this evaluator does not implement; answered with a clear error. */
const UNSUPPORTED = new Set([
  '$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$geometry', '$text', '$jsonSchema', '$where',
  '$geoNear', '$out', '$merge', '$collStats', '$indexStats', '$function', '$accumulator',
]);

export function assertSupported(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) assertSupported(v);
    return;
  }
  if (!value || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return;
  for (const [k, v] of Object.entries(value as Doc)) {
    if (UNSUPPORTED.has(k)) throw notSupportedLocally(`${k}`);
    assertSupported(v);
  }
}

/** Turn an evaluator exception into the reply the service gives for a bad query or update. */
export function evaluatorError(err: unknown): ServiceError {
  if (err instanceof ServiceError) return err;
  const message = (err as Error)?.message ?? String(err);
  if (/unknown .*operator|unregistered/i.test(message)) return new ServiceError('DATABASE_INVALID_OPERRATOR', message);
  return requestFailed(message);
}

export type MingoOptions = NonNullable<ConstructorParameters<typeof Query>[1]>;

export function mingoOptions(extra: MingoOptions = {}): MingoOptions {
  // $where/$function stay off: the real service does not run user JavaScript either.
  return { idKey: '_id', scriptEnabled: false, useStrictMode: true, ...extra };
}

export type Matcher = (doc: Doc) => boolean;

export function compileQuery(query: unknown): Matcher {
  if (query === undefined || query === null) return () => true;
  if (typeof query !== 'object' || Array.isArray(query)) throw requestFailed('query must be an object');
  if (Object.keys(query).length === 0) return () => true;
  assertSupported(query);
  try {
    const q = new Query(query as Doc, mingoOptions());
    return (doc) => q.test(doc);
  } catch (err) {
    throw evaluatorError(err);
  }
}

/** `{_id: <string|number>}` at the top level narrows the scan to one document (point read). */
export function pointId(query: unknown): string | number | undefined {
  if (!query || typeof query !== 'object') return undefined;
  const id = (query as Doc)._id;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}

/** `order` arrives as `{field: 1|-1, …}` in call order (§2.2: multiple orderBy calls merge). */
export function normalizeOrder(order: unknown): Record<string, 1 | -1> | undefined {
  if (!order) return undefined;
  const out: Record<string, 1 | -1> = {};
  if (Array.isArray(order)) {
    for (const o of order as { field?: string; direction?: string }[]) {
      if (o?.field) out[o.field] = o.direction === 'desc' ? -1 : 1;
    }
  } else if (typeof order === 'object') {
    for (const [k, v] of Object.entries(order as Doc)) out[k] = Number(v) < 0 || v === 'desc' ? -1 : 1;
  }
  return Object.keys(out).length ? out : undefined;
}

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
}

/** Filter, sort, skip, limit — mingo's cursor, stable on insertion order for ties. */
export function findDocs(docs: Doc[], match: Matcher, opts: FindOptions = {}): Doc[] {
  let out = docs.filter(match);
  if (opts.order) {
    try {
      out = new Query({}, mingoOptions()).find<Doc>(out).sort(opts.order).all();
    } catch (err) {
      throw evaluatorError(err);
    }
  }
  const start = Math.max(0, opts.offset ?? 0);
  const end = opts.limit === undefined ? undefined : start + Math.max(0, opts.limit);
  return out.slice(start, end);
}

function sliceArray(arr: unknown[], spec: unknown): unknown[] {
  if (Array.isArray(spec)) {
    const [skip, n] = spec.map(Number);
    const from = skip < 0 ? Math.max(0, arr.length + skip) : skip;
    return arr.slice(from, from + Math.max(0, n));
  }
  const n = Number(spec);
  return n >= 0 ? arr.slice(0, n) : arr.slice(Math.max(0, arr.length + n));
}

/** Replace the array at `path` in a copy of `doc` (copying only along the path: docs are cached). */
function withSlice(doc: Doc, path: string[], spec: unknown): Doc {
  const [head, ...rest] = path;
  if (!(head in doc)) return doc;
  const value = doc[head];
  if (rest.length === 0) return Array.isArray(value) ? { ...doc, [head]: sliceArray(value, spec) } : doc;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return doc;
  return { ...doc, [head]: withSlice(value as Doc, rest, spec) };
}

/** `field({...})` (§2.2): inclusion/exclusion through mingo, `_.project.slice` by hand. */
export function projectDocs(docs: Doc[], projection: unknown): Doc[] {
  if (!projection || typeof projection !== 'object' || Object.keys(projection).length === 0) return docs;
  const slices: [string, unknown][] = [];
  const rest: Doc = {};
  for (const [k, v] of Object.entries(projection as Doc)) {
    if (v && typeof v === 'object' && '$slice' in (v as Doc)) slices.push([k, (v as Doc).$slice]);
    else rest[k] = v;
  }
  const inclusive = Object.entries(rest).some(([k, v]) => k !== '_id' && v !== 0 && v !== false);
  if (inclusive) for (const [k] of slices) rest[k] = 1;
  let out = docs;
  if (Object.keys(rest).length) {
    try {
      out = new Query({}, mingoOptions()).find<Doc>(docs, rest).all();
    } catch (err) {
      throw evaluatorError(err);
    }
  }
  if (slices.length) out = out.map((d) => slices.reduce((acc, [k, spec]) => withSlice(acc, k.split('.'), spec), d));
  return out;
}
