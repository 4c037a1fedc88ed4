// A small seeded PRNG (mulberry32) for property tests and load tests that must replay the same
// cases from a seed. core/ takes no randomness from the environment (docs/style.md §3): production code
// passes `crypto.randomInt` where a `RandomInt` is asked for; tests pass `seededRandom(seed).int`.

/** Returns an integer in [0, maxExclusive). Same signature as Node's `crypto.randomInt(max)`. */
export type RandomInt = (maxExclusive: number) => number;

export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int: RandomInt;
  /** An integer in [min, max], both inclusive. */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => {
    if (!Number.isSafeInteger(maxExclusive) || maxExclusive <= 0) throw new RangeError(`bad bound: ${maxExclusive}`);
    return Math.floor(next() * maxExclusive);
  };
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(items.length)];
    },
  };
}
