// Conformance: cloud functions as the real wx-server-sdk sees them — the invocation context
// (docs/wechat-contracts.md §1.3), callFunction (§1.5), init (§1.1), timers (§5.1) and limits (§6).
// Client-side cases go through the gateway, as wx.cloud.callFunction would; server-side cases run
// inside the probe function. Error texts marked [COMM]/[INF] in outcomes.ts are the documented choice.
import { failure, localOnly, startTarget, value, type Target } from './target';

let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(() => t.close());
beforeEach(() => t.control.reset());

type Ctx = Record<string, unknown>;
const appId = () => t.appId;
const env = () => t.envId;

describe('§1.3 getWXContext', () => {
  test('§1.3 getWXContext: OPENID, APPID, ENV and SOURCE=wx_client for a client call', async () => {
    const ctx = value(await t.run<Ctx>('return cloud.getWXContext()', { openid: 'oCONF_A' }));
    expect(ctx).toMatchObject({ OPENID: 'oCONF_A', APPID: appId(), ENV: env(), SOURCE: 'wx_client' });
  });

  test('§1.3 a client call also carries CLIENTIP', async () => {
    const ctx = value(await t.run<Ctx>('return cloud.getWXContext()'));
    expect(ctx.CLIENTIP).toBe('127.0.0.1');
  });

  test('§1.3 without a WeChat user there is no OPENID key at all', async () => {
    const reply = await t.invoke<{ ok: true; value: Ctx }>('probe', { code: 'return cloud.getWXContext()' });
    if (!reply.ok) throw new Error(reply.errMsg);
    expect(reply.result.value).not.toHaveProperty('OPENID');
    expect(reply.result.value).toMatchObject({ APPID: appId(), SOURCE: 'wx_client' });
  });

  test('§1.3 the next caller on a warm instance never sees the previous caller’s OPENID', async () => {
    const code = 'return [cloud.getWXContext().OPENID, process.env.WX_OPENID]';
    const first = value(await t.run<unknown[]>(code, { openid: 'oFIRST' }));
    const reply = await t.invoke<{ ok: true; value: unknown[] }>('probe', { code });
    if (!reply.ok) throw new Error(reply.errMsg);
    expect(first).toEqual(['oFIRST', 'oFIRST']);
    expect(reply.result.value).toEqual([null, null]); // undefined, serialised
    const records = (await t.control.invocations({ functionName: 'probe' })).invocations;
    expect(records.at(-1)?.cold).toBe(false); // same warm instance
  });

  test('§1.3 getWXContext: numeric-looking values are parsed into numbers', async () => {
    const ctx = value(await t.run<Ctx>('return cloud.getWXContext()', { openid: '12345' }));
    expect(ctx.OPENID).toBe(12345);
  });

  test('§1.3 SOURCE for function-to-function is "wx_client,scf" and OPENID propagates to the callee', async () => {
    const r = value(await t.run<{ result: { value: Ctx } }>(
      "return await cloud.callFunction({ name: 'probe', data: { code: 'return cloud.getWXContext()' } })",
      { openid: 'oCHAIN' },
    ));
    expect(r.result.value).toMatchObject({ OPENID: 'oCHAIN', SOURCE: 'wx_client,scf', ENV: env() });
  });

  localOnly('§1.3 SOURCE for a pay callback is exactly "wx_paycallback"', async () => {
    const outcome = await t.control.invokeAs('probe', { code: 'return cloud.getWXContext()' }, { source: 'wx_paycallback', openid: 'oPAYER' });
    if (!outcome.ok) throw new Error(outcome.errMsg);
    expect((outcome.result as { value: Ctx }).value).toMatchObject({ SOURCE: 'wx_paycallback', OPENID: 'oPAYER' });
  });

  test('§1.3 requests a function makes are attributed to its invocation', async () => {
    const since = (await t.control.requests()).lastSeq;
    const reply = await t.invoke('probe', { code: "return await cloud.callFunction({ name: 'probe', data: { echo: 1 } })" }, 'oLOG');
    if (!reply.ok) throw new Error(reply.errMsg);
    const log = await t.control.requests({ since, invocation: reply.requestID });
    expect(log.byAction).toEqual({ 'functions.invokeFunction': 1 });
  });
});

