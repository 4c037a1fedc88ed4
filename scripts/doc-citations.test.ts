// Every citation in the repository resolves to a heading in docs/ (docs/README.md), and the checker refuses
// the forms that point outside it: an upper-case document name, a path outside the repository, the tracker.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const check = (root: string) => spawnSync(process.execPath, [path.join(ROOT, 'scripts/doc-citations.mjs'), root], { encoding: 'utf8' });

test('every § and docs/ citation in the repository resolves to a heading in docs/', () => {
  const run = check(ROOT);
  const report = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`citations that do not resolve (file:line citation → problem):\n${report}`);
  console.log(report.trim());
  expect(report).toMatch(/^\d+ citations in \d+ files, all resolve$/m);
});

test('a citation of a document outside docs/, a missing heading or a tracker reference is refused with file:line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'citations-'));
  try {
    fs.cpSync(path.join(ROOT, 'docs'), path.join(dir, 'docs'), { recursive: true, filter: (f) => !f.includes('screenshots') });
    fs.mkdirSync(path.join(dir, 'server'));
    fs.writeFileSync(path.join(dir, 'server', 'cites.ts'), [
      '// Good: docs/wechat-contracts.md §3.3 and docs/style.md §6.',
      '// Old: NOTES-ELSEWHERE §3.3 and SPEC.md §1.',
      '// Missing: docs/wechat-contracts.md §99.',
      '// Tracker: see issue 12.',
      '',
    ].join('\n'));
    const run = check(dir);
    const out = `${run.stdout}${run.stderr}`;
    expect(run.status).not.toBe(0);
    expect(out).toMatch(/server\/cites\.ts:2 .*a document outside docs\//);
    expect(out).toMatch(/server\/cites\.ts:3 .*§99/);
    expect(out).toMatch(/server\/cites\.ts:4 .*issue tracker/);
    expect(out).not.toMatch(/server\/cites\.ts:1 /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
