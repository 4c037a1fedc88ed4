// The function runtime end to end: real worker instances, real wx-server-sdk, real HTTP.
import fs from 'node:fs';
import os from 'node:os';
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

type Hello = {
  wx: Record<string, unknown>;
  context: Record<string, unknown>;
  event: Record<string, unknown>;
  now: number;
  newDate: number;
  leaked: Record<string, string | undefined>;
};

async function ok<T>(name: string, event: unknown, opts: { source: string; openid?: string } = { source: 'wx_client' }): Promise<T> {
  const outcome = await cloud.functions.invoke(name, event, opts);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.errCode} ${outcome.errMsg}`);
  return outcome.result as T;
}

describe('invocation environment (docs/wechat-contracts.md §1.3)', () => {
  test('a client call sees its OPENID, APPID, ENV and SOURCE through getWXContext', async () => {
    const r = await ok<Hello>('hello', {}, { source: 'wx_client', openid: 'oUSER_A' });
    expect(r.wx).toEqual({ OPENID: 'oUSER_A', APPID: cloud.config.appId, ENV: cloud.envId, SOURCE: 'wx_client' });
  });

  test('a call without OPENID does not see the previous caller’s, even on the same warm instance', async () => {
    const first = await ok<Hello & { pid: number }>('hello', {}, { source: 'wx_client', openid: 'oUSER_A' });
    const second = await ok<Hello & { pid: number }>('hello', {}, { source: 'wx_trigger' });
    expect(second.pid).toBe(first.pid);
    expect(second.wx).toEqual({ APPID: cloud.config.appId, ENV: cloud.envId, SOURCE: 'wx_trigger' });
    expect(second.leaked).toEqual({ WX_OPENID: undefined, WX_CONTEXT_KEYS: 'WX_APPID' });
  });

  test('20 concurrent callers each see only their own OPENID, before and after awaiting', async () => {
    const users = Array.from({ length: 20 }, (_, i) => `oUSER_${i}`);
    const seen = await Promise.all(
      users.map((openid) => ok<Hello & { before: Record<string, unknown> }>('hello', { waitMs: 30 }, { source: 'wx_client', openid })),
    );
    expect(seen.map((r) => [r.before.OPENID, r.wx.OPENID])).toEqual(users.map((u) => [u, u]));
  }, 30_000); // up to 10 cold instances load wx-server-sdk at once

  test('the SCF context names the request, function, env, memory and time limit', async () => {
    const outcome = await cloud.functions.invoke('hello', {}, { source: 'wx_client', openid: 'o1' });
    if (!outcome.ok) throw new Error(outcome.errMsg);
    const { context } = outcome.result as Hello;
    expect(context).toMatchObject({
      request_id: outcome.requestId, function_name: 'hello', namespace: cloud.envId,
      memory_limit_in_mb: 256, time_limit_in_ms: 3000,
    });
    expect(outcome.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(String(context.environment))).toMatchObject({ WX_OPENID: 'o1', TCB_SOURCE: 'wx_client' });
  });

  test('Date inside a function follows the virtual clock', async () => {
    await cloud.clock.advance(86_400_000);
    const before = cloud.now();
    const r = await ok<Hello>('hello', {});
    expect(r.now).toBeGreaterThanOrEqual(before);
    expect(r.newDate).toBeGreaterThanOrEqual(before);
    expect(r.now - Date.now()).toBeGreaterThan(86_000_000);
  });

  test('SDK requests from a function arrive at /admin?inv=<requestId>&env=… and are attributed to it', async () => {
    const outcome = await cloud.functions.invoke('caller', { target: 'plain', data: { value: 1 } }, { source: 'wx_client', openid: 'o1' });
    expect(outcome.ok).toBe(true);
    const logged = cloud.requests.list().filter((e) => e.action === 'functions.invokeFunction');
    expect(logged.map((e) => [e.invocationId, e.functionName])).toEqual([[outcome.requestId, 'caller']]);
  });
});

describe('results and failures', () => {
  test('a returned value comes back JSON-serialised; nothing comes back as null', async () => {
    expect(await ok('plain', { value: { a: [1, 'b'] } })).toEqual({ echo: { a: [1, 'b'] } });
    expect(await ok('nothing', {})).toBeNull();
  });

  test('a throw fails the invocation with the function’s error text', async () => {
    const outcome = await cloud.functions.invoke('thrower', { message: 'out of stock' }, { source: 'wx_client' });
    expect(outcome).toMatchObject({ ok: false, kind: 'error', errCode: -404011, message: 'Error: out of stock' });
  });

  test('a rejection nobody awaited fails the invocation instead of killing the instance', async () => {
    const outcome = await cloud.functions.invoke('thrower', { mode: 'unawaited' }, { source: 'wx_client' });
    expect(outcome).toMatchObject({ ok: false, kind: 'error', message: 'Error: nobody awaited me' });
    expect(await ok('thrower', { mode: 'string' }).catch((e: Error) => e.message)).toContain('plain string failure');
  });

  test('a result over 1 MB fails with -604001; just under passes', async () => {
    const over = await cloud.functions.invoke('big', {}, { source: 'wx_client' });
    expect(over).toMatchObject({ ok: false, kind: 'too_large', errCode: -604001, errMsg: 'cloudfunction result size exceed limit (1MB)' });
    const under = await ok<string>('big', { bytes: 1024 * 1024 - 2 });
    expect(under.length).toBe(1024 * 1024 - 2);
  });

  test('a missing function fails as not_found', async () => {
    expect(await cloud.functions.invoke('nope', {}, { source: 'wx_client' })).toMatchObject({ ok: false, kind: 'not_found', errCode: -501000 });
    expect(cloud.functions.config('nope')).toBeUndefined();
  });

  test('past its timeout (config.json: 1 s) the caller gets the timeout error and the instance is replaced', async () => {
    const quick = await ok<{ pid: number; invocations: number }>('sleeper', { ms: 0 });
    const slow = await cloud.functions.invoke('sleeper', {}, { source: 'wx_client' });
    expect(slow).toMatchObject({ ok: false, kind: 'timeout', errCode: -504003, errMsg: 'Invoking task timed out after 1 seconds' });
    const after = await ok<{ pid: number; invocations: number }>('sleeper', { ms: 0 });
    expect(after.pid).not.toBe(quick.pid);
    expect(after.invocations).toBe(1);
    const records = (await control.invocations({ functionName: 'sleeper' })).invocations;
    expect(records.map((r) => [r.outcome, r.cold])).toEqual([['ok', true], ['timeout', false], ['ok', true]]);
  });
});

describe('instances', () => {
  test('warm instances are reused: module state survives, and each invocation is marked cold or warm', async () => {
    const a = await ok<{ count: number; pid: number }>('counter', {});
    const b = await ok<{ count: number; pid: number }>('counter', {});
    expect(b.count).toBe(a.count + 1);
    const records = (await control.invocations({ functionName: 'counter' })).invocations;
    expect(records.map((r) => r.cold)).toEqual([a.count === 1, false]);
  });

  test('idle instances are reaped; the next invocation is a cold start', async () => {
    await ok('counter', {});
    cloud.functions.pool.reap(Date.now() + 10 * 60_000);
    const r = await ok<{ count: number }>('counter', {});
    expect(r.count).toBe(1);
    expect((await control.invocations({ functionName: 'counter' })).invocations.at(-1)?.cold).toBe(true);
  });

  test('10 concurrent invocations of one function run on 10 instances at most and all complete', async () => {
    const results = await Promise.all(
      Array.from({ length: 14 }, () => ok<{ pid: number }>('sleeper', { ms: 150 })),
    );
    const pids = new Set(results.map((r) => r.pid));
    expect(pids.size).toBeLessThanOrEqual(10);
    expect(results).toHaveLength(14);
    expect(cloud.functions.pool.stats('sleeper')).toMatchObject({ busy: 0, waiting: 0 });
  });

  test('console output is captured per invocation with its request id', async () => {
    const [one, two] = await Promise.all([
      cloud.functions.invoke('logger', { tag: 'first' }, { source: 'wx_client' }),
      cloud.functions.invoke('logger', { tag: 'second' }, { source: 'wx_client' }),
    ]);
    const records = (await control.invocations({ functionName: 'logger' })).invocations;
    const byId = new Map(records.map((r) => [r.requestId, r]));
    expect(byId.get(one.requestId)?.logs.map((l) => [l.level, l.text])).toEqual([
      ['log', 'log line first'], ['info', "info line { tag: 'first' }"], ['warn', 'warn line'], ['error', 'error line'],
    ]);
    expect(byId.get(two.requestId)?.logs[0].text).toBe('log line second');
  });
});

describe('live code (npm start rebuilds functions)', () => {
  test('after index.js changes, the next invocation runs the new code on a fresh instance', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-live-'));
    fs.mkdirSync(path.join(dir, 'live'));
    const write = (v: string) => fs.writeFileSync(path.join(dir, 'live', 'index.js'), `exports.main = async () => ${JSON.stringify(v)};`);
    write('v1');
    const live = await startLocalCloud({ port: 0, dataDir: null, functionsDir: dir, quiet: true });
    try {
      expect(await live.functions.invoke('live', {}, { source: 'wx_client' })).toMatchObject({ ok: true, result: 'v1' });
      write('version 2');
      expect(await live.functions.invoke('live', {}, { source: 'wx_client' })).toMatchObject({ ok: true, result: 'version 2' });
      expect(live.functions.invocations().map((r) => r.cold)).toEqual([true, true]);
      fs.mkdirSync(path.join(dir, 'added'));
      fs.writeFileSync(path.join(dir, 'added', 'index.js'), 'exports.main = async () => "new function";');
      expect(await live.functions.invoke('added', {}, { source: 'wx_client' })).toMatchObject({ ok: true, result: 'new function' });
    } finally {
      await live.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('faults (POST /control/faults, target invocation)', () => {
  test('fail: the function does not run and the caller sees a system error', async () => {
    await control.fault({ target: 'invocation', mode: 'fail', functionName: 'counter' });
    const failed = await cloud.functions.invoke('counter', {}, { source: 'wx_client' });
    expect(failed).toMatchObject({ ok: false, errCode: -501001 });
    expect(await ok<{ count: number }>('counter', {})).toMatchObject({ count: expect.any(Number) });
  });

  test('kill: the instance dies mid-invocation; the caller gets an error and the next call gets a fresh instance', async () => {
    const before = await ok<{ pid: number }>('sleeper', { ms: 0 });
    await control.fault({ target: 'invocation', mode: 'kill', functionName: 'sleeper', delayMs: 50 });
    const killed = await cloud.functions.invoke('sleeper', { ms: 500 }, { source: 'wx_client' });
    expect(killed).toMatchObject({ ok: false, kind: 'killed', errCode: -404011 });
    const after = await ok<{ pid: number }>('sleeper', { ms: 0 });
    expect(after.pid).not.toBe(before.pid);
  });

  test('delay: the invocation still completes', async () => {
    await control.fault({ target: 'invocation', mode: 'delay', functionName: 'plain', delayMs: 50 });
    expect(await ok('plain', { value: 7 })).toEqual({ echo: 7 });
  });
});
