// Untrusted input that is stored for the record (notify events, refusal details) is bounded here, in
// UTF-8 bytes, so nobody can fill the database by calling a function with a big event: anyone can call a
// cloud function (docs/wechat-contracts.md §7.4), and an event may weigh up to the 1 MB of an invocation (§6). The contracts
// bound every field a request stores (core/contracts/fields.ts LIMITS); these bound what is kept whole.

/** The stored form of one notify event: the largest event kept as it is. payNotify and refundNotify share it. */
export const STORED_EVENT_MAX_BYTES = 3 * 1024;
/** A stored free-text detail (why a notify was refused, what the re-query said). */
export const STORED_DETAIL_MAX_BYTES = 512;

const utf8 = new TextEncoder();

export function byteLength(text: string): number {
  return utf8.encode(text).length;
}

/** The longest prefix of `text` within `maxBytes` UTF-8 bytes, never splitting a character. */
export function cutToBytes(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes || byteLength(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = byteLength(ch);
    if (used + n > maxBytes) break;
    out += ch;
    used += n;
  }
  return out;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * An event as it may be stored: itself when it is an object whose JSON fits `maxBytes`, otherwise
 * `{ truncated, bytes }` with the first part of its JSON (within maxBytes with the wrapper) and its
 * full size, which is what a person looking at a forged or broken event needs.
 */
export function boundedEvent(event: unknown, maxBytes = STORED_EVENT_MAX_BYTES): Record<string, unknown> {
  const json = jsonOf(event);
  const bytes = byteLength(json);
  if (isRecord(event) && bytes <= maxBytes) return event;
  // The wrapper and JSON escaping of the kept text cost a little: keep a margin for them.
  const kept = cutToBytes(json, Math.floor(maxBytes * 0.45));
  return { truncated: kept, bytes };
}

/** Free text for the record, within `maxBytes`. */
export function boundedText(text: string | null, maxBytes = STORED_DETAIL_MAX_BYTES): string | null {
  return text === null ? null : cutToBytes(text, maxBytes);
}
