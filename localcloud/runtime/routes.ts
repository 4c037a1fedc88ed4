// The runtime's control routes (tests and scripts; shapes agreed in control/client.ts):
//   GET  /control/invocations?function=&since=  → { invocations: InvocationRecord[] }
//   POST /control/timers/:fn/fire               → { requestId, outcome, result? }
//   GET  /control/functions                     → { functions: [{ name, config }] }
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
    { method: 'GET', path: '/control/functions', handler: ({ res }) => {
      const functions = runtime.functionNames().map((name) => ({ name, config: runtime.config(name) }));
      sendJson(res, 200, { functions });
    } },
  ];
}
