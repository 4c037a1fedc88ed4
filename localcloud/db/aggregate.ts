// aggregate().…end() (docs/wechat-contracts.md §2.8). The SDK sends `stages: [{stageKey: '$match', stageValue: '<EJSON>'}]`;
// mingo 7 runs the pipeline (match, group with sum/avg/min/max/first/last/push/addToSet/count,
// sort, skip, limit, project, addFields, lookup in both forms, unwind, count, replaceRoot, facet,
// bucket, sortByCount, sample …). What we add: `$lookup.from` resolves to our collections, input
// documents are cloned (the cache must not be mutated), the real service's default of 20 rows when
// the pipeline has no `$limit` (§2.3 / §6, [COMM]), and "not supported locally" for $geoNear/$out/….
import { Aggregator, ProcessingMode } from 'mingo';
import { decodeParam, type Doc } from './ejson';
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

export function runAggregate(engine: Engine, collectionName: unknown, stages: unknown, now: () => number): Doc[] {
  const coll = engine.get(collectionName);
  const pipeline = withDefaultLimit(toPipeline(stages, now));
  assertSupported(pipeline);
  const docs = [...coll.docs.values()].map((e) => e.doc);
  try {
    const agg = new Aggregator(pipeline, mingoOptions({
      processingMode: ProcessingMode.CLONE_INPUT,
      collectionResolver: (name: string) => [...(engine.collections.get(name)?.docs.values() ?? [])].map((e) => e.doc),
    }));
    return agg.run<Doc>(docs);
  } catch (err) {
    throw evaluatorError(err);
  }
}
