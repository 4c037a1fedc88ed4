// Cloud calls (云调用) need the API named in the calling function's config.json
// `permissions.openapi` (WECHAT-CONTRACTS §1.7, §5.1); Cloud Pay entries read `cloudPay.<api>` [COMM].
// Missing → -604101 "function has no permission to call this API" (§7.10).
import type { LocalCloud } from '../index';
import type { InvocationContext } from '../types';

export const NO_PERMISSION = -604101;
/** -604104 "illegal source of invocation": cloud calls only come from inside a cloud function. */
export const ILLEGAL_SOURCE = -604104;

/** The error code that refuses this call, or null when the function may make it. */
export function permissionError(cloud: LocalCloud, invocation: InvocationContext | undefined, api: string): number | null {
  if (!invocation) return ILLEGAL_SOURCE;
  const config = cloud.functions.config(invocation.functionName);
  return config?.permissions.openapi.includes(api) ? null : NO_PERMISSION;
}
