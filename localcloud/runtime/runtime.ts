// The function runtime: real cloud functions (the very index.js we deploy, with the real
// wx-server-sdk) running in worker-thread instances, one invocation per instance at a time.
// Gateway, timers, functions.invokeFunction and the control routes are wired here.
import type { LocalCloud } from '../index';
import type { Route } from '../http';
import { newRequestId } from '../admin';
import type { ActionMap, AdminCall, CloudModule, InvocationContext } from '../types';
import type { InvocationRecord } from '../control/client';
import { FunctionRegistry, type FunctionConfig, type FunctionEntry } from './registry';
import { InstancePool } from './pool';
import type { Instance, LogLine, RunResult } from './instance';
import { invocationEnv, scfContext } from './context';
import { clientFailure, type FailureKind } from './outcomes';
import { InvocationLog } from './invocations';
import { invokeFunctionAction } from './callfunction';
import { gatewayRoutes } from './gateway';
import { runtimeRoutes } from './routes';
import { TimerScheduler } from './timers';
import { HttpAccess } from './httpaccess';

export type { FunctionConfig } from './registry';

export interface FunctionRuntimeOptions {
  functionsDir: string;
  /** Most concurrent instances per function (further invocations queue). Default 10. */
  maxInstances?: number;
  /** Idle instances are terminated after this many real ms. Default 60 000. */
  idleMs?: number;
  /** On close, hand idle instances on to the next local cloud of this process (pool.ts). */
  keepInstances?: boolean;
}

export interface InvokeOptions {
  /** TCB_SOURCE: 'wx_client' | 'wx_trigger' | 'wx_paycallback' | '<caller source>,scf' … */
  source: string;
  openid?: string;
  unionid?: string;
  clientIp?: string;
  /** Told of every /admin request the invocation makes, with its reply (timers.ts: idle ticks). */
  watch?: AdminWatcher;
}

export type AdminWatcher = (call: AdminCall, reply: unknown, ok: boolean) => void;

export type InvokeOutcome =
  | { requestId: string; ok: true; result: unknown }
  | {
      requestId: string;
      ok: false;
      /** not_found: no such function; error: it threw; timeout; killed (fault); too_large: result over 1 MB */
      kind: FailureKind;
      /** As wx.cloud.callFunction reports it (see outcomes.ts). */
      errCode: number;
      errMsg: string;
      /** The function's own error text (String(err)) or the platform's message, without wrapping. */
      message?: string;
    };

export class FunctionRuntime implements CloudModule {
  readonly registry: FunctionRegistry;
  readonly pool: InstancePool;
  readonly log = new InvocationLog();
  readonly timers: TimerScheduler;
  private readonly running = new Map<string, Instance>();
  private readonly watchers = new Map<string, AdminWatcher>();
  readonly httpAccess: HttpAccess;

  constructor(readonly cloud: LocalCloud, readonly options: FunctionRuntimeOptions) {
    this.registry = new FunctionRegistry(options.functionsDir, (entry) => this.timers.sync(entry), (name) => cloud.config.functions?.[name]?.env);
    this.pool = new InstancePool(
      { maxInstances: options.maxInstances ?? 10, idleMs: options.idleMs ?? 60_000, keep: options.keepInstances },
      (requestId, line) => this.onLog(requestId, line),
    );
    this.timers = new TimerScheduler(this);
    this.httpAccess = new HttpAccess(this, cloud.config.httpAccess);
  }

  async start(): Promise<void> {
    this.registry.scan();
    this.timers.syncAll();
  }

  /** Forget invocations and re-arm timers (the clock was reset); warm instances stay warm. */
  reset(): void {
    this.log.reset();
    this.registry.scan();
    this.timers.syncAll();
  }

  async close(): Promise<void> {
    void this.timers.stop();
    await this.pool.close();
  }

  actions(): ActionMap {
    return { 'functions.invokeFunction': invokeFunctionAction(this) };
  }

  routes(): Route[] {
    return [...gatewayRoutes(this), ...runtimeRoutes(this)];
  }

  /** Names of the functions on disk. */
  functionNames(): string[] {
    return this.registry.scan();
  }

  /** The context of a running invocation (admin requests carry its id), kept a little after it ends. */
  invocation(requestId: string): InvocationContext | undefined {
    return this.log.context(requestId);
  }

  /** An /admin request finished (admin.ts): tell the invocation's watcher, if it has one. */
  observe(call: AdminCall, reply: unknown, ok: boolean): void {
    if (call.invocation) this.watchers.get(call.invocation.requestId)?.(call, reply, ok);
  }

