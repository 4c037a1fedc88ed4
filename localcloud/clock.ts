// The local cloud's virtual clock. Everything that WeChat does "later" (timers, notify retries,
// temp-URL expiry, unpaid-order deadlines seen through serverDate) reads this clock, so tests
// move time forward with `advance()` instead of sleeping (the Firebase-emulator / Miniflare way).

type Task = { at: number; seq: number; run: () => void | Promise<void> };

export class VirtualClock {
  private offsetMs = 0;
  private seq = 0;
  private tasks: Task[] = [];
  private realTimer: NodeJS.Timeout | null = null;

  constructor(private readonly realNow: () => number = Date.now) {}

  /** Milliseconds since the epoch on the virtual clock. */
  now(): number {
    return this.realNow() + this.offsetMs;
  }

  /** How far the virtual clock runs ahead of the machine's clock (workers shift Date by this). */
  get offset(): number {
    return this.offsetMs;
  }

  /**
   * Schedule `run` at virtual time `at`. Tasks run when real time reaches them or when `advance`
   * jumps over them, in time order. Returns a cancel function.
   */
  at(at: number, run: () => void | Promise<void>): () => void {
    const task: Task = { at, seq: this.seq++, run };
    this.tasks.push(task);
    this.tasks.sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.arm();
    return () => {
      this.tasks = this.tasks.filter((t) => t !== task);
      this.arm();
    };
  }

  /** Move the clock forward and run, in order, every task that became due; resolves when they finished. */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceMs must be a non-negative number');
    this.offsetMs += ms;
    await this.runDue();
  }

  /**
   * Run every due task (also called by the real-time timer). One drain at a time: otherwise the
   * real-time timer can take a task off the queue and still be running it when `advance()` — which
   * found the queue empty — has already returned to a test.
   */
  async runDue(): Promise<void> {
    while (this.draining) await this.draining;
    this.draining = this.drain();
    try {
      await this.draining;
    } finally {
      this.draining = null;
    }
  }

  private draining: Promise<void> | null = null;

  private async drain(): Promise<void> {
    for (;;) {
      const next = this.tasks[0];
      if (!next || next.at > this.now()) break;
      this.tasks.shift();
      try {
        await next.run();
      } catch (err) {
        console.error('[localcloud] scheduled task failed:', err);
      }
    }
    this.arm();
  }

  /** Forget every scheduled task and return to real time. */
  reset(): void {
    this.tasks = [];
    this.offsetMs = 0;
    this.arm();
  }

  stop(): void {
    this.tasks = [];
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = null;
  }

  private arm(): void {
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = null;
    const next = this.tasks[0];
    if (!next) return;
    const wait = Math.max(0, Math.min(next.at - this.now(), 2 ** 31 - 1));
    this.realTimer = setTimeout(() => void this.runDue(), wait);
    this.realTimer.unref();
  }
}
