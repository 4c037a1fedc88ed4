// Kaidian's date-sensitive cases must hold whatever zone the host runs in: functions always see UTC
// on WeChat Cloud (docs/wechat-contracts.md §1.3a), while a developer's machine is usually Asia/Shanghai and a
// CI runner UTC. This runs the integration cases about days — membership terms and expiry, renewal
// reminders, the dashboard's "today" and 7-day chart in China days — in a child jest under each zone.
// (The functions inside still run in UTC: that is the local cloud's doing, checked in conformance.)
// The zone this suite itself runs in is already covered by those files in the same `npm test`; only the
// other zones get a child jest.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const FILES = ['test/integration/memberships.test.ts', 'test/integration/owner-orders.test.ts'];
const CASES = 'days|expir|China days|reminder';

function runUnder(tz: string): { status: number | null; summary: string } {
  const jest = path.join(root, 'node_modules/jest/bin/jest.js');
  const r = spawnSync(process.execPath, [jest, '--runInBand', '--ci', '-t', CASES, ...FILES], {
    cwd: root, env: { ...process.env, TZ: tz }, encoding: 'utf8', timeout: 170_000,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  // The failed tests by name, with the first lines of what they said: a failure must say which case it was.
  const failures = out.split('\n').flatMap((line, i, lines) => (/^\s+● (?!Console)/.test(line) ? [lines.slice(i, i + 12).join('\n')] : []));
  const tests = /Tests:.*$/m.exec(out)?.[0];
  return { status: r.status, summary: tests ? [tests, ...failures].join('\n') : out.slice(-2000) };
}

const ZONES = ['Asia/Shanghai', 'UTC'];
const hostZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const UTC_NAMES = ['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT'];
const others = ZONES.filter((tz) => tz !== hostZone && !(tz === 'UTC' && UTC_NAMES.includes(hostZone)));

test(`the zones not covered by the suite itself (${hostZone}) are run: ${others.join(', ')}`, () => {
  expect(others.length).toBeGreaterThanOrEqual(ZONES.length - 1);
});

describe.each(others)('host zone %s', (tz) => {
  test(`membership days, expiry, reminders and dashboard days pass with TZ=${tz}`, () => {
    const { status, summary } = runUnder(tz);
    console.log(`TZ=${tz}: ${summary}`);
    expect(summary).toMatch(/Tests:\s+(\d+ skipped, )?\d+ passed/);
    expect(summary).not.toMatch(/failed/);
    expect(status).toBe(0);
  }, 180_000);
});
