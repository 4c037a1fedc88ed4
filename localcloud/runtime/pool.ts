// Instances per function: warm ones are reused, idle ones reaped, concurrency bounded (further
// invocations queue), like the platform's per-function instance limit.
import { Instance, type LogLine } from './instance';
import type { FunctionEntry } from './registry';

export interface PoolOptions {
  /** Most instances one function may run at once. */
  maxInstances: number;
  /** Idle instances older than this (real ms) are terminated. */
  idleMs: number;
}

interface FunctionPool {
  idle: Instance[];
  busy: Set<Instance>;
  waiting: (() => void)[];
}

export class InstancePool {
  private pools = new Map<string, FunctionPool>();
  private reaper: NodeJS.Timeout;

  constructor(readonly options: PoolOptions, private readonly onLog: (requestId: string | null, line: LogLine) => void) {
    this.reaper = setInterval(() => this.reap(), Math.min(5_000, options.idleMs));
    this.reaper.unref();
  }

  private pool(name: string): FunctionPool {
    let p = this.pools.get(name);
    if (!p) this.pools.set(name, (p = { idle: [], busy: new Set(), waiting: [] }));
    return p;
  }

  /** A warm instance of the current code if one is idle, else a new (cold) one, else wait for one. */
  async acquire(entry: FunctionEntry): Promise<{ instance: Instance; cold: boolean }> {
    const p = this.pool(entry.name);
    for (;;) {
      while (p.idle.length) {
        const inst = p.idle.pop()!;
        if (!inst.dead && inst.version === entry.version) {
          p.busy.add(inst);
          return { instance: inst, cold: false };
        }
        inst.terminate();
      }
      if (p.busy.size < this.options.maxInstances) {
        const inst = new Instance(entry, this.onLog);
        p.busy.add(inst);
        return { instance: inst, cold: true };
      }
      await new Promise<void>((resolve) => p.waiting.push(resolve));
    }
  }

  release(name: string, inst: Instance): void {
    const p = this.pool(name);
    p.busy.delete(inst);
    if (inst.dead) inst.terminate();
    else p.idle.push(inst);
    p.waiting.shift()?.();
  }

  stats(name: string): { idle: number; busy: number; waiting: number } {
    const p = this.pool(name);
    return { idle: p.idle.length, busy: p.busy.size, waiting: p.waiting.length };
  }

  reap(now = Date.now()): void {
    for (const p of this.pools.values()) {
      p.idle = p.idle.filter((inst) => {
        const keep = !inst.dead && now - inst.lastUsed < this.options.idleMs;
        if (!keep) inst.terminate();
        return keep;
      });
    }
  }

  /** Terminate every idle instance (busy ones finish and are then dropped by close()). */
  async close(): Promise<void> {
    clearInterval(this.reaper);
    const all: Instance[] = [];
    for (const p of this.pools.values()) {
      all.push(...p.idle, ...p.busy);
      p.idle = [];
    }
    await Promise.all(all.map((inst) => inst.kill()));
    this.pools.clear();
  }
}
