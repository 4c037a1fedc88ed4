// Opening a v3 notify that arrived through the HTTP access service (docs/wechat-contracts.md §4.4,
// §4.6): the signature over `timestamp\nnonce\nraw body\n` by the key whose id equals Wechatpay-Serial,
// a timestamp within 5 minutes, then AES-256-GCM decryption of the resource with the APIv3 key. Nothing
// in the body is looked at before the signature holds; every refusal says why (the caller records it).
import type { NotifyVerdict } from '../../../core/model';
import { MAX_SKEW_S } from './client';
import { v3Config, verifierFor } from './config';
import { decryptResource, rsaVerify, signingMessage, type EncryptedResource } from './crypto';

export interface OpenedNotify {
  ok: true;
  id: string;
  eventType: string;
  /** 'pay' for TRANSACTION.*, 'refund' for REFUND.* */
  kind: 'pay' | 'refund';
  /** The decrypted resource (transaction or refund, §4.4). */
  resource: Record<string, unknown>;
}

export interface RefusedNotify {
  ok: false;
  verdict: Extract<NotifyVerdict, 'bad_signature' | 'stale_timestamp' | 'unknown_serial' | 'bad_ciphertext' | 'invalid' | 'transient'>;
  detail: string;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const header = (h: Record<string, unknown>, name: string): string => (typeof h[name] === 'string' ? (h[name] as string) : '');

/** The raw body exactly as it came (never re-serialised, §4.6). */
export function rawBody(event: Record<string, unknown>): string {
  const body = typeof event.body === 'string' ? event.body : '';
  return event.isBase64Encoded === true ? Buffer.from(body, 'base64').toString('utf8') : body;
}

export function openNotify(event: unknown, nowMs: number): OpenedNotify | RefusedNotify {
  if (!isRecord(event) || !isRecord(event.headers)) return { ok: false, verdict: 'invalid', detail: 'not an HTTP access request' };
  const loaded = v3Config();
  // Our own keys are missing: WeChat Pay should come back once they are set.
  if (!loaded.ok) return { ok: false, verdict: 'transient', detail: `v3 keys missing: ${loaded.missing.join(', ')}` };
  const c = loaded.config;
  const h = event.headers;
  const ts = header(h, 'wechatpay-timestamp');
  const nonce = header(h, 'wechatpay-nonce');
  const signature = header(h, 'wechatpay-signature');
  const serial = header(h, 'wechatpay-serial');
  if (!ts || !nonce || !signature || !serial) return { ok: false, verdict: 'bad_signature', detail: 'Wechatpay-* headers missing' };
  if (!/^\d{1,12}$/.test(ts) || Math.abs(nowMs / 1000 - Number(ts)) >= MAX_SKEW_S) {
    return { ok: false, verdict: 'stale_timestamp', detail: `Wechatpay-Timestamp ${ts.slice(0, 20)} is 5 minutes or more from now` };
  }
  const key = verifierFor(c, serial);
  if (!key) return { ok: false, verdict: 'unknown_serial', detail: `Wechatpay-Serial ${serial.slice(0, 64)} is not ours` };
  const body = rawBody(event);
  if (!rsaVerify(key, signingMessage(ts, nonce, body), signature)) {
    return { ok: false, verdict: 'bad_signature', detail: `signature does not verify with ${serial.slice(0, 64)}` };
  }
  let envelope: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(body);
    if (!isRecord(parsed) || !isRecord(parsed.resource)) throw new Error('no resource');
    envelope = parsed;
  } catch (err) {
    return { ok: false, verdict: 'invalid', detail: `body: ${(err as Error).message}` };
  }
  const r = envelope.resource as Record<string, unknown>;
  let plain: unknown;
  try {
    if (typeof r.ciphertext !== 'string' || typeof r.nonce !== 'string') throw new Error('resource without ciphertext/nonce');
    plain = JSON.parse(decryptResource(c.apiV3Key, r as unknown as EncryptedResource));
  } catch (err) {
    return { ok: false, verdict: 'bad_ciphertext', detail: `resource: ${(err as Error).message}` };
  }
  if (!isRecord(plain)) return { ok: false, verdict: 'invalid', detail: 'resource is not an object' };
  const eventType = typeof envelope.event_type === 'string' ? envelope.event_type : '';
  return {
    ok: true,
    id: typeof envelope.id === 'string' ? envelope.id : '',
    eventType,
    kind: eventType.startsWith('REFUND.') ? 'refund' : 'pay',
    resource: plain,
  };
}
