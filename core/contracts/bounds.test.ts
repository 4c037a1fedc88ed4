// The audit item 5/7 as a test: no request field of the mini-program's functions accepts a
// 1 MB string (so nothing a client stores — names, notes, addresses, reasons, fileIDs — is unbounded),
// an unknown 1 MB key is refused or dropped, and every refusal fits in REFUSAL_MAX_BYTES. WeChat's
// notify events are loose on purpose (WeChat adds fields): they are stored only through
// server/bounded.ts, checked by test/integration/bounds.test.ts.
import { parseRequest, preview, REFUSAL_MAX_BYTES } from './parse';
import { FUNCTION_NAMES, type FunctionName } from './registry';
import { VALID_EVENTS } from './valid-payloads';

const MB = 'x'.repeat(1024 * 1024);
const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');
// WeChat's own events (loose shapes, not the mini-program's envelope).
const LOOSE: FunctionName[] = ['payNotify', 'refundNotify', 'sweeper', 'contentCheck'];

type Json = Record<string, unknown>;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Paths of every string in a sample payload (array items included). */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

function setAt(root: Json, path: (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

const samples = FUNCTION_NAMES.filter((fn) => !LOOSE.includes(fn)).flatMap((fn) =>
  Object.entries((VALID_EVENTS as unknown as Record<string, Record<string, { action: string; payload: Json }>>)[fn]).map(([action, event]) => [fn, action, event] as const));

describe('no client field takes a 1 MB string, and no refusal echoes one', () => {
  let tried = 0;
  let largest = 0;
  afterAll(() => console.log(`1 MB in each of ${tried} string fields of ${samples.length} actions: all refused, largest refusal ${largest} B (bound ${REFUSAL_MAX_BYTES} B)`));

  it.each(samples)('%s.%s', (fn, _action, sample) => {
    for (const path of stringPaths(sample.payload)) {
      const event = clone(sample);
      setAt(event.payload, path, MB);
      const result = parseRequest(fn, event);
      tried += 1;
      largest = Math.max(largest, bytes(result));
      expect({ path: path.join('.'), ok: result.ok }).toEqual({ path: path.join('.'), ok: false });
      expect(bytes(result)).toBeLessThanOrEqual(REFUSAL_MAX_BYTES);
    }
    const extra = clone(sample);
    extra.payload[MB] = MB;
    const withKey = parseRequest(fn, extra);
    // Refused (strict objects), or accepted with the key dropped (the envelope's own extra keys).
    expect(withKey.ok && JSON.stringify(withKey.data).includes(MB)).toBe(false);
    expect(withKey.ok || bytes(withKey) <= REFUSAL_MAX_BYTES).toBe(true);
  });
});

describe('preview', () => {
  it('keeps short text and cuts long text to 40 characters with its length', () => {
    expect(preview('短的')).toBe('短的');
    expect(preview('很'.repeat(100))).toBe(`${'很'.repeat(40)}…(100 chars)`);
  });
});
