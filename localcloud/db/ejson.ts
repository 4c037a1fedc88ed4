// Extended JSON as the SDK speaks it (docs/wechat-contracts.md §10: queries, updates and documents travel as canonical EJSON
// strings; replies carry EJSON strings that the SDK parses with bson's EJSON.parse).
// decode: EJSON value → plain JS (Date, RegExp, number); encode: JS → canonical (wire) or relaxed
// (storage) EJSON. `$tcb_server_date` is resolved here, against the local cloud's virtual clock (§2.5).

export type Doc = Record<string, unknown>;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function parseNumber(text: unknown): number {
  if (typeof text === 'number') return text;
  const s = String(text);
  if (s === 'Infinity' || s === '+Infinity') return Infinity;
  if (s === '-Infinity') return -Infinity;
  if (s === 'NaN') return NaN;
  return Number(s);
}

function decodeDate(value: unknown): Date {
  if (value && typeof value === 'object' && '$numberLong' in value) {
    return new Date(parseNumber((value as { $numberLong: unknown }).$numberLong));
  }
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  throw new TypeError(`invalid $date value ${JSON.stringify(value)}`);
}

/** JavaScript knows i, m, s, u of MongoDB's i, m, s, x, l, u; x and l are dropped. */
function regexFlags(options: unknown): string {
  return [...new Set(String(options ?? '').split(''))].filter((f) => 'imsu'.includes(f)).join('');
}

/**
 * EJSON (canonical or relaxed) → JS. `now` resolves `{$tcb_server_date:{offset}}` (db.serverDate()).
 * Query operators such as `{$regex, $options}` are left alone: they are not EJSON type wrappers.
 */
export function decode(value: unknown, now: () => number): unknown {
  // One request, one "now": every serverDate in it sees the same instant (a clock tick between two
  // fields would make `serverDate({offset})` minus `serverDate()` differ from the offset).
  let at: number | undefined;
  return decodeValue(value, () => (at ??= now()));
}

function decodeValue(value: unknown, now: () => number): unknown {
  const decode = decodeValue;
  if (Array.isArray(value)) return value.map((v) => decode(v, now));
  if (!value || typeof value !== 'object') return value;
  const obj = value as Doc;
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    const k = keys[0];
    const v = obj[k];
    switch (k) {
      case '$numberInt':
      case '$numberLong':
      case '$numberDouble':
      case '$numberDecimal':
        return parseNumber(v);
      case '$date':
        return decodeDate(v);
      case '$regularExpression': {
        const re = v as { pattern: string; options?: string };
        return new RegExp(re.pattern, regexFlags(re.options));
      }
      case '$oid':
        return String(v);
      case '$undefined':
        return undefined;
      case '$tcb_server_date': {
        const offset = v && typeof v === 'object' ? parseNumber(decode((v as Doc).offset ?? 0, now)) : 0;
        return new Date(now() + (Number.isFinite(offset) ? offset : 0));
      }
      case '$binary': {
        const b = v as { base64?: string };
        if (b && typeof b.base64 === 'string') return Buffer.from(b.base64, 'base64');
        break;
      }
      default:
        break;
    }
  }
  const out: Doc = {};
  for (const key of keys) {
    const decoded = decode(obj[key], now);
    if (decoded !== undefined) out[key] = decoded;
  }
  return out;
}

/** Parse a wire field that is an EJSON string (or, from a raw caller, already an object). */
export function decodeParam(param: unknown, now: () => number): unknown {
  if (param === undefined || param === null || param === '') return undefined;
  return decode(typeof param === 'string' ? JSON.parse(param) : param, now);
}

function encodeNumber(n: number, canonical: boolean): unknown {
  if (!Number.isFinite(n)) return { $numberDouble: Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity' };
  if (!canonical) return n;
  if (Number.isInteger(n) && !Object.is(n, -0)) {
    if (n >= INT32_MIN && n <= INT32_MAX) return { $numberInt: String(n) };
    if (Number.isSafeInteger(n)) return { $numberLong: String(n) };
  }
  const text = Object.is(n, -0) ? '-0.0' : Number.isInteger(n) && Math.abs(n) < 1e21 ? `${n}.0` : String(n);
  return { $numberDouble: text };
}

/**
 * JS → EJSON-ready value. `canonical` (the wire, §10) wraps every number; relaxed (our storage)
 * keeps finite numbers plain. `undefined` members are dropped, as the SDK does (§2.5).
 */
export function encode(value: unknown, canonical = true): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return encodeNumber(value, canonical);
  if (typeof value === 'bigint') return canonical ? { $numberLong: value.toString() } : Number(value);
  if (value instanceof Date) {
    const ms = value.getTime();
    return { $date: { $numberLong: String(Number.isNaN(ms) ? 0 : ms) } };
  }
  if (value instanceof RegExp) {
    return { $regularExpression: { pattern: value.source, options: value.flags.split('').sort().join('') } };
  }
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return { $binary: { base64: Buffer.from(value).toString('base64'), subType: '00' } };
  }
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : encode(v, canonical)));
  if (typeof value === 'object') {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value as Doc)) {
      if (v !== undefined && typeof v !== 'function') out[k] = encode(v, canonical);
    }
    return out;
  }
  return null;
}

/** One document as the SDK expects it in `list` (canonical EJSON string). */
export function toWire(doc: unknown): string {
  return JSON.stringify(encode(doc, true));
}

/** One document as stored in SQLite (relaxed EJSON string). */
export function toStored(doc: unknown): string {
  return JSON.stringify(encode(doc, false));
}

export function fromStored(text: string): Doc {
  return decode(JSON.parse(text), () => 0) as Doc;
}
