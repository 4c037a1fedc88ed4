// One signed APIv3 request and its verified answer (docs/wechat-contracts.md §4.1–4.2, §4.5). Every
// request carries `Authorization: WECHATPAY2-SHA256-RSA2048 …` made with the merchant API key; every
// answer — errors included — must carry WeChat Pay's signature over `timestamp\nnonce\nbody\n` by the key
// its Wechatpay-Serial names, within 5 minutes of our clock, or it is not believed. Failures come back
// as the PayResult that cloudpay.ts uses, so callers treat both channels alike.
import type { PayFailure, PayResult } from '../cloudpay';
import type { V3Config } from './config';
import { verifierFor } from './config';
import { authorization, nonceStr, rsaVerify, signingMessage } from './crypto';

/** §4.4: the official utilities refuse a timestamp 5 minutes or more away from the local clock. */
export const MAX_SKEW_S = 5 * 60;
const TIMEOUT_MS = 8_000;

export type Reply = Record<string, unknown>;

export interface V3Answer {
  status: number;
  data: Reply | null;
}

/** Answers with these codes say the order / refund is not there (query, close, refund query). */
const NOT_FOUND = new Set(['ORDER_NOT_EXIST', 'ORDERNOTEXIST', 'RESOURCE_NOT_EXISTS', 'NOT_FOUND']);

function failure(kind: PayFailure['kind'], errCode: string | number | null, message: string, notFound = false): PayFailure {
  return { ok: false, kind, errCode, message, ...(notFound ? { notFound } : {}) };
}

/** Whether an answer is WeChat Pay's own (signature, serial, time); null when it is, else why not. */
export function answerRefusal(config: V3Config, headers: Headers, body: string, nowS: number): string | null {
  const ts = headers.get('wechatpay-timestamp') ?? '';
  const nonce = headers.get('wechatpay-nonce') ?? '';
  const signature = headers.get('wechatpay-signature') ?? '';
  const serial = headers.get('wechatpay-serial') ?? '';
  if (!ts || !nonce || !signature || !serial) return 'answer without a WeChat Pay signature';
  if (!/^\d+$/.test(ts) || Math.abs(nowS - Number(ts)) >= MAX_SKEW_S) return `answer timestamp ${ts} too far from now`;
  const key = verifierFor(config, serial);
  if (!key) return `answer signed by unknown serial ${serial}`;
  if (!rsaVerify(key, signingMessage(ts, nonce, body), signature)) return 'answer signature invalid';
  return null;
}

export async function v3Request(config: V3Config, method: 'GET' | 'POST', pathWithQuery: string, body?: Reply): Promise<PayResult<V3Answer>> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const now = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'User-Agent': 'kaidian-wxpay-v3',
    Authorization: authorization({
      mchid: config.mchid, serialNo: config.serialNo, privateKey: config.privateKey, method, pathWithQuery, body: text,
      timestamp: now, nonce: nonceStr(),
    }),
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (config.publicKeyId) headers['Wechatpay-Serial'] = config.publicKeyId;
  let res: Response;
  let raw: string;
  try {
    res = await fetch(`${config.baseUrl}${pathWithQuery}`, { method, headers, body: body === undefined ? undefined : text, signal: AbortSignal.timeout(TIMEOUT_MS) });
    raw = await res.text();
  } catch (err) {
    return failure('error', -1, `${method} ${pathWithQuery}: ${String((err as Error)?.message ?? err)}`);
  }
  const refused = answerRefusal(config, res.headers, raw, Math.floor(Date.now() / 1000));
  if (refused) return failure('error', res.status, `${method} ${pathWithQuery}: ${refused}`);
  let data: Reply | null = null;
  if (raw) {
    try {
      data = JSON.parse(raw) as Reply;
    } catch {
      return failure('error', res.status, `${method} ${pathWithQuery}: answer is not JSON`);
    }
  }
  if (res.ok) return { ok: true, data: { status: res.status, data } };
  const code = typeof data?.code === 'string' ? data.code : String(res.status);
  const message = `${code} ${typeof data?.message === 'string' ? data.message : ''}`.trim();
  if (res.status >= 500 || res.status === 429) return failure('error', code, message);
  // 401 SIGN_ERROR and 403 NO_AUTH: our keys or the merchant's binding are wrong — not worth a retry.
  if (res.status === 401 || (res.status === 403 && code === 'NO_AUTH')) return failure('rejected', code, message);
  return failure('business', code, message, NOT_FOUND.has(code));
}
