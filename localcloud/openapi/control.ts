// Control routes of the open API that tests use to set the scene (shapes in control/client.ts):
//   GET/POST /control/security/rules   content-security rules + the wxa_media_check function
//   POST     /control/open-data        mint a CloudID for a user → { cloudID }
//   POST     /control/wxacode          set how many path codes were already issued (to reach 45029)
import type { Route } from '../http';
import { HttpError, sendJson } from '../http';
import type { OpenApi } from './openapi';
import { parseRules } from './security';
import { isObject } from './errors';

export function openApiControlRoutes(api: OpenApi): Route[] {
  return [
    { method: 'GET', path: '/control/security/rules', handler: ({ res }) => {
      sendJson(res, 200, { rules: api.security.list(), mediaCheckFunction: api.mediaChecks.functionName ?? api.cloud.config.mediaCheckFunction ?? null });
    } },
    { method: 'POST', path: '/control/security/rules', handler: async (ctx) => {
      const body = await ctx.json<{ mediaCheckFunction?: unknown }>();
      try {
        api.security.setRules(parseRules(body));
      } catch (err) {
        throw new HttpError(400, (err as Error).message);
      }
      if (typeof body.mediaCheckFunction === 'string') api.mediaChecks.functionName = body.mediaCheckFunction;
      sendJson(ctx.res, 200, { ok: true, rules: api.security.list() });
    } },
    { method: 'POST', path: '/control/open-data', handler: async (ctx) => {
      const b = await ctx.json<{ openid?: unknown; data?: unknown }>();
      if (typeof b.openid !== 'string' || !b.openid) throw new HttpError(400, 'openid must be a non-empty string');
      if (!isObject(b.data)) throw new HttpError(400, 'data must be an object (e.g. { phoneNumber, purePhoneNumber, countryCode })');
      sendJson(ctx.res, 200, { cloudID: api.openData.mint(b.openid, b.data) });
    } },
    { method: 'POST', path: '/control/wxacode', handler: async (ctx) => {
      const b = await ctx.json<{ issued?: unknown }>();
      if (typeof b.issued !== 'number' || b.issued < 0) throw new HttpError(400, 'issued must be a non-negative number');
      api.pathCodesIssued = b.issued;
      sendJson(ctx.res, 200, { ok: true, issued: api.pathCodesIssued });
    } },
  ];
}
