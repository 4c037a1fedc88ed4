// contentCheck: receives the `wxa_media_check` message push — the verdict of security.mediaCheckAsync for a
// shop's photo or logo (docs/wechat-contracts.md §7a) — configured in the console under 消息推送 → 云函数.
// A client cannot pose as the platform here (wx_client / wx_http are refused), and a verdict only counts
// for a trace_id the server recorded when it asked (server/store/media-checks.ts).
import { parseRequest } from '../../core/contracts/parse';
import { verdict } from '../../server/content-review/verdict';
import { createHandler, type OperationMap } from '../../server/handler';

const CLIENT_SOURCES = ['wx_client', 'wx_http'];

export const main = createHandler({
  parse: (event) => parseRequest('contentCheck', event),
  operations: { verdict } satisfies OperationMap<'contentCheck'>,
  sources: (origin) => !CLIENT_SOURCES.includes(origin),
  requireUser: false,
});
