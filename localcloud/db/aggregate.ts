// aggregate().…end() (docs/wechat-contracts.md §2.8). The SDK sends `stages: [{stageKey: '$match', stageValue: '<EJSON>'}]`;
// mingo 7 runs the pipeline (match, group with sum/avg/min/max/first/last/push/addToSet/count,
// sort, skip, limit, project, addFields, lookup in both forms, unwind, count, replaceRoot, facet,
// bucket, sortByCount, sample …). What we add: `$lookup.from` resolves to our collections, input
// documents are cloned (the cache must not be mutated), the real service's default of 20 rows when
// the pipeline has no `$limit` (§2.3 / §6, [COMM]), and "not supported locally" for $geoNear/$out/….
import { Aggregator, ProcessingMode } from 'mingo';
import { decodeParam, type Doc } from './ejson';
import type { Collection } from './collections';
import type { Engine } from './engine';
import { requestFailed } from './errors';
import { DEFAULT_AGGREGATE_LIMIT } from './limits';
import type { Window } from './planner';
import { assertSupported, evaluatorError, mingoOptions, normalizeOrder } from './query';

export interface WireStage {
  stageKey: string;
  stageValue: string;
}

/** Wire stages → a MongoDB pipeline (EJSON decoded). A raw `[{$match: …}]` pipeline is accepted too. */
export function toPipeline(stages: unknown, now: () => number): Doc[] {
  if (!Array.isArray(stages)) throw requestFailed('aggregate: stages must be an array');
  return stages.map((s) => {
    if (s && typeof s === 'object' && 'stageKey' in s) {
      const { stageKey, stageValue } = s as WireStage;
      return { [stageKey]: decodeParam(stageValue, now) };
    }
    return decodeParam(s, now) as Doc;
  });
}

/** Without any `$limit` stage the real service returns 20 rows; reproduce it (documented in limits.ts). */
export function withDefaultLimit(pipeline: Doc[]): Doc[] {
  const hasLimit = pipeline.some((stage) => '$limit' in stage);
  return hasLimit ? pipeline : [...pipeline, { $limit: DEFAULT_AGGREGATE_LIMIT }];
}

/**
 * The documents of a collection a query can match (actions.ts candidates: index-narrowed, scans recorded);
 * with a window, only those the first `need` in `order` can come from (an index that gives the order).
 */
export type Narrow = (coll: Collection, query: unknown, window?: PageWindow) => Doc[];

type PageWindow = Omit<Window, 'accept'>;

/** A leading `$match`, `$sort`, [`$skip`], `$limit`: the page an index-ordered scan can stop after. */
function leadingWindow(pipeline: Doc[]): PageWindow | undefined {
  const sort = pipeline[1]?.$sort;
  if (!sort || typeof sort !== 'object') return undefined;
  const order = normalizeOrder(sort);
  let need = 0;
  for (const stage of pipeline.slice(2)) {
    if (typeof stage.$skip === 'number') need += stage.$skip;
    else if (typeof stage.$limit === 'number') return order ? { order, need: need + stage.$limit } : undefined;
    else return undefined;
  }
  return undefined;
}

const allDocs: Narrow = (coll) => [...coll.docs.values()].map((e) => e.doc);

interface Join {
  from: string;
  localField: string;
  foreignField: string;
  /** What the foreign documents must also match (a joined sub-pipeline's leading `$match` stages). */
  also: Doc[];
}

const isDoc = (v: unknown): v is Doc => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * A `$lookup` an index on the foreign field serves: the equality form (localField/foreignField), or a
 * sub-pipeline whose leading `$match` joins with `$expr: {$eq: ['$foreignField', '$$var']}` on a `let`
 * variable bound to a local field (the form server/wechat/sdk.ts joinedPipeline builds). Its other
 * leading `$match` conditions narrow the foreign documents too.
 */
function indexedJoin(stage: Doc): Join | undefined {
  const l = stage.$lookup as Doc | undefined;
  if (!l || typeof l.from !== 'string') return undefined;
  if (!('pipeline' in l)) {
    if (typeof l.localField !== 'string' || typeof l.foreignField !== 'string') return undefined;
    return { from: l.from, localField: l.localField, foreignField: l.foreignField, also: [] };
  }
  if (!Array.isArray(l.pipeline) || !isDoc(l.let)) return undefined;
  let join: { localField: string; foreignField: string } | undefined;
  const also: Doc[] = [];
  for (const sub of l.pipeline) {
    const match = isDoc(sub) ? sub.$match : undefined;
    if (!isDoc(match)) break;
    const { $expr: expr, ...rest } = match;
    const eq = isDoc(expr) ? expr.$eq : undefined;
    if (Array.isArray(eq) && eq.length === 2 && typeof eq[0] === 'string' && typeof eq[1] === 'string' && eq[0].startsWith('$') && eq[1].startsWith('$$')) {
      const bound = (l.let as Doc)[eq[1].slice(2)];
      if (!join && typeof bound === 'string' && bound.startsWith('$') && !bound.startsWith('$$')) {
        join = { localField: bound.slice(1), foreignField: eq[0].slice(1) };
      } else also.push({ $expr: expr });
    } else if (expr !== undefined) also.push({ $expr: expr });
    if (Object.keys(rest).length) also.push(rest);
  }
  if (!join) return undefined;
  // `$expr` conditions other than the join cannot narrow by an index; the sub-pipeline still applies them.
  return { from: l.from, ...join, also: also.filter((c) => !('$expr' in c)) };
}

function localValues(docs: Doc[], path: string): unknown[] {
  const out: unknown[] = [];
  for (const d of docs) {
    let v: unknown = d;
    for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Doc)[part] : undefined;
    if (Array.isArray(v)) out.push(...v);
    else out.push(v ?? null);
  }
  return out;
}

/**
 * A leading `$match` narrows the input by an index, and each indexed `$lookup` reads only the foreign
 * documents its local values can join (as the real service's index on the foreign field does): the
 * pipeline runs in pieces split at those lookups, with the same result as one run over whole collections.
 */
export function runAggregate(engine: Engine, collectionName: unknown, stages: unknown, now: () => number, narrow: Narrow = allDocs): Doc[] {
  const coll = engine.get(collectionName);
  const pipeline = withDefaultLimit(toPipeline(stages, now));
  assertSupported(pipeline);
  const first = pipeline[0]?.$match;
  let docs = narrow(coll, first !== undefined ? first : {}, first !== undefined ? leadingWindow(pipeline) : undefined);
  let piece: Doc[] = [];
  let resolver = (name: string) => allDocs(engine.get(name), {});
  const run = (input: Doc[]) => {
    const agg = new Aggregator(piece, mingoOptions({ processingMode: ProcessingMode.CLONE_INPUT, collectionResolver: resolver }));
    return agg.run<Doc>(input);
  };
  try {
    for (const stage of pipeline) {
      const lookup = indexedJoin(stage);
      const foreign = lookup && engine.collections.get(lookup.from);
      if (lookup && foreign) {
        if (piece.length) docs = run(docs);
        const on = { [lookup.foreignField]: { $in: localValues(docs, lookup.localField) } };
        const joined = narrow(foreign, lookup.also.length ? { $and: [on, ...lookup.also] } : on);
        resolver = () => joined;
        piece = [stage];
        docs = run(docs);
        piece = [];
        resolver = (name: string) => allDocs(engine.get(name), {});
        continue;
      }
      piece.push(stage);
    }
    return piece.length ? run(docs) : docs;
  } catch (err) {
    throw evaluatorError(err);
  }
}
