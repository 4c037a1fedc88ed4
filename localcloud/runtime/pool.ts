// Instances per function: warm ones are reused, idle ones reaped, concurrency bounded (further
// invocations queue), like the platform's per-function instance limit.
import { Instance, loadedKey, type LogLine } from './instance';
import type { FunctionEntry } from './registry';

export interface PoolOptions {
  /** Most instances one function may run at once. */
  maxInstances: number;
  /** Idle instances older than this (real ms) are terminated. */
  idleMs: number;
  /** Keep idle instances for the next local cloud of this process (LocalCloudOptions.keepInstances). */
  keep?: boolean;
}

/**
 * Idle instances left by closed local clouds of this process, by what they loaded: a test suite starts
 * one local cloud after another, and each would otherwise start Node and load wx-server-sdk again in every
 * function (~0.55 s of CPU each). At most PER_KEY per loaded code (a burst of concurrent calls needs that
 * many) and TOTAL in all (~75 MB each; the least recently used go first); any unused for KEEP_MS is killed.
 */
class KeptInstances {
  private byKey = new Map<string, Instance[]>();
  private timer: NodeJS.Timeout | null = null;

  keep(inst: Instance): void {
    const list = this.byKey.get(inst.loaded) ?? [];
    if (inst.dead || list.length >= PER_KEY) return inst.terminate();
    list.push(inst);
    this.byKey.set(inst.loaded, list);
    this.prune(Date.now());
    if (!this.timer) {
      this.timer = setInterval(() => this.prune(Date.now()), 5_000);
      this.timer.unref();
    }
  }

  take(entry: FunctionEntry): Instance | undefined {
    const list = this.byKey.get(loadedKey(entry));
    while (list?.length) {
      const inst = list.pop()!;
      if (!inst.dead) return inst;
    }
    return undefined;
  }

  /** Kill the expired, then the least recently used beyond TOTAL. */
  private prune(now: number): void {
    const live = [...this.byKey.values()].flat().filter((i) => !i.dead && now - i.lastUsed < KEEP_MS);
    live.sort((a, b) => b.lastUsed - a.lastUsed);
    const kept = new Set(live.slice(0, TOTAL));
    for (const [key, insts] of this.byKey) {
      for (const i of insts) if (!kept.has(i)) i.terminate();
      const left = insts.filter((i) => kept.has(i));
      if (left.length) this.byKey.set(key, left);
      else this.byKey.delete(key);
    }
    if (!this.byKey.size && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
const PER_KEY = 10;
const TOTAL = 40;
const KEEP_MS = 120_000;

/**
 * One store per process. Under jest every test file gets fresh modules, so the store lives on the object
 * the test environment shares between the files of a worker (test/node-environment.cjs), when there is one.
 */
const PROCESS_SHARED = Symbol.for('kaidian.processShared');
function keptInstances(): KeptInstances {
  const shared = ((globalThis as Record<symbol, unknown>)[PROCESS_SHARED] ??= {}) as { keptInstances?: KeptInstances };
  return (shared.keptInstances ??= new KeptInstances());
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
        const warm = this.options.keep ? keptInstances().take(entry) : undefined;
        if (warm) {
          warm.adopt(entry.version, this.onLog);
          p.busy.add(warm);
          return { instance: warm, cold: false };
        }
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

  /** Terminate every instance, or with `keep` hand the idle ones on to the next local cloud of this process. */
  async close(): Promise<void> {
    clearInterval(this.reaper);
    const all: Instance[] = [];
    for (const p of this.pools.values()) {
      if (this.options.keep) p.idle.forEach((inst) => keptInstances().keep(inst));
      else all.push(...p.idle);
      all.push(...p.busy);
      p.idle = [];
    }
    await Promise.all(all.map((inst) => inst.kill()));
    this.pools.clear();
  }
}
