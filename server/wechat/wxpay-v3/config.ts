// The platform's WeChat Pay v3 keys, read from the function's environment variables (docs/wechat-contracts.md
// §1.3a): never from the database or the repository. One set per deployment: a service provider's
// (v3-partner, the shop is its sub-merchant) or a single shop's own merchant (v3-direct). Which of the
// two verification modes applies (§4.5) follows from what is set: a WeChat Pay public key and its id,
// or platform certificates. `missingV3Keys` is what `npm run doctor` reports (scripts/doctor-pay.ts).
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';

export const V3_ENV = {
  mchid: 'WXPAY_MCHID',
  appid: 'WXPAY_APPID',
  serialNo: 'WXPAY_MCH_SERIAL_NO',
  privateKey: 'WXPAY_MCH_PRIVATE_KEY',
  apiV3Key: 'WXPAY_APIV3_KEY',
  publicKeyId: 'WXPAY_PUBLIC_KEY_ID',
  publicKey: 'WXPAY_PUBLIC_KEY',
  platformCerts: 'WXPAY_PLATFORM_CERTS',
  notifyUrl: 'WXPAY_NOTIFY_URL',
  baseUrl: 'WXPAY_BASE_URL',
} as const;

export const DEFAULT_BASE_URL = 'https://api.mch.weixin.qq.com';

export interface V3Config {
  /** sp_mchid (v3-partner) or mchid (v3-direct): the merchant whose API key signs. */
  mchid: string;
  /** The mini-program's appid (sp_appid / sub_appid, or appid). */
  appid: string;
  serialNo: string;
  privateKey: KeyObject;
  apiV3Key: string;
  /** WeChat Pay's keys by the id `Wechatpay-Serial` names: PUB_KEY_ID_… or platform certificate serials. */
  verifiers: Map<string, KeyObject>;
  /** The public key id requests name in `Wechatpay-Serial` (public-key mode), else null. */
  publicKeyId: string | null;
  notifyUrl: string;
  baseUrl: string;
}

type Env = Record<string, string | undefined>;
const pem = (v: string | undefined) => (v ?? '').replace(/\\n/g, '\n').trim();

/** Which variables a v3 deployment still lacks (names only, never values). */
export function missingV3Keys(env: Env = process.env): string[] {
  const required = [V3_ENV.mchid, V3_ENV.appid, V3_ENV.serialNo, V3_ENV.privateKey, V3_ENV.apiV3Key, V3_ENV.notifyUrl];
  const missing: string[] = required.filter((k) => !env[k]);
  const publicKeyMode = Boolean(env[V3_ENV.publicKeyId] && env[V3_ENV.publicKey]);
  if (!publicKeyMode && !env[V3_ENV.platformCerts]) {
    missing.push(`${V3_ENV.publicKeyId}+${V3_ENV.publicKey} (公钥模式) or ${V3_ENV.platformCerts} (平台证书模式)`);
  }
  if (env[V3_ENV.apiV3Key] && Buffer.byteLength(env[V3_ENV.apiV3Key]!, 'utf8') !== 32) missing.push(`${V3_ENV.apiV3Key} (must be 32 bytes)`);
  return missing;
}

/** Every PEM certificate in `text`, by its serial number (upper-case hex, as Wechatpay-Serial sends it). */
function certificates(text: string): Map<string, KeyObject> {
  const out = new Map<string, KeyObject>();
  for (const block of text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) {
    const cert = new X509Certificate(block);
    out.set(cert.serialNumber.toUpperCase(), cert.publicKey);
  }
  return out;
}

let cached: { key: string; config: V3Config } | null = null;

/** The deployment's v3 configuration, or the list of what is missing. */
export function v3Config(env: Env = process.env): { ok: true; config: V3Config } | { ok: false; missing: string[] } {
  const missing = missingV3Keys(env);
  if (missing.length) return { ok: false, missing };
  const key = Object.values(V3_ENV).map((k) => env[k] ?? '').join('\u0000');
  if (cached?.key === key) return { ok: true, config: cached.config };
  const verifiers = certificates(pem(env[V3_ENV.platformCerts]));
  const publicKeyId = env[V3_ENV.publicKeyId] && env[V3_ENV.publicKey] ? env[V3_ENV.publicKeyId]! : null;
  if (publicKeyId) verifiers.set(publicKeyId, createPublicKey(pem(env[V3_ENV.publicKey])));
  const config: V3Config = {
    mchid: env[V3_ENV.mchid]!,
    appid: env[V3_ENV.appid]!,
    serialNo: env[V3_ENV.serialNo]!,
    privateKey: createPrivateKey(pem(env[V3_ENV.privateKey])),
    apiV3Key: env[V3_ENV.apiV3Key]!,
    verifiers,
    publicKeyId,
    notifyUrl: env[V3_ENV.notifyUrl]!,
    baseUrl: (env[V3_ENV.baseUrl] || DEFAULT_BASE_URL).replace(/\/+$/, ''),
  };
  cached = { key, config };
  return { ok: true, config };
}

/** The key `Wechatpay-Serial` names, or null (an unknown serial is refused, §4.4). */
export function verifierFor(config: V3Config, serial: string): KeyObject | null {
  return config.verifiers.get(serial) ?? config.verifiers.get(serial.toUpperCase()) ?? null;
}
