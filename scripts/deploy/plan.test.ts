// npm run deploy --dry-run on the example configuration: the plan names every function (with its
// config.json), every collection and index of database/collections.json, a database rule for each
// collection, the storage rules and the mini-program upload — built without any network.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/kaidian';
import { describePlan, makePlan } from './plan';
import { readRepo } from './repo';

const root = path.resolve(__dirname, '../..');
const example = loadConfig(path.join(root, 'kaidian.config.example.json')).config;
const repo = readRepo(root);
const plan = makePlan(example, repo, { version: '1.2.3', desc: 'test' });
const text = describePlan(plan).join('\n');

test('every cloud function is uploaded with its timeout, permissions and timer', () => {
  const fns = fs.readdirSync(path.join(root, 'cloudfunctions')).filter((d) => fs.existsSync(path.join(root, 'cloudfunctions', d, 'config.json')));
  expect(fns.length).toBeGreaterThanOrEqual(8);
  for (const fn of fns) {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'cloudfunctions', fn, 'config.json'), 'utf8'));
    const step = plan.steps.find((s) => s.kind === 'function' && s.name === fn);
    expect(step).toMatchObject({ timeout: config.timeout ?? 3, openapi: config.permissions?.openapi ?? [], trigger: config.triggers?.[0] ?? null });
    expect(text).toContain(`upload function ${fn} `);
  }
  expect(text).toContain('timer everyMinute "0 * * * * * *"');
});

test('every collection and index is created, and clients may not read or write any collection', () => {
  const { collections } = JSON.parse(fs.readFileSync(path.join(root, 'database/collections.json'), 'utf8'));
  for (const c of collections as { name: string; indexes: { name: string; unique?: boolean }[] }[]) {
    expect(text).toContain(`collection ${c.name}: create if missing`);
    for (const index of c.indexes) expect(text).toMatch(new RegExp(`${index.name} \\([^)]*${index.unique ? ', unique' : ''}\\)`));
    expect(plan.steps).toContainEqual({ kind: 'database-rule', collection: c.name, rule: { read: false, write: false } });
  }
});

test('the storage rules and the mini-program upload are in the plan, in order after the builds and the check', () => {
  expect(plan.steps.slice(0, 3).map((s) => s.kind)).toEqual(['build-functions', 'build-weapp', 'check-weapp']);
  expect(plan.steps.filter((s) => s.kind === 'storage-rule')).toHaveLength(1);
  expect(plan.steps.at(-1)).toEqual({ kind: 'upload-weapp', version: '1.2.3', desc: 'test', robot: 1 });
  // The storage rules file is another engineer's; until it lands, a real deploy is stopped, named.
  if (repo.storageRules === null) expect(plan.problems).toEqual([expect.stringMatching(/database\/storage-rules\.json is missing/)]);
  else expect(plan.problems).toEqual([]);
});

test('a bad rule or a wrong template keyword stops the plan', () => {
  const bad = makePlan(
    { ...example, subscribeTemplates: { ...example.subscribeTemplates, orderPaid: { id: 'x', keywords: { ...example.subscribeTemplates.orderPaid.keywords, amount: 'thing3' } } } },
    { ...repo, databaseRules: { default: { read: false, write: false }, collections: { nope: { read: 'auth != null', write: false }, orders: { read: false } as never } }, storageRules: { read: true, write: 'resource.openid == auth.openid' } },
    { version: '1', desc: '' },
  );
  expect(bad.problems).toEqual([
    expect.stringMatching(/amount \(金额\) is sent as amount, but the keyword is "thing3"/),
    expect.stringMatching(/"nope" is not a collection/),
    expect.stringMatching(/orders: a rule needs "read" and "write"/),
  ]);
});

test('npm run deploy -- --dry-run prints the whole plan for the example and sends nothing', () => {
  const out = execFileSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/deploy.ts'), '--dry-run', '--config', 'kaidian.config.example.json'], { cwd: root, encoding: 'utf8' });
  expect(out).toContain('Deploy to AppID wx0000000000000000, cloud environment local-env:');
  expect(out).toMatch(new RegExp(`Dry run: ${plan.steps.length} steps, nothing sent`));
}, 60_000);