describe('§1.1 init', () => {
  test('§1.1 init-before-use: database() before cloud.init throws the init message; getWXContext still answers', async () => {
    const reply = await t.invoke<{ context: Ctx; database: { errMsg: string; errCode: number } }>('uninit', {}, 'oUNINIT');
    if (!reply.ok) throw new Error(reply.errMsg);
    expect(reply.result.database).toMatchObject({
      errCode: -1,
      errMsg: "Cloud API isn't enabled, please call init first\n请先调用 init 完成初始化后再调用其他云 API。init 方法可传入一个对象用于设置默认配置，详见文档。",
    });
    // [SRC] wx-server-sdk 4.0.2 does not guard getWXContext with the init check.
    expect(reply.result.context).toMatchObject({ OPENID: 'oUNINIT', SOURCE: 'wx_client' });
  });
});

describe('§1.5 cloud.callFunction', () => {
  test('§1.5 callFunction result shape: { result, errMsg: "callFunction:ok", requestID }', async () => {
    const r = value(await t.run<Record<string, unknown>>("return await cloud.callFunction({ name: 'probe', data: { echo: { n: 1 } } })"));
    expect(Object.keys(r).sort()).toEqual(['errMsg', 'requestID', 'result']);
    expect(r).toMatchObject({ result: { n: 1 }, errMsg: 'callFunction:ok', requestID: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  test('§1.5 the requestID is the callee invocation’s', async () => {
    const r = value(await t.run<{ requestID: string }>("return await cloud.callFunction({ name: 'probe', data: { echo: 1 } })"));
    const records = (await t.control.invocations({ functionName: 'probe' })).invocations;
    expect(records.map((x) => x.requestId)).toContain(r.requestID);
  });

  test('§1.5 a callee returning a JSON string is parsed into result', async () => {
    const r = value(await t.run<{ result: unknown }>("return await cloud.callFunction({ name: 'probe', data: { echo: '{\"a\":[1,2]}' } })"));
    expect(r.result).toEqual({ a: [1, 2] });
  });

  test('§1.5 callFunction with non-object data fails before any request', async () => {
    const e = failure(await t.run("return await cloud.callFunction({ name: 'probe', data: 'text' })"));
    expect(e).toMatchObject({ errCode: -1, errMsg: 'parameter.data should be object instead of string;' });
  });

  test('§1.5 callFunction to a missing function fails with "callFunction:fail FunctionName parameter could not be found."', async () => {
    const e = failure(await t.run("return await cloud.callFunction({ name: 'noSuchFunction', data: {} })"));
    expect(e).toMatchObject({ errCode: -1, code: 'FUNCTION_NOT_FOUND', errMsg: 'callFunction:fail FunctionName parameter could not be found.' });
  });

  test('§1.5 callFunction to a function that throws fails with the callee’s error text', async () => {
    const e = failure(await t.run("return await cloud.callFunction({ name: 'throws', data: { message: 'stock gone' } })"));
    expect(e).toMatchObject({ errCode: -1, code: 'FUNCTIONS_EXECUTE_FAIL', errMsg: 'callFunction:fail Error: stock gone' });
  });

  test('§1.5 callFunction to a function that times out fails with the timeout text', async () => {
    const e = failure(await t.run("return await cloud.callFunction({ name: 'sleepy', data: {} })"));
    expect(e.errMsg).toBe('callFunction:fail Invoking task timed out after 3 seconds');
  });

  test('§1.5 callFunction to a function whose result is over 1 MB fails with -604001', async () => {
    const e = failure(await t.run(
      "return await cloud.callFunction({ name: 'probe', data: { code: 'return \"x\".repeat(2 * 1024 * 1024)' } })",
    ));
    expect(e.errMsg).toBe('callFunction:fail errCode: -604001 cloudfunction result size exceed limit (1MB)');
  });
});

describe('§1.5 client calls (wx.cloud.callFunction through the gateway)', () => {
  test('§1.5 a client call returns { result, requestID }', async () => {
    const reply = await t.invoke('probe', { echo: { hello: '世界' } }, 'oC');
    expect(reply).toMatchObject({ ok: true, result: { hello: '世界' }, requestID: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  test('§1.5 the client event carries userInfo { appId, openId } beside the data', async () => {
    const ev = value(await t.run<Record<string, unknown>>('return event', { openid: 'oEV', event: { a: 1 } }));
    expect(ev).toMatchObject({ a: 1, userInfo: { appId: appId(), openId: 'oEV' } });
  });

  test('§1.5 a client call to a missing function fails with -501000', async () => {
    expect(await t.invoke('noSuchFunction', {})).toMatchObject({ ok: false, errCode: -501000, errMsg: 'FunctionName parameter could not be found.' });
  });

  test('§1.5 a client call to a function that throws fails with -404011 and service error code -504002', async () => {
    const reply = await t.invoke('throws', { message: 'nope' });
    if (reply.ok) throw new Error('expected a failure');
    expect(reply.errCode).toBe(-404011);
    expect(reply.errMsg).toMatch(/^cloud\.callFunction:fail requestID [0-9a-f]{32}, cloud function service error code -504002, error message Error: nope$/);
  });
});

describe('§6 limits', () => {
  test('§6 timeout default 3 s: a function without config.json is stopped and the client gets -504003', async () => {
    const sleepy = (await t.control.functions()).functions.find((f) => f.name === 'sleepy');
    expect(sleepy?.config.timeout).toBe(3);
    const reply = await t.invoke('sleepy', {});
    expect(reply).toMatchObject({ ok: false, errCode: -504003, errMsg: 'Invoking task timed out after 3 seconds' });
    expect(await t.invoke('sleepy', { ms: 0 })).toMatchObject({ ok: true });
  });

  test('§6 result over 1 MB fails with -604001', async () => {
    const reply = await t.invoke('probe', { code: 'return "x".repeat(1024 * 1024 + 1)' });
    expect(reply).toMatchObject({ ok: false, errCode: -604001, errMsg: 'cloudfunction result size exceed limit (1MB)' });
  });

  test('§6 the SCF context states 256 MB and the configured time limit', async () => {
    const c = value(await t.run<Ctx>('return context'));
    expect(c).toMatchObject({ memory_limit_in_mb: 256, time_limit_in_ms: 10_000, function_name: 'probe', namespace: env() });
  });
});

describe('§5.1 timers', () => {
  test('§5.1 timer event shape and SOURCE wx_trigger, no OPENID', async () => {
    const fired = await t.control.fireTimer('timed');
    const r = fired.result as { event: Ctx; wx: Ctx };
    expect(r.event).toEqual({ Type: 'Timer', TriggerName: 'monthlyReport', Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), Message: '' });
    expect(r.wx).toEqual({ APPID: appId(), ENV: env(), SOURCE: 'wx_trigger' });
  });

  test('§5.1 "0 0 2 1 * * *" fires at 02:00 China time on the 1st (18:00 UTC the day before)', async () => {
    const since = (await t.now());
    await t.control.advanceClock(32 * 86_400_000);
    const fires = (await t.control.invocations({ functionName: 'timed', since })).invocations;
    // 32 days always contain exactly one or two 1st-of-the-month
    expect(fires.length).toBeGreaterThanOrEqual(1);
    expect(fires.every((f) => f.source === 'wx_trigger')).toBe(true);
    const times = fires.map((f) => f.logs.find((l) => l.text.startsWith('fired for'))!.text.slice('fired for '.length));
    for (const time of times) {
      expect(time).toMatch(/T18:00:00Z$/);
      expect(new Date(Date.parse(time) + 8 * 3600_000).getUTCDate()).toBe(1);
    }
  });

  test('§1.3 Date inside a function follows the local cloud’s virtual clock', async () => {
    await t.control.advanceClock(3 * 86_400_000);
    const seen = value(await t.run<number>('return Date.now()'));
    expect(seen).toBeGreaterThanOrEqual((await t.control.clock()).now - 60_000);
    expect(seen - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
  });
});
