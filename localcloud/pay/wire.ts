// The small vocabulary of WeChat Pay v2 as Cloud Pay speaks it (docs/wechat-contracts.md §3): ids, Beijing
// time stamps, MD5 signatures, and the reply envelope. Replies are JSON in snake_case; the SDK
// camelCases them (§3.1), so `return_code` reaches the function as `returnCode`.
import { createHash, randomBytes } from 'node:crypto';

/**
 * Cloud Pay is a service-provider (服务商) setup: `appid`/`mch_id` in replies and notifies are the
 * platform's, the mini-program is `sub_appid` and the shop is `sub_mch_id` (§3.2 sample, §3.3).
 */
export const PLATFORM = { appid: 'wxd2565e6a04246fd1', mchId: '1800780001' } as const;

/** The sandbox's v2 API key: signs `sign` and `paySign` (MD5), so both are real, checkable values. */
export const SANDBOX_KEY = 'localcloudsandboxkey000000000000';

/** v2 notify retry schedule (15s,15s,30s,3m,10m,20m,30m,30m,30m,60m,3h,3h,3h,6h,6h = 24h4m; §3.3, §4.4). */
export const NOTIFY_RETRY_MS: readonly number[] = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
].map((s) => s * 1000);

/** A prepay id stays usable for 2 hours (docs/wechat-contracts.md §6). */
export const PREPAY_TTL_MS = 2 * 60 * 60 * 1000;

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `yyyyMMddHHmmss` in Beijing time (timeEnd, timeExpire; §3.2–3.3). */
export function chinaStamp(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing time (v2 refund `success_time`). */
export function chinaDateTime(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19);
}

/** Parse a `yyyyMMddHHmmss` Beijing-time stamp; null when it is not one. */
export function parseChinaStamp(s: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, se] = m.map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, se) - CHINA_OFFSET_MS;
  // Reject 20240230… and other dates that Date.UTC silently rolls over.
  return chinaStamp(ms) === s ? ms : null;
}

export function nonce(length = 16): string {
  return randomBytes(length).toString('hex').slice(0, length);
}

function digits(n: number): string {
  let s = '';
  while (s.length < n) s += randomBytes(8).readBigUInt64BE().toString().slice(1);
  return s.slice(0, n);
}

/** `wx` + Beijing time + hex, 36 chars like `wx0309344739726764273eb73ac311f50000`. */
export function newPrepayId(now: number): string {
  return `wx${chinaStamp(now).slice(4)}${randomBytes(12).toString('hex')}`.slice(0, 36);
}

/** 28 digits like `4200004561202203217657282768`: `42000` + 5 + yyyyMMdd + 10. */
export function newTransactionId(now: number): string {
  return `42000${digits(5)}${chinaStamp(now).slice(0, 8)}${digits(10)}`;
}

/** 29 digits like v2 refund ids (`5030…`). */
export function newRefundId(now: number): string {
  return `5030${digits(7)}${chinaStamp(now).slice(0, 8)}${digits(10)}`;
}

/** The payer's openid under the platform's appid (the notify's `openid`, not `sub_openid`; §3.3). */
export function platformOpenid(subOpenid: string): string {
  return 'oPoo3' + createHash('sha256').update(subOpenid).digest('base64url').slice(0, 23);
}

/** v2 MD5 signature: sorted non-empty `k=v` joined by `&`, then `&key=KEY`, upper-case hex. */
export function signMd5(fields: Record<string, unknown>, key = SANDBOX_KEY): string {
  const text = Object.keys(fields)
    .filter((k) => k !== 'sign' && fields[k] !== undefined && fields[k] !== null && fields[k] !== '' && typeof fields[k] !== 'object')
    .sort()
    .map((k) => `${k}=${String(fields[k])}`)
    .join('&');
  return createHash('md5').update(`${text}&key=${key}`, 'utf8').digest('hex').toUpperCase();
}

export type V2Reply = Record<string, unknown>;

/** The envelope every successful v2 reply carries, signed. */
export function envelope(subAppid: string, subMchId: string, fields: V2Reply): V2Reply {
  const body: V2Reply = {
    return_code: 'SUCCESS', return_msg: 'OK', appid: PLATFORM.appid, mch_id: PLATFORM.mchId,
    sub_appid: subAppid, sub_mch_id: subMchId, nonce_str: nonce(), ...fields,
  };
  return { ...body, sign: signMd5(body) };
}

/** A business failure: `return_code SUCCESS`, `result_code FAIL` with `err_code`/`err_code_des` (§3.2). */
export function businessFail(subAppid: string, subMchId: string, errCode: string, errCodeDes: string): V2Reply {
  return envelope(subAppid, subMchId, { result_code: 'FAIL', err_code: errCode, err_code_des: errCodeDes });
}

/** A communication-level failure: `return_code FAIL` + `return_msg` only, as v2 answers it. */
export function returnFail(returnMsg: string): V2Reply {
  return { return_code: 'FAIL', return_msg: returnMsg };
}

/**
 * Thrown for errors the Cloud Pay gateway raises before WeChat Pay sees the request (a `totalFee`
 * that is not an integer Number: `unifiedOrder:fail wx api error: -202`, §3.1/§7.3). Answered as
 * JSON `{errcode, errmsg}` with `application/json; charset=utf-8`, which the SDK throws.
 */
export class GatewayError extends Error {
  constructor(readonly errcode: number, message: string) {
    super(message);
  }
}

export function wxApiError(detail?: string): GatewayError {
  return new GatewayError(-202, `wx api error: -202${detail ? ` (local cloud: ${detail})` : ''}`);
}
