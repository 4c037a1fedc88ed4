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
import { assertSupported, evaluatorError, mingoOptions } from './query';

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

/** The documents of a collection a query can match (actions.ts candidates: index-narrowed, scans recorded). */
export type Narrow = (coll: Collection, query: unknown) => Doc[];

const allDocs: Narrow = (coll) => [...coll.docs.values()].map((e) => e.doc);

/** A `$lookup` in its equality form (localField/foreignField), which an index on the foreign field serves. */
function simpleLookup(stage: Doc): { from: string; localField: string; foreignField: string } | undefined {
  const l = stage.$lookup as Doc | undefined;
  if (!l || typeof l.from !== 'string' || typeof l.localField !== 'string' || typeof l.foreignField !== 'string' || 'pipeline' in l) return undefined;
  return { from: l.from, localField: l.localField, foreignField: l.foreignField };
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
 * A leading `$match` narrows the input by an index, and each equality `$lookup` reads only the foreign
 * documents its local values can join (as the real service's index on the foreign field does): the
 * pipeline runs in pieces split at those lookups, with the same result as one run over whole collections.
 */
export function runAggregate(engine: Engine, collectionName: unknown, stages: unknown, now: () => number, narrow: Narrow = allDocs): Doc[] {
  const coll = engine.get(collectionName);
  const pipeline = withDefaultLimit(toPipeline(stages, now));
  assertSupported(pipeline);
  const first = pipeline[0]?.$match;
  let docs = narrow(coll, first !== undefined ? first : {});
  let piece: Doc[] = [];
  let resolver = (name: string) => allDocs(engine.get(name), {});
  const run = (input: Doc[]) => {
    const agg = new Aggregator(piece, mingoOptions({ processingMode: ProcessingMode.CLONE_INPUT, collectionResolver: resolver }));
    return agg.run<Doc>(input);
  };
  try {
    for (const stage of pipeline) {
      const lookup = simpleLookup(stage);
      const foreign = lookup && engine.collections.get(lookup.from);
      if (lookup && foreign) {
        if (piece.length) docs = run(docs);
        const joined = narrow(foreign, { [lookup.foreignField]: { $in: localValues(docs, lookup.localField) } });
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
