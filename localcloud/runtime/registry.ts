// Which functions exist: `<functionsDir>/<name>/index.js` (+ optional config.json, docs/wechat-contracts.md §5.1).
// A function is re-read when its index.js changes, so `npm start` can rebuild functions live: the
// version bumps and the pool retires instances that loaded the old code.
import fs from 'node:fs';
import path from 'node:path';
import { ENV_FILE, functionEnv } from './fnenv';

/** A function's config.json (docs/wechat-contracts.md §5.1), with defaults applied. */
export interface FunctionConfig {
  timeout: number; // seconds, default 3 (§6)
  permissions: { openapi: string[] };
  triggers: { name: string; type: 'timer'; config: string }[];
}

export interface FunctionEntry {
  name: string;
  dir: string;
  file: string;
  config: FunctionConfig;
  /** The function's own environment variables (fnenv.ts); TZ among them overrides UTC. */
  env: Record<string, string>;
  /** Bumps each time index.js, config.json or .env.local changes on disk. */
  version: number;
  stamp: string;
}

export const DEFAULT_TIMEOUT_S = 3;

export function readConfig(dir: string): FunctionConfig {
  const file = path.join(dir, 'config.json');
  let raw: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`${file}: ${(err as Error).message}`);
    }
  }
  const timeout = typeof raw.timeout === 'number' && raw.timeout > 0 ? raw.timeout : DEFAULT_TIMEOUT_S;
  const perms = (raw.permissions ?? {}) as { openapi?: unknown };
  const openapi = Array.isArray(perms.openapi) ? perms.openapi.filter((p): p is string => typeof p === 'string') : [];
  const triggers = Array.isArray(raw.triggers)
    ? (raw.triggers as Record<string, unknown>[])
        .filter((t) => t && t.type === 'timer' && typeof t.config === 'string')
        .map((t) => ({ name: String(t.name ?? 'timer'), type: 'timer' as const, config: String(t.config) }))
    : [];
  return { timeout, permissions: { openapi }, triggers };
}

function stampOf(dir: string): string | null {
  try {
    const code = fs.statSync(path.join(dir, 'index.js'));
    const mtime = (file: string) => {
      try {
        return fs.statSync(path.join(dir, file)).mtimeMs;
      } catch {
        return 0;
      }
    };
    return `${code.mtimeMs}:${code.size}:${mtime('config.json')}:${mtime(ENV_FILE)}`;
  } catch {
    return null;
  }
}

export class FunctionRegistry {
  private entries = new Map<string, FunctionEntry>();

  constructor(
    readonly dir: string,
    private readonly onChange: (entry: FunctionEntry) => void = () => {},
    private readonly configEnv: (name: string) => Record<string, string> | undefined = () => undefined,
  ) {}

  /** Look at every sub-folder of the functions dir; returns the names found. */
  scan(): string[] {
    let names: string[] = [];
    try {
      names = fs.readdirSync(this.dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch {
      names = [];
    }
    for (const name of names) this.get(name);
    for (const name of [...this.entries.keys()]) if (!names.includes(name)) this.entries.delete(name);
    return this.list().map((e) => e.name);
  }

  list(): FunctionEntry[] {
    return [...this.entries.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The function as it is on disk now (re-read if it changed), or undefined. */
  get(name: string): FunctionEntry | undefined {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) return undefined;
    const dir = path.join(this.dir, name);
    const stamp = stampOf(dir);
    const known = this.entries.get(name);
    if (stamp === null) {
      this.entries.delete(name);
      return undefined;
    }
    if (known && known.stamp === stamp) return known;
    const entry: FunctionEntry = {
      name, dir, file: path.join(dir, 'index.js'), config: readConfig(dir), env: functionEnv(dir, this.configEnv(name)),
      version: (known?.version ?? 0) + 1, stamp,
    };
    this.entries.set(name, entry);
    if (known) this.onChange(entry);
    return entry;
  }
}
