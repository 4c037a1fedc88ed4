// A tiny router over node:http: the local cloud needs a dozen routes, not a framework.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Params = Record<string, string>;
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Params;
  /** The raw request body (read once, up to `limit` bytes, default 32 MB). */
  body(limit?: number): Promise<Buffer>;
  json<T = unknown>(): Promise<T>;
}
export type Handler = (ctx: RouteContext) => Promise<void> | void;
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS';
  /** `/control/timers/:fn/fire` style; `*` at the end matches the rest. */
  path: string;
  handler: Handler;
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly body?: unknown) {
    super(message);
  }
}

const MAX_BODY = 32 * 1024 * 1024;

/** A body over the route's limit; the route decides how to say so. */
export class BodyTooLarge extends HttpError {
  constructor(readonly limit: number) {
    super(413, `request body over ${limit} bytes`);
  }
}

/** A malformed escape (`/storage/x/100%.txt` typed into a browser) stays as typed instead of throwing
 * out of the request listener, which would take the whole server down. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function matchPath(pattern: string, pathname: string): Params | null {
  const p = pattern.split('/');
  const s = pathname.split('/');
  const params: Params = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '*') {
      params['*'] = s.slice(i).map(decodeSegment).join('/');
      return params;
    }
    if (s[i] === undefined) return null;
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeSegment(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return p.length === s.length ? params : null;
}

export function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge(limit));
        chunks.length = 0;
        // Drain (so the caller can still answer with a proper error), but not forever.
        if (size > limit + MAX_BODY) req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string | Buffer, contentType: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function makeContext(req: IncomingMessage, res: ServerResponse, url: URL, params: Params): RouteContext {
  let cached: Promise<Buffer> | null = null;
  const body = (limit?: number) => (cached ??= readBody(req, limit));
  return {
    req, res, url, params, body,
    async json<T>() {
      const buf = await body();
      if (buf.length === 0) return {} as T;
      try {
        return JSON.parse(buf.toString('utf8')) as T;
      } catch {
        throw new HttpError(400, 'request body is not valid JSON');
      }
    },
  };
}
