import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UrlSigner, type TokenClaims } from './signer';

const claims: TokenClaims = { purpose: 'download', envId: 'local-env', cloudPath: '商品/a b.txt', expiresAt: 1_700_000_000_000 };

describe('URL tokens', () => {
  it('carry their claims back out unchanged', () => {
    const signer = new UrlSigner();
    expect(signer.verify(signer.sign(claims))).toEqual(claims);
    expect(signer.verify(signer.sign({ ...claims, purpose: 'upload', openid: 'oA' }))).toEqual({ ...claims, purpose: 'upload', openid: 'oA' });
  });

  it('use only URL-safe characters', () => {
    expect(new UrlSigner().sign(claims)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('refuse a token with a changed expiry, a token from another signer, and garbage', () => {
    const signer = new UrlSigner();
    const token = signer.sign(claims);
    const [, mac] = token.split('.');
    const longer = Buffer.from(JSON.stringify(['download', 'local-env', claims.cloudPath, claims.expiresAt + 1e9, ''])).toString('base64url');
    expect(signer.verify(`${longer}.${mac}`)).toBeUndefined();
    expect(new UrlSigner().verify(token)).toBeUndefined();
    expect(signer.verify('nodot')).toBeUndefined();
    expect(signer.verify('.')).toBeUndefined();
  });

  it('keep working across a restart when the secret lives in a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signer-'));
    try {
      const file = path.join(dir, 'url-secret');
      const token = new UrlSigner(file).sign(claims);
      expect(new UrlSigner(file).verify(token)).toEqual(claims);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
