// The test-only control namespace shared by all parts: reset, seed, the virtual clock, the request
// log and fault injection. Each part adds its own control routes (invocations, pay, outbox …).
import type { Route } from '../http';
import { HttpError, sendJson } from '../http';
import type { LocalCloud } from '../index';
import type { FaultSpec } from '../faults';

export function controlRoutes(cloud: LocalCloud): Route[] {
  return [
    { method: 'POST', path: '/control/reset', handler: async ({ res }) => {
      await cloud.reset();
      sendJson(res, 200, { ok: true });
    } },
    { method: 'POST', path: '/control/seed', handler: async (ctx) => {
      const body = await ctx.json<Record<string, unknown>>();
      const counts: Record<string, number> = {};
      for (const [collection, docs] of Object.entries(body)) {
        if (!Array.isArray(docs)) throw new HttpError(400, `seed: ${collection} must be an array of documents`);
        counts[collection] = cloud.db.seed(collection, docs as Record<string, unknown>[]);
      }
      sendJson(ctx.res, 200, { ok: true, inserted: counts });
    } },
    { method: 'GET', path: '/control/clock', handler: ({ res }) => sendJson(res, 200, { now: cloud.now(), offsetMs: cloud.clock.offset }) },
    { method: 'POST', path: '/control/clock', handler: async (ctx) => {
      const { advanceMs } = await ctx.json<{ advanceMs?: unknown }>();
      if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) {
        throw new HttpError(400, 'advanceMs must be a non-negative number');
      }
      await cloud.clock.advance(advanceMs);
      sendJson(ctx.res, 200, { now: cloud.now(), offsetMs: cloud.clock.offset });
    } },
    { method: 'GET', path: '/control/requests', handler: ({ res, url }) => {
      const since = Number(url.searchParams.get('since') ?? 0);
      const invocationId = url.searchParams.get('invocation') ?? undefined;
      sendJson(res, 200, cloud.requests.summary({ since, invocationId }));
    } },
    { method: 'GET', path: '/control/unindexed', handler: ({ res }) => sendJson(res, 200, { checking: !!cloud.options.checkIndexes, queries: cloud.db.unindexed() }) },
    { method: 'DELETE', path: '/control/unindexed', handler: ({ res }) => {
      cloud.db.clearUnindexed();
      sendJson(res, 200, { ok: true });
    } },
    { method: 'GET', path: '/control/faults', handler: ({ res }) => sendJson(res, 200, { faults: cloud.faults.list() }) },
    { method: 'POST', path: '/control/faults', handler: async (ctx) => {
      const spec = await ctx.json<FaultSpec>();
      try {
        cloud.faults.add(spec);
      } catch (err) {
        throw new HttpError(400, (err as Error).message);
      }
      sendJson(ctx.res, 200, { ok: true, faults: cloud.faults.list() });
    } },
    { method: 'DELETE', path: '/control/faults', handler: ({ res }) => {
      cloud.faults.reset();
      sendJson(res, 200, { ok: true });
    } },
  ];
}
