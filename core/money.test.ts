import {
  addFen, fen, formatYuan, isFen, MAX_PRICE_FEN, multiplyFen, parseFen, prorate, subFen, sumFen, yuanToFen, type Fen,
} from './money';
import { seededRandom } from './prng';

describe('Fen: the only way in validates a safe non-negative integer', () => {
  it.each([0, 1, 1250, Number.MAX_SAFE_INTEGER])('accepts %p', (n) => {
    expect(parseFen(n)).toEqual({ ok: true, data: n });
    expect(fen(n)).toBe(n);
  });

  it.each([-1, 0.5, 12.3, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1, '12', '0', null, undefined, {}, [1], true])(
    'rejects %p with VALIDATION_FAILED',
    (value) => {
      const result = parseFen(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe('VALIDATION_FAILED');
      expect(isFen(value)).toBe(false);
      expect(() => fen(value as number)).toThrow(RangeError);
    },
  );
});

describe('arithmetic stays integer', () => {
  it('adds, sums and multiplies exactly', () => {
    expect(addFen(fen(10), fen(20), fen(30))).toBe(60);
    expect(sumFen([])).toBe(0);
    expect(multiplyFen(fen(1999), 3)).toBe(5997);
    expect(multiplyFen(MAX_PRICE_FEN, 999)).toBe(9_990_000_000);
  });

  it('refuses a subtraction below zero and fractional quantities', () => {
    expect(subFen(fen(100), fen(40))).toBe(60);
    expect(() => subFen(fen(40), fen(100))).toThrow(RangeError);
    expect(() => multiplyFen(fen(100), 1.5)).toThrow(RangeError);
    expect(() => multiplyFen(fen(100), -1)).toThrow(RangeError);
    expect(() => multiplyFen(fen(Number.MAX_SAFE_INTEGER), 2)).toThrow(RangeError);
  });
});

describe('yuanToFen parses what an owner types, without floats', () => {
  it.each([
    ['12', 1200], ['12.5', 1250], ['12.50', 1250], ['0.01', 1], ['0', 0], ['0.1', 10], ['1.10', 110],
    ['19.99', 1999], ['0.29', 29], ['1234567.89', 123456789],
  ])('"%s" → %d fen', (text, expected) => {
    expect(yuanToFen(text)).toEqual({ ok: true, data: expected });
  });

  it.each(['12.345', '-1', '1e3', '', ' ', ' 12', '12 ', '12.', '.5', '+1', '1,000', '¥12', 'NaN', '0x10', '１２'])(
    'rejects %p',
    (text) => {
      const result = yuanToFen(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe('VALIDATION_FAILED');
    },
  );

  it('round-trips every cent amount below ¥100 through formatYuan', () => {
    const mismatches: number[] = [];
    for (let n = 0; n < 10_000; n += 1) {
      const back = yuanToFen(formatYuan(fen(n)).slice(1));
      if (!back.ok || back.data !== n) mismatches.push(n);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('formatYuan is the one helper for the screen', () => {
  it.each([[0, '¥0.00'], [1, '¥0.01'], [10, '¥0.10'], [1250, '¥12.50'], [1200, '¥12.00'], [123456789, '¥1234567.89']])(
    '%d fen → %s',
    (amount, text) => expect(formatYuan(fen(amount))).toBe(text),
  );
});

describe('prorate (largest remainder)', () => {
  it('splits ¥1.00 three ways as 34/33/33 and gives the odd fen to the largest remainder', () => {
    expect(prorate(fen(100), [1, 1, 1])).toEqual([34, 33, 33]);
    expect(prorate(fen(10), [3, 3, 4])).toEqual([3, 3, 4]);
    expect(prorate(fen(5), [1, 2])).toEqual([2, 3]);
  });

  it('handles zero weights, zero totals and the empty split', () => {
    expect(prorate(fen(7), [0, 0])).toEqual([4, 3]);
    expect(prorate(fen(0), [5, 7])).toEqual([0, 0]);
    expect(prorate(fen(0), [])).toEqual([]);
    expect(prorate(fen(9), [0, 5, 0])).toEqual([0, 9, 0]);
    expect(() => prorate(fen(1), [])).toThrow(RangeError);
    expect(() => prorate(fen(1), [-1, 2])).toThrow(RangeError);
    expect(() => prorate(fen(1), [0.5])).toThrow(RangeError);
  });

  it('stays exact where total × weight passes 2^53, without BigInt (checked against BigInt here)', () => {
    const big = fen(Number.MAX_SAFE_INTEGER);
    const weights = [2 ** 52, 1, 2 ** 52 - 2];
    const parts = prorate(big, weights);
    const W = BigInt(weights.reduce((a, b) => a + b, 0));
    const floors = weights.map((w) => (BigInt(big) * BigInt(w)) / W);
    expect(parts.map(BigInt).reduce((a, b) => a + b, BigInt(0))).toBe(BigInt(big));
    parts.forEach((p, i) => expect(BigInt(p) - floors[i] <= BigInt(1) && BigInt(p) >= floors[i]).toBe(true));
    const rng = seededRandom(53);
    for (let k = 0; k < 500; k += 1) {
      const total = fen(Math.floor(rng.next() * Number.MAX_SAFE_INTEGER));
      const ws = [0, 0, 0].map(() => Math.floor(rng.next() * 2 ** 51) + rng.int(2 ** 20));
      expect(prorate(total, ws)).toEqual(prorateWithBigInt(total, ws));
    }
    expect(() => prorate(big, [Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it('parts always sum to the total and never exceed their weight (5 seeds × 2,000 random cases)', () => {
    let cases = 0;
    const failures: unknown[] = [];
    for (const seed of [1, 2, 3, 42, 20240601]) {
      const rnd = seededRandom(seed);
      for (let c = 0; c < 2_000; c += 1) {
        const n = rnd.between(1, 12);
        const weights = Array.from({ length: n }, () => (rnd.next() < 0.15 ? 0 : rnd.between(0, 1_000_000)));
        const weightSum = weights.reduce((a, b) => a + b, 0);
        const total = fen(rnd.next() < 0.5 ? rnd.between(0, Math.max(weightSum, 1)) : rnd.between(0, 2_000_000_000));
        const parts: Fen[] = prorate(total, weights);
        const sum = parts.reduce((a, b) => a + b, 0);
        const bad =
          parts.length !== n ||
          sum !== total ||
          parts.some((p) => !isFen(p)) ||
          (total <= weightSum && parts.some((p, i) => p > weights[i])) ||
          // each part is within one fen of its exact share
          (weightSum > 0 && parts.some((p, i) => Math.abs(p - (total * weights[i]) / weightSum) >= 1 + 1e-6));
        if (bad) failures.push({ seed, total, weights, parts });
        cases += 1;
      }
    }
    expect(failures).toEqual([]);
    expect(cases).toBe(10_000);
  });
});

/** The reference: the BigInt implementation prorate had before it had to run on iOS < 14. */
function prorateWithBigInt(total: number, weights: number[]): number[] {
  const ws = weights.map((w) => BigInt(w));
  const sum = ws.reduce((a, b) => a + b, BigInt(0));
  const t = BigInt(total);
  const parts = ws.map((w) => (t * w) / sum);
  const rs = ws.map((w, i) => ({ i, r: (t * w) % sum }));
  let left = Number(t - parts.reduce((a, b) => a + b, BigInt(0)));
  rs.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; left > 0; k += 1, left -= 1) parts[rs[k].i] += BigInt(1);
  return parts.map(Number);
}
