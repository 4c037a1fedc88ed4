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
 * one local cloud after another, and each would otherwise load wx-server-sdk again in every function
 * (~0.5 s of CPU each). At most KEPT per function; the rest, and any unused for KEEP_MS, are killed.
 */
const kept = new Map<string, Instance[]>();
const KEPT = 2;
const KEEP_MS = 30_000;
let keepTimer: NodeJS.Timeout | null = null;

function keep(inst: Instance): void {
  const list = kept.get(inst.loaded) ?? [];
  if (inst.dead || list.length >= KEPT) return inst.terminate();
  list.push(inst);
  kept.set(inst.loaded, list);
  if (!keepTimer) {
    keepTimer = setInterval(() => {
      const now = Date.now();
      for (const [key, insts] of kept) {
        const live = insts.filter((i) => !i.dead && now - i.lastUsed < KEEP_MS);
        for (const i of insts) if (!live.includes(i)) i.terminate();
        if (live.length) kept.set(key, live);
        else kept.delete(key);
      }
      if (!kept.size && keepTimer) {
        clearInterval(keepTimer);
        keepTimer = null;
      }
    }, 5_000);
    keepTimer.unref();
  }
}

function takeKept(entry: FunctionEntry): Instance | undefined {
  const list = kept.get(loadedKey(entry));
  while (list?.length) {
    const inst = list.pop()!;
    if (!inst.dead) return inst;
  }
  return undefined;
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
        const warm = this.options.keep ? takeKept(entry) : undefined;
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
      if (this.options.keep) p.idle.forEach(keep);
      else all.push(...p.idle);
      all.push(...p.busy);
      p.idle = [];
    }
    await Promise.all(all.map((inst) => inst.kill()));
    this.pools.clear();
  }
}
