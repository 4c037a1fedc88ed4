// The shape every cloud function's exports.main takes (docs/style.md §4): validate the event against its
// contract in core/, take the caller from getWXContext() only, run one operation, return
// `{ok: true, data}` or `{ok: false, code, message}`. Expected outcomes come back as values; anything
// thrown is a bug or an infrastructure failure: logged with the request id and answered INTERNAL_ERROR.
import { fail, type Result } from '../core/errors';
import type { NotifyReply } from '../core/contracts/views';
import type { ActionName, FunctionName, Payload, ResponseData } from '../core/contracts/registry';
import { caller, database, originOf, type Caller, type Database } from './wechat/sdk';

export interface OperationContext {
  caller: Caller;
  /** The caller's openid; always set for operations that require a WeChat user. */
  openid: string;
  db: Database;
  /** Milliseconds since the epoch, read once per invocation (the local cloud shifts the clock virtually). */
  now: number;
  requestId: string;
}

// Payloads are typed per action by the contracts; the handler's map itself stays loose so each function
// can hold operations with different payload types, and OperationMap checks each one against its contract.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Operation = (payload: any, ctx: OperationContext) => Promise<Result<unknown>>;

/** The one operation-map type: every action `A` of function `F`, typed by its contract and its reply. */
export type OperationMap<F extends FunctionName, A extends ActionName<F> = ActionName<F>> = {
  [K in A]: (payload: Payload<F, K>, ctx: OperationContext) => Promise<Result<ResponseData<F, K>>>;
};

export interface HandlerOptions {
  /** Parse the raw event with the function's contract: the action and its validated payload. */
  parse: (event: unknown) => Result<{ action: string; payload: unknown }>;
  operations: Record<string, Operation>;
  /** Sources allowed to call (first hop of SOURCE, docs/wechat-contracts.md §1.3), or a test of it. Default: a client (`wx_client`). */
  sources?: readonly string[] | ((origin: string) => boolean);
  /** Whether an OPENID is required (client operations). Default true. */
  requireUser?: boolean;
}

export function createHandler(options: HandlerOptions) {
  const sources = options.sources ?? ['wx_client'];
  const allowed = typeof sources === 'function' ? sources : (origin: string) => sources.includes(origin);
  const requireUser = options.requireUser ?? true;
  return async (event: unknown, context?: { request_id?: string }): Promise<Result<unknown>> => {
    const who = caller();
    if (!allowed(originOf(who.source))) return fail('FORBIDDEN_SOURCE');
    if (requireUser && !who.openid) return fail('UNAUTHENTICATED');
    const parsed = options.parse(event);
    if (!parsed.ok) return parsed;
    const operation = options.operations[parsed.data.action];
    if (!operation) return fail('UNKNOWN_ACTION', { action: parsed.data.action });
    try {
      return await operation(parsed.data.payload, operationContext(who, context));
    } catch (err) {
      console.error(`[${parsed.data.action}] failed`, err);
      return fail('INTERNAL_ERROR');
    }
  };
}

export type { NotifyReply };

function operationContext(who: Caller, context?: { request_id?: string }): OperationContext {
  return { caller: who, openid: who.openid ?? '', db: database(), now: Date.now(), requestId: context?.request_id ?? '' };
}

/**
 * The shape of a WeChat Pay callback function (payNotify, refundNotify): `handle` sees the raw event and
 * the context, checks the source and the contract itself (so forged calls can be recorded), and answers
 * `{errcode: 0}` for everything handled. A throw is a transient failure: answered non-zero so WeChat
 * retries (§3.3 "异常时支付回调会持续重试").
 */
export function createNotifyHandler(handle: (event: unknown, ctx: OperationContext) => Promise<NotifyReply>) {
  return async (event: unknown, context?: { request_id?: string }): Promise<NotifyReply> => {
    try {
      return await handle(event, operationContext(caller(), context));
    } catch (err) {
      console.error('[notify] failed', err);
      return { errcode: 1, errmsg: 'INTERNAL_ERROR' };
    }
  };
}

/** An integration response of the HTTP access service (docs/wechat-contracts.md §4.6, §5.2). */
export interface HttpReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/** §4.4: success is 200/204 with no body; anything else is 4xx/5xx with `{code, message}`, and WeChat Pay retries. */
export function httpReply(statusCode: number, code?: string, message?: string): HttpReply {
  if (code === undefined) return { statusCode, headers: {}, body: '', isBase64Encoded: false };
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, message: message ?? code }), isBase64Encoded: false };
}

/**
 * The shape of a WeChat Pay v3 notify function (payNotifyV3), reached through the HTTP access service:
 * `handle` verifies, records and answers; a throw is answered 500 so WeChat Pay retries (§4.4).
 */
export function createHttpNotifyHandler(handle: (event: unknown, ctx: OperationContext) => Promise<HttpReply>) {
  return async (event: unknown, context?: { request_id?: string }): Promise<HttpReply> => {
    try {
      return await handle(event, operationContext(caller(), context));
    } catch (err) {
      console.error('[notify v3] failed', err);
      return httpReply(500, 'FAIL', '暂时无法处理，请稍后重试');
    }
  };
}
