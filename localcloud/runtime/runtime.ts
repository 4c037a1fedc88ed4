// STUB — replaced by the function runtime (worker threads, getWXContext env, timeouts, timers, gateway).
import type { LocalCloud } from '../index';
import type { CloudModule, InvocationContext } from '../types';

export interface FunctionRuntimeOptions {
  functionsDir: string;
}

export class FunctionRuntime implements CloudModule {
  constructor(readonly cloud: LocalCloud, readonly options: FunctionRuntimeOptions) {}
  async start(): Promise<void> {}
  reset(): void {}
  invocation(_requestId: string): InvocationContext | undefined {
    return undefined;
  }
}
