// Parameter checks shared by the Cloud Pay APIs, in the order and with the outcomes WeChat gives:
// wrong JSON types are refused by the Cloud Pay gateway (`wx api error: -202`, docs/wechat-contracts.md §3.1/§7.3); missing
// or malformed v2 fields are business failures (`result_code FAIL`, LACK_PARAMS / INVALID_REQUEST).
import { wxApiError } from './wire';

export type Params = Record<string, unknown>;

/** v2 `out_trade_no`: ≤ 32 of `[0-9A-Za-z_-|*@]` (§3.2). */
export const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*@]{1,32}$/;
/** v2 `out_refund_no`: ≤ 64 of the same set (§3.4). */
export const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

/** A field is present when it is neither undefined nor null (JSON drops undefined anyway). */
export function has(params: Params, key: string): boolean {
  return params[key] !== undefined && params[key] !== null;
}

/** Every present field among `keys` must be a string, else the gateway rejects the call. */
export function requireStrings(params: Params, keys: string[]): void {
  for (const key of keys) {
    if (has(params, key) && typeof params[key] !== 'string') throw wxApiError(`${key} must be a String`);
  }
}

/** Every present field among `keys` must be an integer Number (fen), else `-202` (§7.3: string totalFee). */
export function requireIntegers(params: Params, keys: string[]): void {
  for (const key of keys) {
    if (!has(params, key)) continue;
    const v = params[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw wxApiError(`${key} must be an integer Number of fen`);
  }
}

/** The first of `keys` that is missing or empty, if any. */
export function firstMissing(params: Params, keys: string[]): string | undefined {
  return keys.find((k) => !has(params, k) || params[k] === '');
}

export function str(params: Params, key: string): string | undefined {
  return typeof params[key] === 'string' ? (params[key] as string) : undefined;
}

/** Characters, not UTF-16 units: `body` String(128) counts 汉字 as one each [INF]. */
export function charLength(s: string): number {
  return [...s].length;
}
