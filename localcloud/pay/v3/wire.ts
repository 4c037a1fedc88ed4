// The sandbox's side of the APIv3 wire (docs/wechat-contracts.md §4.2–4.5), written independently of the
// server's adapter so the conformance tests compare two implementations: the platform key that signs
// answers and notifies (public-key mode: PUB_KEY_ID_…; certificate mode: a certificate serial), the
// Authorization check every request passes, and AES-256-GCM encryption of notify resources.
import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { selfSignedCertificate } from './cert';

export interface Platform {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** Public-key mode id (`Wechatpay-Serial: PUB_KEY_ID_…`). */
  publicKeyId: string;
  /** Certificate mode: the platform certificate and its serial. */
  certificatePem: string;
  certSerial: string;
}

/**
 * A certificate serial from 20 random bytes, as DER needs it: a positive INTEGER in its shortest form, so the
 * first byte is neither 0x00 (a padding byte: "illegal padding", the certificate does not parse — one random
 * serial in 256) nor ≥ 0x80 (negative). The first hex digit is set to 1.
 */
export function certSerialOf(bytes: Buffer): string {
  return `1${bytes.toString('hex').toUpperCase().slice(1)}`;
}

export function newPlatform(now: number): Platform {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const certSerial = certSerialOf(randomBytes(20));
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    publicKeyId: `PUB_KEY_ID_01${randomBytes(14).toString('hex').toUpperCase()}`,
    certificatePem: selfSignedCertificate({ serialHex: certSerial, publicKey, privateKey, notBefore: now - 86_400_000, notAfter: now + 5 * 365 * 86_400_000 }),
    certSerial,
  };
}

export const sign = (key: KeyObject, message: string) => createSign('RSA-SHA256').update(message, 'utf8').sign(key, 'base64');

export function verify(key: KeyObject, message: string, signature: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(key, signature, 'base64');
  } catch {
    return false;
  }
}

export const lines = (...parts: string[]) => `${parts.join('\n')}\n`;
export const nonce = (bytes = 16) => randomBytes(bytes).toString('hex').toUpperCase();

/** The headers WeChat Pay signs an answer or a notify with. */
export function signedHeaders(platform: Platform, serial: string, body: string, nowMs: number): Record<string, string> {
  const ts = String(Math.floor(nowMs / 1000));
  const n = nonce();
  return {
    'Wechatpay-Timestamp': ts,
    'Wechatpay-Nonce': n,
    'Wechatpay-Serial': serial,
    'Wechatpay-Signature': sign(platform.privateKey, lines(ts, n, body)),
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  };
}

export interface Authorization {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

/** `WECHATPAY2-SHA256-RSA2048 k="v",…` (§4.2); null when malformed. */
export function parseAuthorization(header: string | undefined): Authorization | null {
  const m = /^WECHATPAY2-SHA256-RSA2048\s+(.+)$/.exec(header ?? '');
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const part of m[1].matchAll(/(\w+)="([^"]*)"/g)) out[part[1]] = part[2];
  const keys = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'];
  return keys.every((k) => out[k]) ? (out as unknown as Authorization) : null;
}

/** AEAD_AES_256_GCM as WeChat Pay encrypts a notify resource (§4.4). */
export function encryptResource(apiV3Key: string, plaintext: string, associatedData: string) {
  const iv = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(iv, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: ct.toString('base64'), associated_data: associatedData, nonce: iv };
}

/** RFC 3339, Beijing time. */
export function rfc3339(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}
