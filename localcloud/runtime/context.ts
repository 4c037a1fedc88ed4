// What the platform hands a function per invocation: the environment variables that
// wx-server-sdk's getWXContext() and @cloudbase/node-sdk read (docs/wechat-contracts.md §1.3), and SCF's
// `context` argument (the shape node-sdk's parseContext understands: request_id, function_name,
// namespace, memory_limit_in_mb, time_limit_in_ms, environ / environment strings).
import type { InvocationContext } from '../types';

export const REGION = 'ap-shanghai';
export const MEMORY_LIMIT_MB = 256;

/** The WX_* keys getWXContext turns into OPENID, APPID … — listed in WX_CONTEXT_KEYS only when present. */
const WX_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_CLIENTIPV6'] as const;

export function invocationEnv(inv: InvocationContext, envId: string, adminUrl: string): Record<string, string> {
  const wx: Record<string, string | undefined> = {
    WX_OPENID: inv.openid,
    WX_APPID: inv.appid,
    WX_UNIONID: inv.unionid,
    WX_CLIENTIP: inv.clientIp && !inv.clientIp.includes(':') ? inv.clientIp : undefined,
    WX_CLIENTIPV6: inv.clientIp && inv.clientIp.includes(':') ? inv.clientIp : undefined,
  };
  const env: Record<string, string> = {};
  const present = WX_KEYS.filter((k) => wx[k] !== undefined && wx[k] !== '');
  if (present.length) env.WX_CONTEXT_KEYS = present.join(',');
  for (const k of present) env[k] = wx[k]!;
  Object.assign(env, {
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
    TCB_SOURCE: inv.source,
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: REGION,
    SCF_FUNCTIONNAME: inv.functionName,
    SCF_FUNCTIONVERSION: '$LATEST',
    // Signatures are not checked locally; node-sdk refuses to send without credentials.
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TENCENTCLOUD_SESSIONTOKEN: 'local-session-token',
    // node-sdk's buildUrl appends `env=…&seqId=…` right after a URL that already has '?', so the
    // trailing '&' makes every admin request arrive as /admin?inv=<requestId>&env=…&seqId=…
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${adminUrl}/admin?inv=${inv.requestId}&` }),
  });
  return env;
}

/** SCF's Node.js `context` argument. */
export function scfContext(inv: InvocationContext, envId: string, timeoutS: number, env: Record<string, string>): Record<string, unknown> {
  return {
    callbackWaitsForEmptyEventLoop: true,
    memory_limit_in_mb: MEMORY_LIMIT_MB,
    time_limit_in_ms: timeoutS * 1000,
    request_id: inv.requestId,
    function_name: inv.functionName,
    function_version: '$LATEST',
    namespace: envId,
    tencentcloud_region: REGION,
    environ: Object.entries(env).map(([k, v]) => `${k}=${v}`).join(';'),
    environment: JSON.stringify(env),
  };
}
