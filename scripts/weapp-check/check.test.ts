// npm run check:weapp on small projects, each broken in one way WeChat (or an old phone) would refuse:
// the check must fail on each, naming the cause, and pass the clean one. Runs the real CLI (WeChat's
// compiler, offline) as a child process, as CI does: one run checks them all in turn.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { passed, type WeappReport } from './check';

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

/** The projects of this file, each the clean one with some files changed. */
const PROJECTS = {
  clean: {},
  syntax: { 'mp/pages/index/index.js': 'Page({ data: { n: 1 }\n' },
  // Compiles, with one problem of each other kind (a compile per project is most of the time): an h5-only
  // key in app.json, which WeChat's compiler marks, and the two rules it does not check (BigInt, privacy).
  broken: {
    'mp/pages/index/index.js': 'var total = [1n, 2n].reduce(function (a, b) { return a + b; }, 0n);\n' +
      'Page({ pick: function () { wx.chooseAddress({}); } });\nwx.onNeedPrivacyAuthorization(function () {});\n',
    'mp/app.json': JSON.stringify({ pages: ['pages/index/index'], animation: false, __usePrivacyCheck__: true }),
  },
} satisfies Record<string, Files>;
type Name = keyof typeof PROJECTS;

let exitCode: number;
const reports = {} as Record<Name, WeappReport>;

// One CLI run checks every project in turn: loading WeChat's compiler is most of a check's time.
beforeAll(async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-weapp-'));
  const names = Object.keys(PROJECTS) as Name[];
  for (const name of names) {
    for (const [file, content] of Object.entries({ ...CLEAN, ...PROJECTS[name] })) {
      fs.mkdirSync(path.dirname(path.join(base, name, file)), { recursive: true });
      fs.writeFileSync(path.join(base, name, file), content);
    }
  }
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  let stdout: string;
  try {
    stdout = (await run(tsx, [path.join(root, 'scripts/check-weapp.ts'), ...names.map((n) => path.join(base, n)), '--json'], { cwd: root, timeout: 300_000 })).stdout;
    exitCode = 0;
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    stdout = String(e.stdout);
    exitCode = e.code ?? -1;
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  const lines = stdout.trim().split('\n').filter((l) => l.startsWith('{'));
  names.forEach((name, i) => (reports[name] = JSON.parse(lines[i]) as WeappReport));
}, 300_000);

const messages = (r: WeappReport) => [...r.errors, ...r.warnings].map((p) => `${p.file}: ${p.message}`).join('\n');

test('the check exits 1 when any project it was given fails', () => {
  expect(exitCode).toBe(1);
});

test('a clean project: compiled by WeChat, 0 errors, 0 warnings', () => {
  const report = reports.clean;
  expect(messages(report)).toBe('');
  expect(passed(report)).toBe(true);
  expect(report.compiledFiles).toBeGreaterThanOrEqual(5);
  expect(report.mainKb).not.toBeNull();
});

test('an h5-only key in app.json (animation) fails through the compiler\'s __warning__', () => {
  expect(passed(reports.broken)).toBe(false);
  expect(reports.broken.warnings.map((w) => w.message).join('\n')).toMatch(/invalid app\.json \["animation"\]/);
});

test('a syntax error fails in WeChat\'s compiler', () => {
  expect(passed(reports.syntax)).toBe(false);
  expect(reports.syntax.errors.some((e) => e.file === '(compile)')).toBe(true);
});

test('a BigInt literal fails (WeChat\'s compiler lets it through; iOS < 14 cannot run it)', () => {
  expect(passed(reports.broken)).toBe(false);
  expect(messages(reports.broken)).toMatch(/pages\/index\/index\.js: line 1: BigInt literal 1n/);
});

test('chooseAddress called without requiredPrivateInfos fails', () => {
  expect(passed(reports.broken)).toBe(false);
  expect(messages(reports.broken)).toMatch(/chooseAddress is called \(pages\/index\/index\.js\) but not in requiredPrivateInfos/);
});
