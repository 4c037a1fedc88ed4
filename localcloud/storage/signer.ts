// Signed, self-contained URL tokens, like the `sign=…&t=…` of a real COS temp URL: the token names the
// object and the virtual-clock instant it stops working, and an HMAC makes it unforgeable. Nothing is
// kept per URL, so a URL handed out before a restart still works afterwards (the secret is kept in the
// data dir) and deleting the file is what revokes it — as with COS, where a URL signs a key, not a copy.
import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'download' | 'upload';

export interface TokenClaims {
  purpose: TokenPurpose;
  envId: string;
  cloudPath: string;
  /** Virtual-clock ms after which the token is refused. */
  expiresAt: number;
  /** Upload tokens: the WeChat user whose function asked for the upload URL. */
  openid?: string;
}

export class UrlSigner {
  private readonly secret: Buffer;

  /** `secretFile` keeps the key across restarts (durable storage); without it a fresh key per process. */
  constructor(secretFile?: string) {
    this.secret = secretFile ? loadOrCreateSecret(secretFile) : randomBytes(32);
  }

  sign(claims: TokenClaims): string {
    const payload = Buffer.from(JSON.stringify([claims.purpose, claims.envId, claims.cloudPath, claims.expiresAt, claims.openid ?? ''])).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The claims of a token this signer made, or undefined for anything forged, altered or malformed. */
  verify(token: string): TokenClaims | undefined {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.mac(payload));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const [purpose, envId, cloudPath, expiresAt, openid] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
      if ((purpose !== 'download' && purpose !== 'upload') || typeof envId !== 'string' || typeof cloudPath !== 'string' || typeof expiresAt !== 'number') {
        return undefined;
      }
      return { purpose, envId, cloudPath, expiresAt, ...(typeof openid === 'string' && openid ? { openid } : {}) };
    } catch {
      return undefined;
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

function loadOrCreateSecret(file: string): Buffer {
  try {
    const existing = fs.readFileSync(file);
    if (existing.length >= 32) return existing;
  } catch {
    // first start: no secret yet
  }
  const secret = randomBytes(32);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
