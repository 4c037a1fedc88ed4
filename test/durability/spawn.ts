// Start a local cloud in its own process (test/durability/*-child.ts) and wait for its `READY <url>` line;
// the durability and kill -9 suites kill it with SIGKILL and open what it left on disk.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export function startChild(script: string, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, script), ...args], {
    cwd: path.join(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
}
