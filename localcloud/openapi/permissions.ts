// Who may make a cloud call (云调用).
// - Open APIs need the API named in the calling function's config.json `permissions.openapi`
//   (docs/wechat-contracts.md §1.7, §5.1) [DOC]; missing → -604101 (§7.10).
// - Cloud Pay does not: WeChat's Cloud Pay guide and API pages [DOC] and Tencent's own samples call
//   cloudPay.* from functions whose config.json lists nothing; only community posts [COMM] add
//   `cloudPay.*` entries, which do no harm. So the local cloud lets any function call Cloud Pay.
// - Nothing may be called from outside a function: -604104 "illegal source of invocation".
// A refusal says which config.json key is missing, so the fix is one edit away.
import type { LocalCloud } from '../index';
import type { InvocationContext } from '../types';

export const NO_PERMISSION = -604101;
export const ILLEGAL_SOURCE = -604104;

export interface Refusal {
  code: number;
  message: string;
}

/** Why this call is refused, or null when the function may make it. */
export function permissionError(cloud: LocalCloud, invocation: InvocationContext | undefined, api: string): Refusal | null {
  if (!invocation) return { code: ILLEGAL_SOURCE, message: 'illegal source of invocation: cloud calls are made from inside a cloud function' };
  if (api.startsWith('cloudPay.')) return null;
  const config = cloud.functions.config(invocation.functionName);
  if (config?.permissions.openapi.includes(api)) return null;
  return {
    code: NO_PERMISSION,
    message: `function has no permission to call this API: add "${api}" to "permissions": { "openapi": [...] } in cloudfunctions/${invocation.functionName}/config.json`,
  };
}
