// The runtime's control routes (tests and scripts; shapes agreed in control/client.ts):
//   GET  /control/invocations?function=&since=  → { invocations: InvocationRecord[] }
//   POST /control/timers/:fn/fire               → { requestId, outcome, result? }
//   GET  /control/functions                     → { functions: [{ name, config }] }
//   POST /control/invoke/:fn {event,source,openid} → the outcome, as the platform invokes for that source
//   GET/POST /control/http-access               → { routes: { "/path": "fn" } } (HTTP 访问服务 path table)
import type { Route } from '../http';
import { HttpError, sendJson } from '../http';
import type { FunctionRuntime } from './runtime';

export function runtimeRoutes(runtime: FunctionRuntime): Route[] {
  return [
    { method: 'GET', path: '/control/invocations', handler: ({ res, url }) => {
      const functionName = url.searchParams.get('function') || undefined;
      const since = url.searchParams.get('since');
      sendJson(res, 200, { invocations: runtime.invocations({ functionName, since: since ? Number(since) : undefined }) });
    } },
    { method: 'POST', path: '/control/timers/:fn/fire', handler: async ({ res, params }) => {
      const fired = await runtime.timers.fire(params.fn);
      if (!fired) throw new HttpError(404, `function ${params.fn} has no timer trigger`);
      sendJson(res, 200, fired);
    } },
    { method: 'POST', path: '/control/invoke/:fn', handler: async (ctx) => {
      const b = await ctx.json<{ event?: unknown; source?: unknown; openid?: unknown }>();
      if (typeof b.source !== 'string') throw new HttpError(400, 'source must be a string such as wx_paycallback');
      const outcome = await runtime.invoke(ctx.params.fn, b.event ?? {}, { source: b.source, openid: typeof b.openid === 'string' ? b.openid : undefined });
      sendJson(ctx.res, 200, outcome);
    } },
    { method: 'GET', path: '/control/http-access', handler: ({ res }) => sendJson(res, 200, { routes: runtime.httpAccess.list() }) },
    { method: 'POST', path: '/control/http-access', handler: async (ctx) => {
      const { routes } = await ctx.json<{ routes?: unknown }>();
      const ok = routes && typeof routes === 'object' && !Array.isArray(routes) && Object.values(routes).every((v) => typeof v === 'string');
      if (!ok) throw new HttpError(400, 'routes must map URL paths to function names, e.g. { "/pay/notify": "payNotifyV3" }');
      runtime.httpAccess.set(routes as Record<string, string>);
      sendJson(ctx.res, 200, { routes: runtime.httpAccess.list() });
    } },
    { method: 'GET', path: '/control/functions', handler: ({ res }) => {
      const functions = runtime.functionNames().map((name) => ({ name, config: runtime.config(name) }));
      sendJson(res, 200, { functions });
    } },
  ];
}
