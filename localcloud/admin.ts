// POST /admin — the CloudBase wire protocol that @cloudbase/node-sdk (inside wx-server-sdk) speaks.
// Database, functions and storage actions arrive as JSON; wx.openApi and wx.wxPayApi as multipart.
// Each function invocation points the SDK at `/admin?inv=<requestId>&…` (through TCB_CONTEXT_CNFG),
// which is how a request is tied to the invocation — and so the WeChat user — that made it.
import { randomBytes } from 'node:crypto';
import type { RouteContext } from './http';
import { sendJson, sendText } from './http';
import { boundaryOf, parseMultipart } from './multipart';
import type { ActionMap, AdminCall, InvocationContext } from './types';
import { RawReply, ServiceError } from './types';
import type { RequestLog } from './requestlog';
import type { Faults } from './faults';

export interface AdminDeps {
  actions: () => ActionMap;
  invocation: (requestId: string) => InvocationContext | undefined;
  requests: RequestLog;
  faults: Faults;
  /** Terminate the instance running this invocation (fault injection). */
  kill: (requestId: string) => void;
  now: () => number;
  /** Told of every finished request with its reply (the function runtime watches timer ticks). */
  observe?: (call: AdminCall, reply: unknown, ok: boolean) => void;
}

export function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

async function parseParams(ctx: RouteContext): Promise<Record<string, unknown>> {
  const type = String(ctx.req.headers['content-type'] ?? '');
  const body = await ctx.body();
  if (type.startsWith('multipart/form-data')) {
    // Our own parser: binary parts (protobuf) must stay bytes (see multipart.ts).
    const boundary = boundaryOf(type);
    if (!boundary) throw new SyntaxError('multipart without a boundary');
    return parseMultipart(body, boundary);
  }
  const parsed: unknown = JSON.parse(body.toString('utf8') || '{}');
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SyntaxError('body must be a JSON object');
  return parsed as Record<string, unknown>;
}

export function adminHandler(deps: AdminDeps) {
  return async (ctx: RouteContext): Promise<void> => {
    const requestId = newRequestId();
    const started = Date.now();
    let params: Record<string, unknown>;
    try {
      params = await parseParams(ctx);
    } catch (err) {
      sendJson(ctx.res, 200, { code: 'INVALID_PARAM', message: `malformed request: ${(err as Error).message}`, requestId });
      return;
    }
    const action = typeof params.action === 'string' ? params.action : '';
    const invId = ctx.url.searchParams.get('inv') ?? undefined;
    const invocation = invId ? deps.invocation(invId) : undefined;
    const call: AdminCall = { action, params, env: ctx.url.searchParams.get('env') ?? '', invocation, requestId };
    const collection = typeof params.collectionName === 'string' ? params.collectionName : undefined;
    let ok = false;
    let reply: unknown;
    let killAfter: string | undefined;
    try {
      const handler = deps.actions()[action];
      if (!action || !handler) throw new ServiceError('INVALID_ACTION', `action ${action || '(missing)'} is not supported`);
      if (action.startsWith('database.')) {
        const fault = deps.faults.take('database', { action, functionName: invocation?.functionName });
        if (fault?.mode === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
        if (fault?.mode === 'fail') throw new ServiceError('SYS_ERR', '[InternalError] injected database fault');
        if (fault?.mode === 'kill' && invocation) killAfter = invocation.requestId;
      }
      const result = await handler(call);
      reply = result;
      // A crash right after the write: the instance dies before it hears the answer.
      if (killAfter) deps.kill(killAfter);
      ok = true;
      if (result instanceof RawReply) {
        sendText(ctx.res, 200, result.body, result.contentType);
      } else {
        sendJson(ctx.res, 200, { requestId, ...(result as object) });
      }
    } catch (err) {
      if (err instanceof ServiceError) {
        sendJson(ctx.res, 200, { code: err.code, message: err.message, requestId });
      } else {
        console.error(`[localcloud] ${action} failed:`, err);
        sendJson(ctx.res, 200, { code: 'SYS_ERR', message: `[InternalError] ${(err as Error)?.message ?? err}`, requestId });
      }
    } finally {
      deps.observe?.(call, reply, ok);
      deps.requests.add({
        at: deps.now(), action, collection, invocationId: invocation?.requestId,
        functionName: invocation?.functionName, source: invocation?.source, ms: Date.now() - started, ok, ...listOf(reply),
      });
    }
  };
}

/** What a database read returned: its documents and their bytes on the wire (the 1 MB limit's measure). */
function listOf(reply: unknown): { docs?: number; bytes?: number } {
  const list = (reply as { data?: { list?: unknown } } | undefined)?.data?.list;
  if (!Array.isArray(list)) return {};
  return { docs: list.length, bytes: list.reduce((n: number, d) => n + (typeof d === 'string' ? Buffer.byteLength(d) : 0), 0) };
}
