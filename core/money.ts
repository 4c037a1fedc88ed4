// Money is integer fen (分) everywhere: storage, computation, API (docs/product.md §B).
// `Fen` is a branded number so a yuan float or an unchecked number cannot be passed where money is
// expected; the only ways in validate a safe non-negative integer. Cloud Pay's `totalFee` must be an
// integer Number (docs/wechat-contracts.md §3.2; a string gives `-202`), which a Fen always is.
import { fail, ok, type Result } from './errors';

declare const FenBrand: unique symbol;
export type Fen = number & { readonly [FenBrand]: true };

export const ZERO_FEN = 0 as Fen;

/** Largest price of one unit a shop may set: ¥100,000. */
export const MAX_PRICE_FEN = 10_000_000 as Fen;
/** Largest order total: WeChat Pay v2 `total_fee` is an Int (32-bit), so stay below 2^31. */
export const MAX_ORDER_TOTAL_FEN = 2_147_483_647 as Fen;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** For trusted numbers (constants, values already read back from our own documents). Throws on anything else. */
export function fen(value: number): Fen {
  if (!isFen(value)) throw new RangeError(`not a fen amount: ${String(value)}`);
  return value;
}

/** For untrusted input: a Result instead of a throw. Strings are rejected, not coerced. */
export function parseFen(value: unknown): Result<Fen> {
  if (isFen(value)) return ok(value);
  return fail('VALIDATION_FAILED', { reason: 'amount must be a non-negative safe integer of fen', received: describe(value) });
}

export function addFen(...amounts: readonly Fen[]): Fen {
  let total = 0;
  for (const a of amounts) total += a;
  return fen(total);
}

export function sumFen(amounts: Iterable<Fen>): Fen {
  return addFen(...amounts);
}

/** a − b; a negative difference is a bug in the caller (check with `a >= b` first), so it throws. */
export function subFen(a: Fen, b: Fen): Fen {
  if (b > a) throw new RangeError(`fen subtraction below zero: ${a} - ${b}`);
  return fen(a - b);
}

export function minFen(a: Fen, b: Fen): Fen {
  return (a < b ? a : b);
}

/** unit × quantity, exact; quantity must be a non-negative integer. */
export function multiplyFen(unit: Fen, quantity: number): Fen {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError(`bad quantity: ${quantity}`);
  return fen(unit * quantity);
}

const YUAN_PATTERN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Parses what an owner types into a price field: "12", "12.5", "12.50", "0.01".
 * No floats are involved (0.1 + 0.2 style errors are impossible); no sign, exponent, spaces,
 * thousands separators or a third decimal ("12.345" is rejected rather than rounded).
 */
export function yuanToFen(text: string): Result<Fen> {
  const match = typeof text === 'string' ? YUAN_PATTERN.exec(text) : null;
  if (!match) return fail('VALIDATION_FAILED', { reason: 'expected yuan like 12 or 12.50', received: describe(text) });
  const whole = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return parseFen(whole * 100 + cents);
}

/** The one helper for showing money on a screen: 1250 → "¥12.50". */
export function formatYuan(amount: Fen): string {
  const whole = Math.floor(amount / 100);
  const cents = amount % 100;
  return `¥${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * Splits `total` across parts in proportion to `weights` with the largest-remainder method
 * (Vendure's proration): each part is floor(total·w/W), and the fen left over go one each to the
 * parts with the largest remainders (ties: the earlier part). The parts always sum to `total`, and
 * when total ≤ W no part exceeds its weight. All-zero weights split evenly. total·w is computed exactly
 * without BigInt (mulDivMod), because the mini-program runs this too (the owner's refund preview) and
 * iOS before 14 has no BigInt; the weights must therefore sum to at most 2^53 − 1.
 */
export function prorate(total: Fen, weights: readonly number[]): Fen[] {
  if (!isFen(total)) throw new RangeError(`bad total: ${String(total)}`);
  if (weights.length === 0) {
    if (total === 0) return [];
    throw new RangeError('cannot prorate a non-zero total over no parts');
  }
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`bad weight: ${w}`);
  }
  const allZero = weights.every((w) => w === 0);
  const ws = weights.map((w) => (allZero ? 1 : w));
  let sum = 0;
  for (const w of ws) sum += w;
  if (!Number.isSafeInteger(sum)) throw new RangeError('weights sum past 2^53 − 1');
  const split = ws.map((w) => mulDivMod(total, w, sum));
  const parts = split.map(([q]) => q);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = split.map(([, r], i) => ({ i, r })).sort((a, b) => (a.r === b.r ? a.i - b.i : b.r - a.r));
  for (let k = 0; left > 0; k += 1, left -= 1) parts[order[k].i] += 1;
  return parts.map((p) => fen(p));
}

/**
 * [floor(a·b/m), a·b mod m], exact for safe integers a ≥ 0 and 0 ≤ b ≤ m ≤ 2^53 − 1: binary long
 * multiplication over the bits of a, keeping the remainder below m (so no sum passes m) and the
 * quotient below a.
 */
function mulDivMod(a: number, b: number, m: number): [number, number] {
  if (b === m) return [a, 0];
  let q = 0;
  let r = 0;
  let bit = 1;
  while (bit * 2 <= a) bit *= 2;
  let rest = a;
  for (; bit >= 1 && a > 0; bit /= 2) {
    // (q, r) ← 2·(q, r)
    if (r >= m - r) { q = q * 2 + 1; r = r - (m - r); } else { q *= 2; r *= 2; }
    if (rest >= bit) {
      rest -= bit;
      // (q, r) ← (q, r) + b
      if (r >= m - b) { q += 1; r = r - (m - b); } else { r += b; }
    }
  }
  return [q, r];
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : typeof value;
}