  /** Kill the instance serving this invocation, if it is still running (fault injection). */
  kill(requestId: string): void {
    this.running.get(requestId)?.killInvocation('instance killed (fault injection)');
  }

  /** config.json of a function, or undefined when there is no such function. */
  config(name: string): FunctionConfig | undefined {
    return this.lookup(name)?.config;
  }

  private lookup(name: string): FunctionEntry | undefined {
    return this.registry.get(name);
  }

  /** Run a function once, as the platform would for a client call, a timer or a pay callback. */
  async invoke(name: string, event: unknown, opts: InvokeOptions): Promise<InvokeOutcome> {
    const requestId = newRequestId();
    const entry = this.lookup(name);
    if (!entry) return clientFailure(requestId, 'not_found', { fn: name });

    const fault = this.cloud.faults.take('invocation', { functionName: name });
    if (fault?.mode === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));

    const ctx: InvocationContext = {
      requestId, functionName: name, source: opts.source, openid: opts.openid,
      appid: this.cloud.config.appId, unionid: opts.unionid, clientIp: opts.clientIp,
    };
    const record = this.log.begin(ctx, this.cloud.now());
    if (opts.watch) this.watchers.set(requestId, opts.watch);
    try {
      return await this.run(entry, event, ctx, record, fault);
    } finally {
      this.watchers.delete(requestId);
    }
  }

  private async run(
    entry: FunctionEntry, event: unknown, ctx: InvocationContext, record: ReturnType<InvocationLog['begin']>, fault: ReturnType<LocalCloud['faults']['take']>,
  ): Promise<InvokeOutcome> {
    const { requestId, functionName: name } = ctx;
    if (fault?.mode === 'fail') {
      // An injected platform failure: the function never runs.
      const failure = { ...clientFailure(requestId, 'error'), errCode: -501001, errMsg: '[InternalError] injected invocation fault', message: '[InternalError] injected invocation fault' };
      this.log.end(record, { outcome: 'error', error: failure.message, cold: false }, this.cloud.now());
      return failure;
    }

    const { instance, cold } = await this.pool.acquire(entry);
    this.running.set(requestId, instance);
    const env = invocationEnv(ctx, this.cloud.envId, this.cloud.url);
    let result: RunResult;
    try {
      result = await instance.run(
        { type: 'invoke', requestId, event, env, context: scfContext(ctx, this.cloud.envId, entry.config.timeout, env), clockOffset: this.cloud.clock.offset },
        entry.config.timeout * 1000,
        fault?.mode === 'kill' ? (fault.delayMs ?? 0) : undefined,
      );
    } finally {
      this.running.delete(requestId);
      this.pool.release(name, instance);
    }
    const outcome = this.toOutcome(requestId, result, entry.config.timeout);
    this.log.end(record, {
      outcome: outcome.ok ? 'ok' : outcome.kind === 'timeout' || outcome.kind === 'killed' ? outcome.kind : 'error',
      error: outcome.ok ? undefined : outcome.message ?? outcome.errMsg,
      cold,
    }, this.cloud.now());
    return outcome;
  }

  private toOutcome(requestId: string, r: RunResult, timeoutS: number): InvokeOutcome {
    switch (r.kind) {
      case 'ok':
        return { requestId, ok: true, result: r.json === undefined ? null : JSON.parse(r.json) };
      case 'error':
        return { ...clientFailure(requestId, 'error', { text: r.error.text }), message: r.error.text };
      case 'too_large':
        return { ...clientFailure(requestId, 'too_large'), message: `result of ${r.size} bytes exceeds 1 MB` };
      case 'timeout':
        return { ...clientFailure(requestId, 'timeout', { timeoutS }), message: `Invoking task timed out after ${timeoutS} seconds` };
      case 'killed':
        return { ...clientFailure(requestId, 'killed', { text: r.reason }), message: r.reason };
    }
  }

  private onLog(requestId: string | null, line: LogLine): void {
    const fn = this.log.attach(requestId, line);
    if (!this.cloud.options.quiet) console.log(`[${fn ?? 'function'}${requestId ? ' ' + requestId.slice(0, 8) : ''}] ${line.level}: ${line.text}`);
  }

  /** Invocation records, newest last (GET /control/invocations). */
  invocations(filter: { functionName?: string; since?: number } = {}): InvocationRecord[] {
    return this.log.list(filter);
  }
}
