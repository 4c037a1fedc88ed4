// Where the conformance suite runs. Every case reaches the cloud through the real wx-server-sdk inside
// the probe functions (run), through a client call (invoke), or — for what only an emulator can do
// (reset, seed, move the clock, pay at the cashier, read the outbox) — through the control API.
// `local` (the default) starts an in-memory local cloud with the probe functions. A real CloudBase
// environment is a second implementation of this interface (README: "The conformance suite against a
// real environment"): run and invoke through the HTTP API invokecloudfunction (docs/wechat-contracts.md §5.3),
// ids from CONFORMANCE_ENV_ID / CONFORMANCE_APP_ID, and no control API — cases that need one are
// declared with `localOnly`, which skips them there.
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
  envId: string;
  appId: string;
  /** The target's clock in ms (the local cloud's is virtual and moves with control.advanceClock). */
  now(): Promise<number>;
  /** Run `code` (an async function body with `cloud, db, _, $, event, context` in scope) inside the probe function. */
  run<T = unknown>(code: string, opts?: { openid?: string; event?: Record<string, unknown>; fn?: string }): Promise<ProbeResult<T>>;
  /** Call any function as a mini-program user, as `wx.cloud.callFunction` would. */
  invoke<T = unknown>(fn: string, data: unknown, openid?: string): Promise<GatewayReply<T>>;
  /** Base URL of the target's HTTP side (gateway, HTTP access service, outbox page). */
  url: string;
  /** The control API: local target only (cases using it are `localOnly`). */
  control: ControlClient;
  close(): Promise<void>;
}

export const FUNCTIONS_DIR = path.join(__dirname, 'functions');
export const TARGET = process.env.CONFORMANCE_TARGET ?? 'local';

/** A case that needs the control API (or another emulator-only power): skipped against a real environment. */
export const localOnly: jest.It = TARGET === 'local' ? test : test.skip;

type LocalOptions = Parameters<typeof startLocalCloud>[0];

export async function startTarget(options: LocalOptions = {}): Promise<Target> {
  if (TARGET !== 'local') {
    throw new Error(`conformance target "${TARGET}" is not available here: only "local" is implemented (README explains how to add a real environment)`);
  }
  const cloud: LocalCloud = await startLocalCloud({
    port: 0,
    dataDir: null,
    functionsDir: FUNCTIONS_DIR,
    collectionsFile: path.join(__dirname, 'collections.json'),
    quiet: true,
    // The suites' clouds hand warm probe instances on (docs/architecture.md §7.8): no case here depends on a
    // first call being cold (cold starts and instance limits are localcloud/runtime's own tests).
    keepInstances: true,
    ...options,
  });
  const control = new ControlClient(cloud.url);
  return {
    name: TARGET,
    envId: cloud.envId,
    appId: cloud.config.appId,
    url: cloud.url,
    now: async () => (await control.clock()).now,
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
