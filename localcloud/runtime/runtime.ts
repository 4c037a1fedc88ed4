// STUB — replaced by the function runtime (worker threads, getWXContext env, timeouts, timers, gateway).
// The public surface below is what the other parts (pay sandbox, open API, storage) rely on.
import type { LocalCloud } from '../index';
import type { CloudModule, InvocationContext } from '../types';

export interface FunctionRuntimeOptions {
  functionsDir: string;
}

/** A function's config.json (WECHAT-CONTRACTS §5.1), with defaults applied. */
export interface FunctionConfig {
  timeout: number; // seconds, default 3
  permissions: { openapi: string[] };
  triggers: { name: string; type: 'timer'; config: string }[];
}

export interface InvokeOptions {
  /** TCB_SOURCE: 'wx_client' | 'wx_trigger' | 'wx_paycallback' | '<caller source>,scf' … */
  source: string;
  openid?: string;
  unionid?: string;
  clientIp?: string;
}

export type InvokeOutcome =
  | { requestId: string; ok: true; result: unknown }
  | {
      requestId: string;
      ok: false;
      /** not_found: no such function; error: it threw; timeout; killed (fault); too_large: result over 1 MB */
      kind: 'not_found' | 'error' | 'timeout' | 'killed' | 'too_large';
      errCode: number;
      errMsg: string;
    };

export class FunctionRuntime implements CloudModule {
  constructor(readonly cloud: LocalCloud, readonly options: FunctionRuntimeOptions) {}
  async start(): Promise<void> {}
  reset(): void {}
  /** The context of a running invocation (admin requests carry its id). */
  invocation(_requestId: string): InvocationContext | undefined {
    return undefined;
  }
  /** config.json of a function, or undefined when there is no such function. */
  config(_name: string): FunctionConfig | undefined {
    return undefined;
  }
  /** Run a function once, as the platform would for a client call, a timer or a pay callback. */
  async invoke(_name: string, _event: unknown, _opts: InvokeOptions): Promise<InvokeOutcome> {
    throw new Error('function runtime not built yet');
  }
}
