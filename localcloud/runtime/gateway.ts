// The local development gateway: POST /gateway/functions/:name lets the H5 build and tests call a
// function as a chosen WeChat user, as `wx.cloud.callFunction` does from the mini-program
// (SOURCE=wx_client, OPENID from the `x-wx-openid` header). Local only; the weapp build never uses it.
// Reply: 200 `{ result, requestID }`, or non-2xx `{ errCode, errMsg }` with the client-side codes of
// outcomes.ts (-501000 missing function, -404011 execution error, -504003 timeout, -604001 too large).
import type { Route } from '../http';
import { HttpError, sendJson } from '../http';
import type { FunctionRuntime } from './runtime';
import type { FailureKind } from './outcomes';

const STATUS: Record<FailureKind, number> = { not_found: 404, error: 500, killed: 502, timeout: 504, too_large: 502 };

export function gatewayRoutes(runtime: FunctionRuntime): Route[] {
  return [{
    method: 'POST',
    path: '/gateway/functions/:name',
    handler: async (ctx) => {
      const body = await ctx.json<{ data?: unknown }>();
      const data = body.data ?? {};
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new HttpError(400, 'data must be an object', { errCode: -1, errMsg: 'cloud.callFunction:fail parameter.data should be Object' });
      }
      const header = ctx.req.headers['x-wx-openid'];
      const openid = typeof header === 'string' && header ? header : undefined;
      // [DOC/INF] client calls carry `userInfo` in the event; identity must still come from getWXContext().
      const event = { ...(data as Record<string, unknown>), userInfo: { appId: runtime.cloud.config.appId, ...(openid ? { openId: openid } : {}) } };
      const remote = ctx.req.socket.remoteAddress?.replace(/^::ffff:/, '');
      const outcome = await runtime.invoke(ctx.params.name, event, { source: 'wx_client', openid, clientIp: remote });
      if (outcome.ok) sendJson(ctx.res, 200, { result: outcome.result, requestID: outcome.requestId });
      else sendJson(ctx.res, STATUS[outcome.kind], { errCode: outcome.errCode, errMsg: outcome.errMsg, requestID: outcome.requestId });
    },
  }];
}
