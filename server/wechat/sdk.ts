// The one place that initialises wx-server-sdk. Every function bundles this; `cloud.init` is
// first-call-wins (docs/wechat-contracts.md §1.1), and DYNAMIC_CURRENT_ENV makes the SDK use the env of the
// running function (§1.2) — the real one in production, the local cloud's here.
import cloud from 'wx-server-sdk';

let initialised = false;

export function sdk(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}

/** The database with `throwOnNotFound: false`: a missing doc reads as `data: null` instead of a throw (§2.4). */
export function database() {
  return sdk().database({ throwOnNotFound: false } as never);
}

export type Database = ReturnType<typeof database>;

/** Who is calling: only ever from getWXContext(), never from the event (§1.3). */
export interface Caller {
  openid: string | null;
  appid: string | null;
  /** `wx_client`, `wx_paycallback`, `wx_trigger`, `wx_client,scf` … */
  source: string;
  clientIp: string | null;
}

export function caller(): Caller {
  const ctx = sdk().getWXContext() as Record<string, unknown>;
  const str = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));
  return {
    openid: str(ctx.OPENID),
    appid: str(ctx.APPID),
    source: String(ctx.SOURCE ?? ''),
    clientIp: str(ctx.CLIENTIP),
  };
}

/** The first hop of SOURCE: `wx_client,scf` was started by a client (§1.3: never use includes()). */
export function originOf(source: string): string {
  return source.split(',')[0] ?? '';
}
