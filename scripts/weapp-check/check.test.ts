// npm run check:weapp on small projects, each broken in one way WeChat (or an old phone) would refuse:
// the check must fail on each, naming the cause, and pass the clean one. Runs the real CLI (WeChat's
// compiler, offline) as a child process, as CI does.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { WeappReport } from './check';

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);

type Files = Record<string, string>;

const CLEAN: Files = {
  'project.config.json': JSON.stringify({ miniprogramRoot: 'mp/', appid: 'wx0000000000000000', compileType: 'miniprogram', setting: { es6: true } }),
  'mp/app.json': JSON.stringify({ pages: ['pages/index/index'] }),
  'mp/app.js': 'App({});\n',
  'mp/pages/index/index.js': 'Page({ data: { n: 1 } });\n',
  'mp/pages/index/index.json': '{}',
  'mp/pages/index/index.wxml': '<view>{{n}}</view>\n',
  'mp/pages/index/index.wxss': 'view { color: #333; }\n',
};

async function check(changes: Files): Promise<{ code: number; report: WeappReport }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-weapp-'));
  for (const [file, content] of Object.entries({ ...CLEAN, ...changes })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  try {
    const { stdout } = await run(tsx, [path.join(root, 'scripts/check-weapp.ts'), dir, '--json'], { cwd: root, timeout: 120_000 });
    return { code: 0, report: JSON.parse(stdout.trim().split('\n').pop()!) as WeappReport };
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    return { code: e.code ?? -1, report: JSON.parse(String(e.stdout).trim().split('\n').pop()!) as WeappReport };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const messages = (r: WeappReport) => [...r.errors, ...r.warnings].map((p) => `${p.file}: ${p.message}`).join('\n');

test('a clean project: compiled by WeChat, 0 errors, 0 warnings', async () => {
  const { code, report } = await check({});
  expect(messages(report)).toBe('');
  expect(code).toBe(0);
  expect(report.compiledFiles).toBeGreaterThanOrEqual(5);
  expect(report.mainKb).not.toBeNull();
}, 120_000);

test('an h5-only key in app.json (animation) fails through the compiler\'s __warning__', async () => {
  const { code, report } = await check({ 'mp/app.json': JSON.stringify({ pages: ['pages/index/index'], animation: false }) });
  expect(code).toBe(1);
  expect(report.warnings.map((w) => w.message).join('\n')).toMatch(/invalid app\.json \["animation"\]/);
}, 120_000);

test('a syntax error fails in WeChat\'s compiler', async () => {
  const { code, report } = await check({ 'mp/pages/index/index.js': 'Page({ data: { n: 1 }\n' });
  expect(code).toBe(1);
  expect(report.errors.some((e) => e.file === '(compile)')).toBe(true);
}, 120_000);

test('a BigInt literal fails (WeChat\'s compiler lets it through; iOS < 14 cannot run it)', async () => {
  const { code, report } = await check({ 'mp/pages/index/index.js': 'var total = [1n, 2n].reduce(function (a, b) { return a + b; }, 0n);\nPage({ data: { n: 1 } });\n' });
  expect(code).toBe(1);
  expect(messages(report)).toMatch(/pages\/index\/index\.js: line 1: BigInt literal 1n/);
}, 120_000);

test('chooseAddress called without requiredPrivateInfos fails', async () => {
  const page = 'Page({ pick: function () { wx.chooseAddress({}); } });\nwx.onNeedPrivacyAuthorization(function () {});\n';
  const { code, report } = await check({
    'mp/pages/index/index.js': page,
    'mp/app.json': JSON.stringify({ pages: ['pages/index/index'], __usePrivacyCheck__: true }),
  });
  expect(code).toBe(1);
  expect(messages(report)).toMatch(/chooseAddress is called \(pages\/index\/index\.js\) but not in requiredPrivateInfos/);
}, 120_000);
