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

/**
 * A `$lookup` sub-pipeline joined on one field: the foreign documents whose `foreignField` equals the local
 * `localField`, then `stages` (docs/wechat-contracts.md §2.8: lookup with let and pipeline). Built with the
 * SDK's own `aggregate.pipeline()` and `command.expr`, which its type declarations leave out.
 */
export function joinedPipeline(db: Database, localField: string, foreignField: string, stages: (p: PipelineBuilder) => PipelineBuilder): { let: Record<string, string>; pipeline: unknown } {
  const _ = db.command as unknown as { expr(e: unknown): unknown; aggregate: { eq(args: unknown[]): unknown; pipeline(): PipelineBuilder } };
  const $ = _.aggregate;
  return { let: { joined: `$${localField}` }, pipeline: stages($.pipeline().match(_.expr($.eq([`$${foreignField}`, '$$joined'])))).done() };
}

export interface PipelineBuilder {
  match(query: unknown): PipelineBuilder;
  sort(order: Record<string, 1 | -1>): PipelineBuilder;
  limit(n: number): PipelineBuilder;
  project(fields: Record<string, unknown>): PipelineBuilder;
  done(): unknown;
}
