// The weapp package sizes (docs/wechat-contracts.md §6: main package and each subpackage ≤ 2 MB; our budget for
// the main package is 600 KB so a buyer opening a shared card downloads little). Everything under dist/
// counts toward the main package except the subpackage roots named in dist/app.json.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const MAIN_PACKAGE_BUDGET_KB = 600;
export const WECHAT_PACKAGE_LIMIT_KB = 2048;

export interface PackageSize {
  name: string;
  root: string;
  bytes: number;
  files: number;
}

function walk(dir: string, skip: (rel: string) => boolean, base = dir): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.relative(base, full).split(path.sep).join('/');
    if (skip(rel)) continue;
    if (entry.isDirectory()) {
      const sub = walk(full, skip, base);
      bytes += sub.bytes;
      files += sub.files;
    } else {
      bytes += fs.statSync(full).size;
      files += 1;
    }
  }
  return { bytes, files };
}

export function measureWeapp(distDir: string): PackageSize[] {
  const app = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string; name?: string }[];
    subpackages?: { root: string; name?: string }[];
  };
  const subs = (app.subPackages ?? app.subpackages ?? []).map((s) => ({ name: s.name ?? s.root, root: s.root.replace(/\/$/, '') }));
  // DevTools does not upload its own project file with the code.
  const inSub = (rel: string) => subs.some((s) => rel === s.root || rel.startsWith(`${s.root}/`));
  const main = walk(distDir, (rel) => inSub(rel) || rel === 'project.config.json');
  return [
    { name: 'main', root: '', ...main },
    ...subs.map((s) => ({ name: s.name, root: s.root, ...walk(path.join(distDir, s.root), () => false) })),
  ];
}

export const kb = (bytes: number) => bytes / 1024;

/** The newest modification time of the sources the weapp build reads. */
export function newestSource(root: string): number {
  let newest = 0;
  const visit = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of ['src', 'core', 'config']) visit(path.join(root, dir));
  for (const file of ['babel.config.js', 'package-lock.json']) {
    const full = path.join(root, file);
    if (fs.existsSync(full)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isFresh(root: string): boolean {
  const appJson = path.join(root, 'dist', 'app.json');
  return fs.existsSync(appJson) && fs.statSync(appJson).mtimeMs >= newestSource(root);
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds dist/ with `taro build --type weapp` when it is missing or older than its sources. Jest runs
 * the size test and the miniprogram-simulate test in parallel workers: a lock directory (mkdir is
 * atomic) lets one build while the other waits for it, so two builds never write dist/ at once.
 */
export function ensureWeappBuild(root: string): { built: boolean; ms: number } {
  if (isFresh(root)) return { built: false, ms: 0 };
  const lock = path.join(root, 'node_modules', '.cache', 'kaidian-weapp-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after 3 minutes.
      const age = fs.existsSync(lock) ? Date.now() - fs.statSync(lock).mtimeMs : 0;
      if (age > 3 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      sleepSync(500);
    }
  }
  try {
    if (isFresh(root)) return { built: false, ms: 0 };
    const started = Date.now();
    execFileSync(process.execPath, [path.join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    return { built: true, ms: Date.now() - started };
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
