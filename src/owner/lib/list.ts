// Reordering helpers for the owner's lists (products, categories, photos): pure, so they are tested once.

/** A copy with items i and j swapped; out-of-range indexes leave it as it was. */
export function swap<T>(list: readonly T[], i: number, j: number): T[] {
  if (i < 0 || j < 0 || i >= list.length || j >= list.length) return [...list];
  const next = [...list];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/** Moves item `index` one place towards the front (a photo towards the cover). */
export function moveEarlier<T>(list: readonly T[], index: number): T[] {
  return index <= 0 ? [...list] : swap(list, index - 1, index);
}
