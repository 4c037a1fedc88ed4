// Shared shapes of the local cloud's parts. Each part (database, functions, storage, pay, open API)
// is a CloudModule: it answers some `POST /admin` actions, serves some routes, and can be reset.
import type { Route } from './http';

/** Who is calling, for an admin request made from inside a function invocation. */
export interface InvocationContext {
  requestId: string;
  functionName: string;
  /** `wx_client`, `wx_trigger`, `wx_paycallback`, `<caller>,scf` … (docs/wechat-contracts.md §1.3) */
  source: string;
  openid?: string;
  appid: string;
  unionid?: string;
  clientIp?: string;
}

/** One `POST /admin` request as the SDK sent it. */
export interface AdminCall {
  action: string;
  /** JSON body, or the multipart fields (strings; binary parts as Buffer) for wx.* actions. */
  params: Record<string, unknown>;
  /** `env` from the query string (the SDK always sends it). */
  env: string;
  /** Set when the request came from a function invocation this local cloud started. */
  invocation?: InvocationContext;
  requestId: string;
}

/** A reply that is not JSON (protobuf bodies of wx.openApi). */
export class RawReply {
  constructor(readonly body: Buffer, readonly contentType = 'application/octet-stream') {}
}

/**
 * An error answered the way the real service answers: HTTP 200 with `{code, message, requestId}`.
 * The SDK turns it into the errCode/errMsg of docs/wechat-contracts.md §1.4.
 */
export class ServiceError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export type ActionHandler = (call: AdminCall) => Promise<unknown> | unknown;
export type ActionMap = Record<string, ActionHandler>;

export interface CloudModule {
  actions?(): ActionMap;
  routes?(): Route[];
  /** Back to empty (POST /control/reset). */
  reset?(): Promise<void> | void;
  close?(): Promise<void> | void;
}
