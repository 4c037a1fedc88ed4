// Notify delivery on the virtual clock (docs/wechat-contracts.md §3.3, §7.1). The function runtime is
// replaced by a scripted receiver here (the conformance suite runs real functions).
import { VirtualClock } from '../clock';
import type { InvokeOutcome } from '../runtime/runtime';
import { Notifier, isAcknowledged } from './notify';
import { NOTIFY_RETRY_MS } from './wire';

const T0 = 1_736_906_400_000;
let clock: VirtualClock;
let answers: ((n: number) => InvokeOutcome)[];
let calls: { at: number; source: string; openid?: string }[];
let notifier: Notifier;

const ok = (result: unknown): InvokeOutcome => ({ requestId: 'r', ok: true, result });
const ack = () => ok({ errcode: 0, errmsg: 'ok' });

beforeEach(() => {
  clock = new VirtualClock(() => T0);
  answers = [];
  calls = [];
  notifier = new Notifier({
    now: () => clock.now(),
    at: (ms, run) => void clock.at(ms, run),
    invoke: async (_name, _event, opts) => {
      calls.push({ at: clock.now(), source: opts.source, openid: opts.openid });
      return (answers[calls.length - 1] ?? answers.at(-1) ?? ack)(calls.length);
    },
  });
});
afterEach(() => clock.stop());

const job = { kind: 'pay' as const, outTradeNo: 'O1', functionName: 'payNotify', openid: 'oBUYER', event: { outTradeNo: 'O1' } };

test('only {errcode: 0} acknowledges: a throw, a timeout, {return_code:"SUCCESS"}, {errcode:"0"} do not', () => {
  expect(isAcknowledged(ack())).toBe(true);
  expect(isAcknowledged(ok({ return_code: 'SUCCESS' }))).toBe(false);
  expect(isAcknowledged(ok({ errcode: '0' }))).toBe(false);
  expect(isAcknowledged(ok('{"errcode":0}'))).toBe(false);
  expect(isAcknowledged({ requestId: 'r', ok: false, kind: 'timeout', errCode: -504003, errMsg: 'timeout' })).toBe(false);
});

test('an acknowledged notify is delivered once, as wx_paycallback with the payer as OPENID', async () => {
  await notifier.start(job);
  await clock.advance(48 * 3600_000);
  expect(calls).toEqual([{ at: T0, source: 'wx_paycallback', openid: 'oBUYER' }]);
});

test('a notify never acknowledged is retried on 15s,15s,30s,3m,10m,20m,30m,30m,30m,60m,3h,3h,3h,6h,6h and then given up', async () => {
  answers = [() => ok({ return_code: 'SUCCESS' })];
  await notifier.start(job);
  await clock.advance(48 * 3600_000); // one long jump replays every retry that fell inside it
  const offsets = notifier.deliveries.map((d) => (d.at - T0) / 1000);
  expect(offsets).toEqual([0, 15, 30, 60, 240, 840, 2040, 3840, 5640, 7440, 11040, 21840, 32640, 43440, 65040, 86640]);
  expect(notifier.deliveries).toHaveLength(1 + NOTIFY_RETRY_MS.length);
  expect(notifier.deliveries.every((d) => !d.acknowledged)).toBe(true);
});

test('retries stop at the first {errcode: 0}: fail, fail, ack → three deliveries', async () => {
  answers = [() => ok({ errcode: 1 }), () => ok({ errcode: 1 }), ack];
  await notifier.start(job);
  await clock.advance(15_000);
  await clock.advance(15_000);
  await clock.advance(24 * 3600_000);
  expect(notifier.deliveries.map((d) => [(d.at - T0) / 1000, d.acknowledged, d.trigger])).toEqual([
    [0, false, 'first'], [15, false, 'retry'], [30, true, 'retry'],
  ]);
});

test('drop: the order is paid but no notify is ever delivered (reconciliation must find it)', async () => {
  notifier.setPolicy({ mode: 'drop' });
  const j = await notifier.start(job);
  await clock.advance(48 * 3600_000);
  expect(j.dropped).toBe(true);
  expect(calls).toHaveLength(0);
});

test('delay: the notify arrives after the held virtual time, not before', async () => {
  notifier.setPolicy({ mode: 'delay', delayMs: 60_000 }, 'O1');
  await notifier.start(job);
  await clock.advance(59_000);
  expect(calls).toHaveLength(0);
  await clock.advance(1_000);
  expect(calls.map((c) => c.at - T0)).toEqual([60_000]);
});

test('10 concurrent duplicates are 10 deliveries with distinct attempt numbers, and schedule no retries', async () => {
  const j = await notifier.start(job);
  const dups = await notifier.redeliver(j, 10, true);
  expect(dups).toHaveLength(10);
  expect(new Set(dups.map((d) => d.attempt)).size).toBe(10);
  await clock.advance(48 * 3600_000);
  expect(notifier.deliveries).toHaveLength(11);
});

test('killed mid-attempt: after a restart the notify that was in flight is delivered again, on the retry schedule', async () => {
  // First life: the function is still running when the process dies (the promise never settles).
  let onDisk: unknown[] = [];
  const dying = new Notifier({
    now: () => clock.now(),
    at: (ms, run) => void clock.at(ms, run),
    invoke: () => new Promise<InvokeOutcome>(() => {}),
    persist: () => (onDisk = JSON.parse(JSON.stringify(dying.allJobs())) as unknown[]),
  });
  void dying.start(job);
  await Promise.resolve();
  expect(onDisk).toEqual([expect.objectContaining({ outTradeNo: 'O1', inFlightAt: T0, acknowledged: false })]);

  // Second life, a minute later: the restored job is owed again 15 s after the lost attempt was due.
  const restartedAt = T0 + 60_000;
  const later = new VirtualClock(() => restartedAt);
  const revived = new Notifier({
    now: () => later.now(),
    at: (ms, run) => void later.at(ms, run),
    invoke: async () => ack(),
  });
  revived.restore(onDisk as Parameters<Notifier['restore']>[0], [], restartedAt + 1000);
  await later.advance(48 * 3600_000);
  later.stop();
  expect(revived.deliveries.map((d) => [d.at, d.trigger, d.acknowledged, d.attempt])).toEqual([[restartedAt + 1000, 'retry', true, 2]]);
});
