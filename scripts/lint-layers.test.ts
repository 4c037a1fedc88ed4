// The import-direction lint rule (eslint/layers.mjs) refuses a wrong-way import and passes the real tree.
// ESLint runs as its own process (its flat config is loaded by dynamic import, which jest's VM refuses):
// one process lints every case and the tree through ESLint's Node API.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const fixtures = path.join(root, 'test/fixtures/layers');
const RULE = 'kaidian/import-direction';

interface LintResult { filePath: string; messages: { ruleId: string | null; message: string }[] }
interface Case { name: string; code: string; asPath: string }

const refused: [string, string][] = [
  ['store-imports-use-case.ts.txt', 'server/store/fixture.ts'],
  ['use-case-imports-use-case.ts.txt', 'server/checkout/fixture.ts'],
  ['wechat-imports-store.ts.txt', 'server/wechat/fixture.ts'],
];
const ALLOWED: Case = { name: 'allowed', code: "import { loadOrder } from '../store/orders';\nexport const right = loadOrder;\n", asPath: 'server/checkout/fixture.ts' };
const cases: Case[] = [...refused.map(([name, asPath]) => ({ name, code: fs.readFileSync(path.join(fixtures, name), 'utf8'), asPath })), ALLOWED];

const SCRIPT = `
const { ESLint } = await import('eslint');
const input = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
const cases = {};
for (const c of input) cases[c.name] = (await eslint.lintText(c.code, { filePath: c.asPath }))[0].messages;
const tree = (await eslint.lintFiles(['server', 'core'])).map((r) => ({ filePath: r.filePath, messages: r.messages }));
process.stdout.write(JSON.stringify({ cases, tree }));
`;

let linted: { cases: Record<string, LintResult['messages']>; tree: LintResult[] };
beforeAll(() => {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT, JSON.stringify(cases)], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  linted = JSON.parse(run.stdout) as typeof linted;
}, 120_000);

const ruleMessages = (name: string) => linted.cases[name].filter((m) => m.ruleId === RULE);

test.each(refused)('%s, linted as %s, is refused', (fixture, asPath) => {
  const messages = ruleMessages(fixture);
  expect(messages).toHaveLength(1);
  console.log(`${asPath}: ${messages[0].message}`);
});

test('the same import from a place where it points down is allowed', () => {
  expect(ruleMessages(ALLOWED.name)).toEqual([]);
});

test('server/ and core/ as they are: every import points down', () => {
  const wrong = linted.tree.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map((m) => `${r.filePath}: ${m.message}`));
  console.log(`${linted.tree.length} files of server/ and core/ linted, ${wrong.length} wrong-way imports`);
  expect(linted.tree.length).toBeGreaterThan(100);
  expect(wrong).toEqual([]);
});
