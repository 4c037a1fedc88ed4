// Where the conformance suite runs. `local` (the default) starts an in-memory local cloud with the
// probe functions; a real CloudBase target would implement the same interface with the HTTP API
// invokecloudfunction (WECHAT-CONTRACTS §5.3), as LocalStack's parity tests switch backends.
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../localcloud';
import { ControlClient, type GatewayReply } from '../../localcloud/control/client';

export interface ProbeError {
  name?: string;
  message?: string;
  errMsg?: string;
  errCode?: number;
  code?: string;
  requestID?: string;
  isError?: boolean;
  thrownString?: string;
}
export type ProbeResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ProbeError };

export interface Target {
  name: string;
  /** Run `code` (an async function body with `cloud, db, _, $, event, context` in scope) inside the probe function. */
  run<T = unknown>(code: string, opts?: { openid?: string; event?: Record<string, unknown>; fn?: string }): Promise<ProbeResult<T>>;
  /** Call any function through the client gateway, as `wx.cloud.callFunction` would. */
  invoke<T = unknown>(fn: string, data: unknown, openid?: string): Promise<GatewayReply<T>>;
  /** The control API (local target only). */
  control: ControlClient;
  cloud: LocalCloud;
  close(): Promise<void>;
}

export const FUNCTIONS_DIR = path.join(__dirname, 'functions');

export async function startTarget(options: Parameters<typeof startLocalCloud>[0] = {}): Promise<Target> {
  const name = process.env.CONFORMANCE_TARGET ?? 'local';
  if (name !== 'local') throw new Error(`conformance target ${name} is not configured here (only "local")`);
  const cloud = await startLocalCloud({
    port: 0,
    dataDir: null,
    functionsDir: FUNCTIONS_DIR,
    collectionsFile: path.join(__dirname, 'collections.json'),
    quiet: true,
    ...options,
  });
  const control = new ControlClient(cloud.url);
  return {
    name,
    cloud,
    control,
    async run<T>(code: string, opts: { openid?: string; event?: Record<string, unknown>; fn?: string } = {}) {
      const reply = await control.callFunction<ProbeResult<T>>(opts.fn ?? 'probe', { ...opts.event, code }, opts.openid ?? 'oPROBE_USER');
      if (!reply.ok) throw new Error(`probe invocation failed: ${reply.errCode} ${reply.errMsg}`);
      return reply.result;
    },
    invoke: (fn, data, openid) => control.callFunction(fn, data, openid),
    close: () => cloud.close(),
  };
}

/** Unwrap a probe result that must have succeeded. */
export function value<T>(r: ProbeResult<T>): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Unwrap a probe result that must have failed. */
export function failure(r: ProbeResult): ProbeError {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}
