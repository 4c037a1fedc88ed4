// Timer triggers on the virtual clock (docs/wechat-contracts.md §5.1), through the real runtime.
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../index';
import { ControlClient } from '../control/client';

const FIXTURES = path.resolve(__dirname, '../../test/fixtures/functions');

let cloud: LocalCloud;
let control: ControlClient;

beforeAll(async () => {
  cloud = await startLocalCloud({ port: 0, dataDir: null, functionsDir: FIXTURES, quiet: true });
  control = new ControlClient(cloud.url);
});
afterAll(() => cloud.close());
beforeEach(() => cloud.reset());

type Tick = { event: { Type: string; TriggerName: string; Time: string; Message: string }; wx: Record<string, unknown> };

test('advancing the clock 10 hours fires the hourly timer 10 times, in order, each with its own hour', async () => {
  const t0 = cloud.now();
  await control.advanceClock(10 * 3600_000);
  const ticks = (await control.invocations({ functionName: 'ticker', since: t0 })).invocations;
  expect(ticks).toHaveLength(10);
  expect(ticks.every((r) => r.outcome === 'ok' && r.source === 'wx_trigger' && r.openid === undefined)).toBe(true);
  // each fire ran at its own virtual hour, one after another
  // each fire carries its own scheduled hour as Time, consecutive and on the hour
  const times = ticks.map((r) => Date.parse(r.logs[0].text.replace('tick ', '')));
  expect(times.every((t) => t % 3600_000 === 0)).toBe(true);
  expect(times.slice(1).map((t, i) => t - times[i])).toEqual(Array(9).fill(3600_000));
  expect(times[0]).toBeGreaterThan(t0);
  expect(times[9]).toBeLessThanOrEqual(cloud.now());
});

test('the timer event is {Type, TriggerName, Time, Message} with SOURCE wx_trigger and no OPENID', async () => {
  const fired = await control.fireTimer('ticker');
  expect(fired.outcome).toBe('ok');
  const { event, wx } = fired.result as Tick;
  expect(event).toEqual({ Type: 'Timer', TriggerName: 'hourly', Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), Message: '' });
  expect(wx).toEqual({ APPID: cloud.config.appId, ENV: cloud.envId, SOURCE: 'wx_trigger' });
});

test('firing a function without a timer is a 404', async () => {
  await expect(control.fireTimer('plain')).rejects.toThrow('404');
});

test('stop() while a tick runs: it waits for that tick, which does not re-arm the timer', async () => {
  const t0 = cloud.now();
  const advancing = cloud.clock.advance(3600_000);
  // The hour's tick started synchronously inside advance(): stop() must wait for it, and it must not re-arm.
  await cloud.functions.timers.stop();
  const stoppedAt = (await control.invocations({ functionName: 'ticker', since: t0 })).invocations;
  expect(stoppedAt.map((r) => r.outcome)).toEqual(['ok']);
  await advancing;
  await control.advanceClock(3 * 3600_000);
  expect((await control.invocations({ functionName: 'ticker', since: t0 })).invocations).toHaveLength(1);
});
