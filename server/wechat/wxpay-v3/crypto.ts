// WeChat Pay APIv3 signatures and notify decryption with node:crypto alone (docs/wechat-contracts.md
// §4.2–4.4): no SDK, so every function bundle stays small, and each rule is one short function here.
// SHA256withRSA (RSASSA-PKCS1-v1_5) for requests, requestPayment and answers; AES-256-GCM for resources.
import { createDecipheriv, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

/** Lines joined by `\n`, the last one ended too (§4.2 "including the last"). */
export function signingMessage(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

export function rsaSign(privateKey: KeyObject | string, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

export function rsaVerify(publicKey: KeyObject | string, message: string, signature: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** 32 characters of [0-9A-Z], as the official SDKs make nonce_str. */
export function nonceStr(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export interface AuthParts {
  mchid: string;
  serialNo: string;
  privateKey: KeyObject | string;
  method: string;
  /** Path with query string, no host (§4.2). */
  pathWithQuery: string;
  /** Exactly the bytes sent; '' for GET. */
  body: string;
  timestamp: number;
  nonce: string;
}

/** The `Authorization` header of a v3 request (§4.2). */
export function authorization(p: AuthParts): string {
  const signature = rsaSign(p.privateKey, signingMessage(p.method.toUpperCase(), p.pathWithQuery, String(p.timestamp), p.nonce, p.body));
  return `WECHATPAY2-SHA256-RSA2048 mchid="${p.mchid}",nonce_str="${p.nonce}",signature="${signature}",timestamp="${p.timestamp}",serial_no="${p.serialNo}"`;
}

/** wx.requestPayment's paySign for a prepay (§4.3): `appId\ntimeStamp\nnonceStr\npackage\n`. */
export function paySign(privateKey: KeyObject | string, appId: string, timeStamp: string, nonce: string, pkg: string): string {
  return rsaSign(privateKey, signingMessage(appId, timeStamp, nonce, pkg));
}

export interface EncryptedResource {
  algorithm?: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
}

/** AEAD_AES_256_GCM with the APIv3 key (§4.4); throws when the tag does not match (tampered, wrong key). */
export function decryptResource(apiV3Key: string, r: EncryptedResource): string {
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new Error('APIv3 key must be 32 bytes');
  const raw = Buffer.from(r.ciphertext, 'base64');
  if (raw.length < 17) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(r.nonce, 'utf8'));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  decipher.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]).toString('utf8');
}
