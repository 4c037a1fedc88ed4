// WeChat's own compiler, offline: miniprogram-ci (MIT, the compile module of WeChat DevTools) compiles the
// project as an upload would, with no network and no upload key, given two things (docs/wechat-contracts.md §7a):
// the project object answers attr() itself (the default asks WeChat's server for the account's settings;
// we give the defaults the package ships: 2 MB per package), and its HTTP helper refuses every request at
// once (the fetch of the allowed file extensions has no timeout; refused, it falls back to the built-in
// list). getCompiledResult with es6: true then rejects syntax errors, missing pages, components and tab-bar
// icons and invalid app.json values, and marks unknown app.json keys with __warning__; checkCodeQuality
// measures the packages. Its worker keeps the process alive: the caller exits explicitly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface CiModule {
  Project: new (o: { appid: string; type: string; projectPath: string; privateKey: string; ignores: string[] }) => CiProject;
  DefaultProjectAttr: unknown;
  getCompiledResult(o: { project: CiProject; setting: Record<string, boolean>; onProgressUpdate: () => void }): Promise<Record<string, string | Buffer>>;
  checkCodeQuality(project: CiProject): Promise<QualityItem[]>;
}
interface CiProject {
  attr: () => Promise<unknown>;
}
export interface QualityItem {
  name: string;
  success: boolean;
  text: string;
  detail?: unknown;
}

export interface CompileResult {
  /** Every file of the compiled package, as WeChat would upload it. */
  files: Record<string, string | Buffer>;
  quality: QualityItem[];
}

/** Requires miniprogram-ci with its network cut: any request fails at once. */
export function offlineCi(): CiModule {
  const request = require('miniprogram-ci/dist/utils/request') as { request: (o: { url?: string }) => Promise<unknown> };
  request.request = async (o) => {
    throw new Error(`offline: no request to ${o?.url ?? 'the network'}`);
  };
  return require('miniprogram-ci') as CiModule;
}

/**
 * Compiles the project at `projectDir` (where project.config.json is). Throws the compiler's error
 * (a syntax error, a missing page, an invalid app.json value) as it reports it.
 */
export async function compileWithWeChat(projectDir: string): Promise<CompileResult> {
  const quiet = silenceCompilerLogs();
  // The compiler leaves an empty folder named by a hash in the working directory on every compile: give it
  // a scratch directory instead of the repository.
  const cwd = process.cwd();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-wechat-compiler-'));
  process.chdir(scratch);
  // It also forks a Node process per project, which inherits this process's execArgv: under tsx that is tsx's
  // loader, which the compiler's thousands of modules would then go through (about a second of CPU per compile).
  const execArgv = process.execArgv;
  process.execArgv = [];
  try {
    const ci = offlineCi();
    const config = JSON.parse(fs.readFileSync(path.join(projectDir, 'project.config.json'), 'utf8')) as { appid?: string };
    const project = new ci.Project({
      // The compiler needs an AppID of the right shape; which one does not matter offline.
      appid: /^wx[0-9a-f]{16}$/.test(config.appid ?? '') ? config.appid! : 'wx0000000000000000',
      type: 'miniProgram',
      projectPath: projectDir,
      privateKey: 'offline',
      ignores: ['node_modules/**/*'],
    });
    project.attr = async () => ci.DefaultProjectAttr;
    const files = await ci.getCompiledResult({ project, setting: { es6: true, minify: false }, onProgressUpdate: () => undefined });
    const quality = await ci.checkCodeQuality(project);
    return { files, quality };
  } finally {
    process.chdir(cwd);
    process.execArgv = execArgv;
    fs.rmSync(scratch, { recursive: true, force: true });
    quiet.restore();
  }
}

/**
 * The compiler logs its progress ("[summer-compiler] …") and the refused extension-list fetch
 * ("[error] get white ext list fail …", expected offline); keep the check's own output readable.
 */
function silenceCompilerLogs(): { restore: () => void } {
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const chatty = (args: unknown[]) =>
    /\[(summer-compiler|miniprogram-builder)\]|^serialize |Initial scan complete|get white ext list fail/.test(args.map(String).join(' ').split('\u001b').join(''));
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    console[level] = (...args: unknown[]) => { if (!chatty(args)) saved[level](...args); };
  }
  return { restore: () => Object.assign(console, saved) };
}
