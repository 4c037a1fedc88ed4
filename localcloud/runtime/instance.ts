// One warm or cold function instance: a child process running worker.cjs, one invocation at a time.
// A process because the time zone is per process (docs/wechat-contracts.md §1.3a: functions run in UTC
// unless their environment sets TZ), and so a function's environment variables are its own.
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
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
/** The host's cloud identity never leaks into a function; the platform sets these per invocation. */
const PLATFORM_VARS = /^(WX_|TCB_|TENCENTCLOUD_|SCF_)/;

/** What a new instance starts with: the host's variables minus platform ones, TZ=UTC, then the function's own. */
export function instanceEnv(host: NodeJS.ProcessEnv, own: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(host)) if (v !== undefined && !PLATFORM_VARS.test(k)) env[k] = v;
  // Loaders of the host (tsx, jest) have no business in a function's process.
  delete env.NODE_OPTIONS;
  env.TZ = 'UTC';
  return Object.assign(env, own);
}

let nextId = 0;

/** What an instance loaded: the same code, configuration and variables give an interchangeable instance. */
export function loadedKey(entry: FunctionEntry): string {
  return `${entry.file}\u0000${entry.stamp}\u0000${JSON.stringify(entry.env)}`;
}

export class Instance {
  readonly id = ++nextId;
  readonly worker: ChildProcess;
  /** The registry version it was started for (a kept instance takes the version of the pool that adopts it). */
  version: number;
  readonly loaded: string;
  /** Invocations served so far (0 → the next one is a cold start). */
  served = 0;
  lastUsed = Date.now();
  dead = false;
  private stopCurrent: ((reason: string) => void) | undefined;
  private onLog: (requestId: string | null, line: LogLine) => void;

  constructor(entry: FunctionEntry, onLog: (requestId: string | null, line: LogLine) => void) {
    this.version = entry.version;
    this.loaded = loadedKey(entry);
    this.onLog = onLog;
    this.worker = fork(WORKER_FILE, [entry.file, entry.name], {
      cwd: entry.dir,
      env: instanceEnv(process.env, entry.env),
      execArgv: [`--max-old-space-size=${MEMORY_MB}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.worker.unref();
    this.worker.channel?.unref();
    // What the process prints outside console (a fatal error, process.stdout.write) is still a log line.
    for (const [stream, level] of [[this.worker.stdout, 'log'], [this.worker.stderr, 'error']] as const) {
      stream?.setEncoding('utf8');
      stream?.on('data', (text: string) => this.onLog(null, { level, at: Date.now(), text: text.trimEnd() }));
      (stream as unknown as { unref?: () => void } | null)?.unref?.();
    }
    this.worker.on('message', (msg: { type: string; requestId: string | null } & LogLine) => {
      if (msg.type === 'log') this.onLog(msg.requestId, { level: msg.level, at: msg.at, text: msg.text });
    });
    this.worker.on('error', () => (this.dead = true));
    this.worker.on('exit', () => (this.dead = true));
  }

  /** Serve another local cloud of this process from now on: its version of the code, its log. */
  adopt(version: number, onLog: (requestId: string | null, line: LogLine) => void): void {
    this.version = version;
    this.onLog = onLog;
  }

  /** Kill the process; resolves once it is gone. */
  kill(): Promise<void> {
    this.dead = true;
    if (this.worker.exitCode !== null || this.worker.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.worker.once('exit', () => resolve());
      this.worker.kill('SIGKILL');
    });
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
        finish(result);
        void this.kill();
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
      const onExit = (code: number | null, signal: string | null) => {
        this.dead = true;
        finish({ kind: 'killed', reason: `instance exited with ${code === null ? `signal ${signal}` : `code ${code}`}` });
      };
      this.worker.on('message', onMessage);
      this.worker.on('exit', onExit);
      timers.push(setTimeout(() => stop({ kind: 'timeout' }), LOAD_LIMIT_MS + timeoutMs));
      if (killAfterMs !== undefined) {
        timers.push(setTimeout(() => stop({ kind: 'killed', reason: 'instance killed (fault injection)' }), killAfterMs));
      }
      if (!this.worker.connected) return onExit(this.worker.exitCode, this.worker.signalCode);
      try {
        this.worker.send(msg);
      } catch (err) {
        // An event the platform should have refused earlier (payload.ts); never a crash of the server.
        const message = `event could not be delivered: ${(err as Error).message}`;
        finish({ kind: 'error', error: { name: 'Error', message, text: `Error: ${message}` } });
      }
    });
  }

  /** Kill the invocation in progress, if any (fault injection). */
  killInvocation(reason: string): void {
    this.stopCurrent?.(reason);
  }

  terminate(): void {
    void this.kill();
  }
}
