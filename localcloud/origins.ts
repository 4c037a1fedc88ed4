// Which web pages may talk to the local cloud. The control API can reset and seed the database and
// the gateway acts as any WeChat user, so a browser request is served only when its Origin is the H5
// preview's (or the local cloud's own pages: the cashier). Requests without an Origin — curl, tests,
// the SDK inside functions, <img> loads — are loopback tools and pass; the server listens on 127.0.0.1
// only. Any other origin gets 403 and no CORS headers, so its page can neither read nor write.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The H5 preview `npm start` serves (H5_PORT, default 10086), under both loopback names. */
export function defaultOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const port = env.H5_PORT ?? '10086';
  const extra = (env.LOCALCLOUD_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...extra];
}

export class OriginPolicy {
  private readonly allowed: Set<string>;

  constructor(origins: string[]) {
    this.allowed = new Set(origins.map(normalise));
  }

  /** Allow one more origin (a test serving the H5 build on a free port). */
  allow(origin: string): void {
    this.allowed.add(normalise(origin));
  }

  /** The local cloud's own pages (the cashier) post back to it. */
  allowSelf(port: number): void {
    this.allow(`http://127.0.0.1:${port}`);
    this.allow(`http://localhost:${port}`);
  }

  list(): string[] {
    return [...this.allowed];
  }

  /**
   * Apply the policy; true when the request may proceed. A refused browser request is answered here
   * (403, no CORS headers); an allowed one gets its CORS headers and preflights end here.
   */
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    res.setHeader('vary', 'origin');
    if (!this.allowed.has(normalise(origin))) {
      const body = JSON.stringify({ error: `origin ${origin} may not call the local cloud; allowed: ${this.list().join(', ')} (see README, "Who may call the local cloud")` });
      res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
      return false;
    }
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-headers', 'content-type, x-wx-openid');
    res.setHeader('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return false;
    }
    return true;
  }
}

function normalise(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}
