// Kaidian's date-sensitive cases must hold whatever zone the host runs in: functions always see UTC
// on WeChat Cloud (docs/wechat-contracts.md §1.3a), while a developer's machine is usually Asia/Shanghai and a
// CI runner UTC. This runs the integration cases about days — membership terms and expiry, renewal
// reminders, the dashboard's "today" and 7-day chart in China days — in a child jest under each zone.
// (The functions inside still run in UTC: that is the local cloud's doing, checked in conformance.)
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
  return { status: r.status, summary: /Tests:.*$/m.exec(out)?.[0] ?? out.slice(-2000) };
}

describe.each(['Asia/Shanghai', 'UTC'])('host zone %s', (tz) => {
  test(`membership days, expiry, reminders and dashboard days pass with TZ=${tz}`, () => {
    const { status, summary } = runUnder(tz);
    console.log(`TZ=${tz}: ${summary}`);
    expect(summary).toMatch(/Tests:\s+(\d+ skipped, )?\d+ passed/);
    expect(summary).not.toMatch(/failed/);
    expect(status).toBe(0);
  }, 180_000);
});
