// The import-direction lint rule (eslint/layers.mjs) refuses a wrong-way import and passes the real tree.
// ESLint runs as its own process (its flat config is loaded by dynamic import, which jest's VM refuses).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const fixtures = path.join(root, 'test/fixtures/layers');
const bin = path.join(root, 'node_modules/.bin/eslint');
const RULE = 'kaidian/import-direction';

interface LintResult { filePath: string; messages: { ruleId: string | null; message: string }[] }

function lint(args: string[], stdin?: string): LintResult[] {
  const run = spawnSync(bin, ['--format', 'json', ...args], { cwd: root, input: stdin, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(run.stdout) as LintResult[];
}

const lintAs = (code: string, asPath: string) => lint(['--stdin', '--stdin-filename', asPath], code)[0].messages.filter((m) => m.ruleId === RULE);

const cases: [string, string][] = [
  ['store-imports-use-case.ts.txt', 'server/store/fixture.ts'],
  ['use-case-imports-use-case.ts.txt', 'server/checkout/fixture.ts'],
  ['wechat-imports-store.ts.txt', 'server/wechat/fixture.ts'],
];

test.each(cases)('%s, linted as %s, is refused', (fixture, asPath) => {
  const messages = lintAs(fs.readFileSync(path.join(fixtures, fixture), 'utf8'), asPath);
  expect(messages).toHaveLength(1);
  console.log(`${asPath}: ${messages[0].message}`);
}, 60_000);

test('the same import from a place where it points down is allowed', () => {
  expect(lintAs("import { loadOrder } from '../store/orders';\nexport const right = loadOrder;\n", 'server/checkout/fixture.ts')).toEqual([]);
}, 60_000);

test('server/ and core/ as they are: every import points down', () => {
  const results = lint(['server', 'core']);
  const wrong = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map((m) => `${r.filePath}: ${m.message}`));
  console.log(`${results.length} files of server/ and core/ linted, ${wrong.length} wrong-way imports`);
  expect(results.length).toBeGreaterThan(100);
  expect(wrong).toEqual([]);
}, 120_000);
