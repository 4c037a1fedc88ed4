// The local development gateway: POST /gateway/functions/:name lets the H5 build and tests call a
// function as a chosen WeChat user, as `wx.cloud.callFunction` does from the mini-program
// (SOURCE=wx_client, OPENID from the `x-wx-openid` header). Local only; the weapp build never uses it.
// Reply: 200 `{ result, requestID }`, or non-2xx `{ errCode, errMsg }` with the client-side codes of
// outcomes.ts (-501000 missing function, -404011 execution error, -504003 timeout, -604001 too large)
// and of payload.ts (over 6 MB or nested too deep: refused before any function runs).
// Top-level `{ "$cloudID": "…" }` values stand for wx.cloud.CloudID(…) and are swapped for their open
// data, as the platform does (docs/wechat-contracts.md §1.7a; see openapi/opendata.ts).
import type { Route } from '../http';
import { BodyTooLarge, sendJson } from '../http';
import type { FunctionRuntime } from './runtime';
import type { FailureKind } from './outcomes';
import { MAX_EVENT_BYTES, clientPayloadError, eventProblem, parseJson, tooLarge } from './payload';

const STATUS: Record<FailureKind, number> = { not_found: 404, error: 500, killed: 502, timeout: 504, too_large: 502 };

export function gatewayRoutes(runtime: FunctionRuntime): Route[] {
  return [{
    method: 'POST',
    path: '/gateway/functions/:name',
    handler: async (ctx) => {
      let raw: Buffer;
      try {
        raw = await ctx.body(MAX_EVENT_BYTES);
      } catch (err) {
        if (err instanceof BodyTooLarge) return sendJson(ctx.res, 413, clientPayloadError(tooLarge(MAX_EVENT_BYTES)));
        throw err;
      }
      const parsed = raw.length ? parseJson(raw.toString('utf8')) : { ok: true as const, value: {} };
      if (!parsed.ok) return sendJson(ctx.res, 400, { errCode: -501007, errMsg: 'cloud.callFunction:fail request body is not valid JSON' });
      const problem = eventProblem(parsed.value, raw.length);
      if (problem) return sendJson(ctx.res, problem.status, clientPayloadError(problem));
      const data = (parsed.value as { data?: unknown } | null)?.data ?? {};
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        return sendJson(ctx.res, 400, { errCode: -1, errMsg: 'cloud.callFunction:fail parameter.data should be Object' });
      }
      const header = ctx.req.headers['x-wx-openid'];
      const openid = typeof header === 'string' && header ? header : undefined;
      const withOpenData = runtime.cloud.openapi.openData.replaceInEvent(data as Record<string, unknown>, openid);
      // [DOC/INF] client calls carry `userInfo` in the event; identity must still come from getWXContext().
      const event = { ...withOpenData, userInfo: { appId: runtime.cloud.config.appId, ...(openid ? { openId: openid } : {}) } };
      const remote = ctx.req.socket.remoteAddress?.replace(/^::ffff:/, '');
      const outcome = await runtime.invoke(ctx.params.name, event, { source: 'wx_client', openid, clientIp: remote });
      if (outcome.ok) sendJson(ctx.res, 200, { result: outcome.result, requestID: outcome.requestId });
      else sendJson(ctx.res, STATUS[outcome.kind], { errCode: outcome.errCode, errMsg: outcome.errMsg, requestID: outcome.requestId });
    },
  }];
}
