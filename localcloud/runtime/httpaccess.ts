// HTTP 访问服务 (docs/wechat-contracts.md §4.6, §5.2): a path table maps URL paths to functions, so a plain
// HTTP request — a WeChat Pay v3 notify, a webhook — reaches a function. The request becomes the
// "integration request" event { path, httpMethod, headers (lower-cased), queryStringParameters,
// requestContext, body, isBase64Encoded }; the result maps back to HTTP: an integration response
// { statusCode, headers, body, isBase64Encoded } as given, a plain object as JSON, a string or number
// as text/plain. Paths match by longest prefix on segment boundaries ("/pay" serves "/pay/notify").
// Body limits [DOC EXCEED_MAX_PAYLOAD_SIZE]: 100 KB for text/* bodies, 6 MB for any other type.
// The table is `httpAccess` in localcloud.config.json, or POST /control/http-access.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, BodyTooLarge, sendJson } from '../http';
import { newRequestId } from '../admin';
import type { FunctionRuntime } from './runtime';
import { MAX_EVENT_BYTES, MAX_TEXT_EVENT_BYTES, tooLarge } from './payload';

/** Bodies that arrive as a string; anything else is base64 with isBase64Encoded [INF from §4.6]. */
const TEXTUAL = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)|[^;]*\+json|[^;]*\+xml)/i;
/** [INF] a request from outside WeChat: no SOURCE in getWXContext() (§1.3 "其他 非微信端触发"). */
export const HTTP_ACCESS_SOURCE = '';

export class HttpAccess {
  private table = new Map<string, string>();

  constructor(private readonly runtime: FunctionRuntime, initial: Record<string, string> = {}) {
    this.set(initial);
  }

  /** Replace the path table (`{ "/pay/notify": "payNotifyV3" }`). */
  set(table: Record<string, string>): void {
    this.table = new Map(Object.entries(table).map(([p, fn]) => [normalise(p), fn]));
  }

  list(): Record<string, string> {
    return Object.fromEntries(this.table);
  }

  /** The function serving `pathname`, by the longest configured prefix. */
  match(pathname: string): string | undefined {
    let best: string | undefined;
    for (const prefix of this.table.keys()) {
      const hit = prefix === '/' || pathname === prefix || pathname.startsWith(`${prefix}/`);
      if (hit && (!best || prefix.length > best.length)) best = prefix;
    }
    return best === undefined ? undefined : this.table.get(best);
  }

  /** Serve one request for `fn`. */
  async serve(fn: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = newRequestId();
    const type = String(req.headers['content-type'] ?? '');
    const limit = type.toLowerCase().startsWith('text/') ? MAX_TEXT_EVENT_BYTES : MAX_EVENT_BYTES;
    let body: Buffer;
    try {
      body = await readBody(req, limit);
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      const p = tooLarge(limit);
      return sendJson(res, 413, { code: p.code, message: p.message, requestId });
    }
    const textual = body.length === 0 || TEXTUAL.test(type);
    const event = {
      path: url.pathname,
      httpMethod: req.method ?? 'GET',
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : String(v)])),
      queryStringParameters: Object.fromEntries(url.searchParams),
      requestContext: { requestId, envId: this.runtime.cloud.envId, appId: this.runtime.cloud.config.appId, uin: '100000000001' },
      body: textual ? body.toString('utf8') : body.toString('base64'),
      isBase64Encoded: !textual,
    };
    const outcome = await this.runtime.invoke(fn, event, { source: HTTP_ACCESS_SOURCE });
    if (!outcome.ok) {
      const status = outcome.kind === 'timeout' ? 504 : outcome.kind === 'not_found' ? 404 : 502;
      return sendJson(res, status, { code: outcome.kind === 'not_found' ? 'FUNCTION_NOT_FOUND' : 'FUNCTIONS_EXECUTE_FAIL', message: outcome.message ?? outcome.errMsg, requestId: outcome.requestId });
    }
    respond(res, outcome.result);
  }
}

/** Map a function's result to HTTP (docs/wechat-contracts.md §5.2). */
export function respond(res: ServerResponse, result: unknown): void {
  if (isIntegrationResponse(result)) {
    const raw = result.body === undefined || result.body === null ? '' : typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
    const bytes = result.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
    const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
    res.writeHead(result.statusCode, { ...headers, 'content-length': bytes.length });
    return void res.end(bytes);
  }
  if (typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean') {
    const text = Buffer.from(String(result), 'utf8');
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': text.length });
    return void res.end(text);
  }
  if (result === null || result === undefined) return void res.writeHead(200, { 'content-length': 0 }).end();
  sendJson(res, 200, result);
}

interface IntegrationResponse {
  statusCode: number;
  headers?: Record<string, unknown>;
  body?: unknown;
  isBase64Encoded?: boolean;
}

function isIntegrationResponse(v: unknown): v is IntegrationResponse {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Number.isInteger((v as IntegrationResponse).statusCode);
}

function normalise(p: string): string {
  const s = `/${p.trim().replace(/^\/+|\/+$/g, '')}`;
  return s;
}
