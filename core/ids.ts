// Identifier formats. Randomness is passed in (production: `crypto.randomInt`; tests: seededRandom).
// Composite keys join parts with '.', a character that neither openids, our ids, request ids nor tags
// may contain, so two different (a, b) pairs can never produce the same key.
import type { RandomInt } from './prng';
import { formatPayTime } from './time';

/** Ids we accept from clients: our generated ids, or the database's 32-hex auto ids (docs/wechat-contracts.md §2.7). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** WeChat openids are 28 characters of [A-Za-z0-9_-]; local personas may be shorter. */
export const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Order ids leave room in 32 characters for the `_NN` attempt suffix of outTradeNo. */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9]{8,28}$/;
/** Cloud Pay `outTradeNo`: String(32) of [0-9A-Za-z_-] (§3.2). */
export const OUT_TRADE_NO_PATTERN = /^[0-9A-Za-z_-]{1,32}$/;
/**
 * Our out_refund_no: `<orderId>-R<seq>`, seq 1..50 (refundNo), or `<orderId>-S<attempt>` for the refund
 * of a second payment made under the order's outTradeNo attempt 0..99 (secondPaymentRefundNo).
 */
export const REFUND_NO_PATTERN = /^[A-Za-z0-9]{8,28}-(?:R(?:[1-9]|[1-4]\d|50)|S\d{1,2})$/;
/** Client checkout request ids (idempotency keys). */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** Crockford-like: no 0/O, 1/I/L, so a code read aloud or off a poster is unambiguous. */
export const SHOP_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const SHOP_CODE_LENGTH = 6;
export const SHOP_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{6}$/;

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export type IdPrefix = 'S' | 'P' | 'C' | 'O' | 'G' | 'N' | 'K' | 'A';

function randomChars(alphabet: string, length: number, randomInt: RandomInt): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/**
 * A new document id: prefix (S shop, P product, C category, O order, G gift, N notify log, K coupon, A 满减
 * activity), the China
 * time `yyyyMMddHHmmss` so ids sort by creation, and 8 random base-36 characters (2.8e12 per second).
 * 23 characters, matching ORDER_ID_PATTERN.
 */
export function newId(prefix: IdPrefix, now: number, randomInt: RandomInt): string {
  return `${prefix}${formatPayTime(now)}${randomChars(ID_ALPHABET, 8, randomInt)}`;
}

/** Cloud Pay outTradeNo for an order: the order id, then `_1`… for a re-issued payment (after closeOrder, §3.4). */
export function outTradeNo(orderId: string, attempt = 0): string {
  if (!ORDER_ID_PATTERN.test(orderId)) throw new RangeError(`order id not usable in outTradeNo: ${orderId}`);
  if (!Number.isInteger(attempt) || attempt < 0 || attempt > 99) throw new RangeError(`bad payment attempt: ${attempt}`);
  return attempt === 0 ? orderId : `${orderId}_${attempt}`;
}

/** The order an outTradeNo belongs to, or null when it is not one of ours. */
export function parseOutTradeNo(value: unknown): { orderId: string; attempt: number } | null {
  if (typeof value !== 'string' || !OUT_TRADE_NO_PATTERN.test(value)) return null;
  const m = /^([A-Za-z0-9]{8,28})(?:_([1-9]\d?))?$/.exec(value);
  return m ? { orderId: m[1], attempt: m[2] ? Number(m[2]) : 0 } : null;
}

/** out_refund_no (String 64): deterministic per order and sequence, so a retry reuses it (§3.4). ≤ 50 per order. */
export function refundNo(orderId: string, seq: number): string {
  if (!ORDER_ID_PATTERN.test(orderId)) throw new RangeError(`bad order id: ${orderId}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > 50) throw new RangeError(`bad refund sequence: ${seq}`);
  return `${orderId}-R${seq}`;
}

export function parseRefundNo(value: unknown): { orderId: string; seq: number } | null {
  if (typeof value !== 'string' || !REFUND_NO_PATTERN.test(value)) return null;
  const at = value.lastIndexOf('-');
  // A second payment's refund has no sequence among the order's own refunds: 0.
  return { orderId: value.slice(0, at), seq: value[at + 1] === 'R' ? Number(value.slice(at + 2)) : 0 };
}

/** The out_refund_no that returns a second payment made under `outTradeNo` (one refund per trade). */
export function secondPaymentRefundNo(outTradeNoValue: string): string {
  const ref = parseOutTradeNo(outTradeNoValue);
  if (!ref) throw new RangeError(`bad outTradeNo: ${outTradeNoValue}`);
  return `${ref.orderId}-S${ref.attempt}`;
}

/** A short shop code for QR scenes and for reading aloud; uniqueness is the shops.code unique index. */
export function newShopCode(randomInt: RandomInt): string {
  return randomChars(SHOP_CODE_ALPHABET, SHOP_CODE_LENGTH, randomInt);
}

/** wxacode.getUnlimited `scene` (≤ 32 visible characters) for a shop: "s=ABC234". */
export function shopScene(code: string): string {
  if (!SHOP_CODE_PATTERN.test(code)) throw new RangeError(`bad shop code: ${code}`);
  return `s=${code}`;
}

/** The shop code in a scene as the page receives it (URI-encoded in `options.scene`), or null. */
export function parseShopScene(scene: unknown): string | null {
  if (typeof scene !== 'string') return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(scene);
  } catch {
    return null;
  }
  const m = /^s=([^&]+)$/.exec(decoded);
  const code = m ? m[1].toUpperCase() : '';
  return SHOP_CODE_PATTERN.test(code) ? code : null;
}

// ---------- deterministic keys for idempotency (model.ts) ----------

export function checkoutId(buyerOpenid: string, requestId: string): string {
  return `${buyerOpenid}.${requestId}`;
}

export function membershipId(shopId: string, buyerOpenid: string, tag: string): string {
  return `${shopId}.${buyerOpenid}.${tag}`;
}

/** A grant is keyed by the order line (or the gift) that made it. */
export function grantKey(source: { type: 'order'; orderId: string; lineNo: number } | { type: 'gift'; shopId: string; giftId: string }): string {
  return source.type === 'order' ? `order.${source.orderId}.${source.lineNo}` : `gift.${source.shopId}.${source.giftId}`;
}

export function entitlementId(orderId: string, lineNo: number): string {
  return `${orderId}.${lineNo}`;
}

export function customerId(shopId: string, openid: string): string {
  return `${shopId}.${openid}`;
}
