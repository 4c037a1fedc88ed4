// Checkout idempotency keys (docs/style.md §8; ids.ts REQUEST_ID_PATTERN: 8-64 of [A-Za-z0-9_-]). One id
// per checkout screen: a double tap or a retry after a timeout sends the same id, and the server
// returns the same order instead of making a second one.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newRequestId(now: number = Date.now(), random: () => number = Math.random): string {
  let tail = '';
  for (let i = 0; i < 12; i += 1) tail += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return `r${now.toString(36)}${tail}`;
}
