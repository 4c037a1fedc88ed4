// A WeChat open-API error: `{errcode, errmsg}` in the reply body, which the SDK throws as
// `openapi.<api>:fail <errmsg>` with `errCode = errcode` (docs/wechat-contracts.md §1.7).
import { randomBytes } from 'node:crypto';

export class WxApiError extends Error {
  readonly errmsg: string;
  constructor(readonly errcode: number, message: string) {
    super(message);
    // Real replies end with a request id, e.g. "invalid template_id rid: 5f8a1d2e-0b1c2d3e-4f5a6b7c".
    this.errmsg = `${message} rid: ${rid()}`;
  }
}

function rid(): string {
  const h = randomBytes(12).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 16)}-${h.slice(16, 24)}`;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}
