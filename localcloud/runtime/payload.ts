// What the platform accepts as a function's input before any function runs. CloudBase answers an
// oversized request with EXCEED_MAX_PAYLOAD_SIZE ("cloud function request body: text type 100KB,
// other types 6MB", docs/wechat-contracts.md §5.2, §6); a JSON body nested absurdly deep is refused as a bad
// parameter [INF: the limit is ours — deep enough for any real payload, shallow enough that
// serialising it cannot exhaust the stack]. Either way the caller gets a structured error, never a 500.

/** Cloud-function request body limit for JSON (any non-text type) [DOC EXCEED_MAX_PAYLOAD_SIZE]. */
export const MAX_EVENT_BYTES = 6 * 1024 * 1024;
/** …and for `text/*` bodies (HTTP access service) [DOC]. */
export const MAX_TEXT_EVENT_BYTES = 100 * 1024;
/** Nesting depth of objects and arrays [INF]. */
export const MAX_EVENT_DEPTH = 512;

export interface PayloadProblem {
  /** The CloudBase error code. */
  code: 'EXCEED_MAX_PAYLOAD_SIZE' | 'INVALID_PARAM';
  message: string;
  /** What a client sees: HTTP status and wx.cloud.callFunction's errCode. */
  status: number;
  errCode: number;
}

export function tooLarge(limit: number): PayloadProblem {
  const limitText = limit >= 1024 * 1024 ? `${limit / 1024 / 1024}MB` : `${limit / 1024}KB`;
  return {
    code: 'EXCEED_MAX_PAYLOAD_SIZE',
    message: `Request body size exceeds limit: ${limitText} for this cloud function request`,
    status: 413,
    // EXCEED_MAX_PAYLOAD_SIZE is not in the SDK's TCB_ERR_CODE table, so it surfaces as -501001 (§1.4).
    errCode: -501001,
  };
}

/** Depth of nested objects/arrays, counted without recursion; stops counting past `limit`. */
export function depthOf(value: unknown, limit = MAX_EVENT_DEPTH): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Object.values(v as object)) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return max;
}

/** The problem with an event already parsed from `bytes` bytes of JSON, or null when it may run. */
export function eventProblem(value: unknown, bytes: number, limit = MAX_EVENT_BYTES): PayloadProblem | null {
  if (bytes > limit) return tooLarge(limit);
  if (depthOf(value) > MAX_EVENT_DEPTH) {
    return { code: 'INVALID_PARAM', message: `data nests deeper than ${MAX_EVENT_DEPTH} levels`, status: 400, errCode: -501007 };
  }
  return null;
}

/** JSON.parse that never overflows the stack later: the caller checks eventProblem() on the result. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The client-side error body (gateway): as wx.cloud.callFunction would reject [INF wording]. */
export function clientPayloadError(p: PayloadProblem): { errCode: number; errMsg: string; code: string } {
  const desc = p.errCode === -501007 ? 'invalid parameters' : 'resource system error';
  return { errCode: p.errCode, code: p.code, errMsg: `cloud.callFunction:fail ${p.errCode} ${desc}. [${p.code}] ${p.message}` };
}
