// One warm or cold function instance: a worker thread running worker.cjs, one invocation at a time.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FunctionEntry } from './registry';

export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  event: unknown;
  context: Record<string, unknown>;
  env: Record<string, string>;
  clockOffset: number;
}

export interface ErrorInfo {
  name: string;
  message: string;
  /** String(err): what SCF reports as the error message, e.g. "Error: boom". */
  text: string;
  stack?: string;
}

export type RunResult =
  | { kind: 'ok'; json: string | undefined; size: number }
  | { kind: 'error'; error: ErrorInfo }
  | { kind: 'too_large'; size: number }
  | { kind: 'timeout' }
  | { kind: 'killed'; reason: string };

export interface LogLine {
  level: string;
  at: number;
  text: string;
}

const WORKER_FILE = path.join(__dirname, 'worker.cjs');
/** Loading code (cold start) is not billed against the function's timeout, but must not hang forever. */
const LOAD_LIMIT_MS = 30_000;
/** §6: 256 MB per instance. */
const MEMORY_MB = 256;

let nextId = 0;

export class Instance {
  readonly id = ++nextId;
  readonly worker: Worker;
  readonly version: number;
  /** Invocations served so far (0 → the next one is a cold start). */
  served = 0;
  lastUsed = Date.now();
  dead = false;
  private stopCurrent: ((reason: string) => void) | undefined;
  private onLog: (requestId: string | null, line: LogLine) => void;

  constructor(entry: FunctionEntry, onLog: (requestId: string | null, line: LogLine) => void) {
    this.version = entry.version;
    this.onLog = onLog;
    this.worker = new Worker(WORKER_FILE, {
      workerData: { file: entry.file, name: entry.name },
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB },
      stdout: false,
      stderr: false,
    });
    this.worker.unref();
    this.worker.on('message', (msg: { type: string; requestId: string | null } & LogLine) => {
      if (msg.type === 'log') this.onLog(msg.requestId, { level: msg.level, at: msg.at, text: msg.text });
    });
    this.worker.on('error', () => (this.dead = true));
    this.worker.on('exit', () => (this.dead = true));
  }

  /**
   * Run one invocation. The timeout starts when the handler is called (after a cold load);
   * on expiry the instance is terminated, as SCF does with a timed-out instance.
   * `killAfterMs` (fault injection) terminates it mid-invocation.
   */
  run(msg: InvokeMessage, timeoutMs: number, killAfterMs?: number): Promise<RunResult> {
    this.served++;
    return new Promise<RunResult>((resolve) => {
      const timers: NodeJS.Timeout[] = [];
      let settled = false;
      const finish = (result: RunResult) => {
        if (settled) return;
        settled = true;
        timers.forEach(clearTimeout);
        this.worker.off('message', onMessage);
        this.worker.off('exit', onExit);
        this.lastUsed = Date.now();
        resolve(result);
      };
      const stop = (result: RunResult) => {
        this.dead = true;
        finish(result);
        void this.worker.terminate();
      };
      this.stopCurrent = (reason: string) => stop({ kind: 'killed', reason });
      const onMessage = (m: { type: string; requestId: string; ok?: boolean; json?: string; size?: number; tooLarge?: boolean; error?: ErrorInfo }) => {
        if (m.requestId !== msg.requestId) return;
        if (m.type === 'start') {
          timers.push(setTimeout(() => stop({ kind: 'timeout' }), timeoutMs));
        } else if (m.type === 'done') {
          if (m.ok) finish({ kind: 'ok', json: m.json, size: m.size ?? 0 });
          else if (m.tooLarge) finish({ kind: 'too_large', size: m.size ?? 0 });
          else finish({ kind: 'error', error: m.error! });
        }
      };
      const onExit = (code: number) => {
        this.dead = true;
        finish({ kind: 'killed', reason: `instance exited with code ${code}` });
      };
      this.worker.on('message', onMessage);
      this.worker.on('exit', onExit);
      timers.push(setTimeout(() => stop({ kind: 'timeout' }), LOAD_LIMIT_MS + timeoutMs));
      if (killAfterMs !== undefined) {
        timers.push(setTimeout(() => stop({ kind: 'killed', reason: 'instance killed (fault injection)' }), killAfterMs));
      }
      this.worker.postMessage(msg);
    });
  }

  /** Kill the invocation in progress, if any (fault injection). */
  kill(reason: string): void {
    this.stopCurrent?.(reason);
  }

  terminate(): void {
    this.dead = true;
    void this.worker.terminate();
  }
}
