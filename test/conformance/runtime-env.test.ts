// Conformance: what a function's process looks like (docs/wechat-contracts.md §1.3a) and what the platform
// refuses before any function runs (§5.2, §6) — items 1, 2 and's oversized bodies.
import { localOnly, startTarget, type Target } from './target';

let t: Target;
beforeAll(async () => {
  // `clock` gets its variables from the config file's functions table; `zoned` from its .env.local.
  t = await startTarget({ config: { functions: { clock: { env: { PAY_API_V3_KEY: 'clock-only-key', SHARED_NAME: '街角' } } } } });
});
afterAll(() => t.close());

type Seen = { tz?: string; zone: string; offsetMinutes: number; hours: number; date: number; text: string; secret?: string; shared?: string };
async function seen(fn: string): Promise<Seen> {
  const r = await t.invoke<Seen>(fn, {}, 'oTZ_USER');
  if (!r.ok) throw new Error(r.errMsg);
  return r.result;
}

describe('§1.3a time zone', () => {
  test('§1.3a a function runs in UTC whatever the host zone: 2025-01-15T17:30Z reads 17:30 on the 15th', async () => {
    const s = await seen('clock');
    expect(s).toMatchObject({ zone: 'UTC', offsetMinutes: 0, hours: 17, date: 15 });
    expect(s.text).toMatch(/GMT\+0000/);
  });

  test('§1.3a a function whose environment sets TZ sees that zone (Asia/Shanghai: 01:30 on the 16th)', async () => {
    expect(await seen('zoned')).toMatchObject({ tz: 'Asia/Shanghai', zone: 'Asia/Shanghai', offsetMinutes: -480, hours: 1, date: 16 });
  });
});

describe('§1.3a per-function environment variables (函数配置 → 环境变量)', () => {
  test('§1.3a variables from the config table and from .env.local reach only their own function', async () => {
    expect(await seen('clock')).toMatchObject({ secret: 'clock-only-key', shared: '街角' });
    const zoned = await seen('zoned');
    expect(zoned.secret).toBe('zoned-only-key-0123456789abcdef');
    expect(zoned.shared).toBeUndefined();
    const probe = await t.run<(string | null)[]>('return [process.env.PAY_API_V3_KEY ?? null, process.env.SHARED_NAME ?? null]');
    expect(probe).toEqual({ ok: true, value: [null, null] });
  });
});

describe('§5.2 §6 request limits: a structured error, never a 500', () => {
  localOnly('100,000-deep JSON: structured error (-501007 INVALID_PARAM), and the gateway keeps serving', async () => {
    const body = `{"data":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    const res = await fetch(`${t.url}/gateway/functions/probe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errCode: -501007, code: 'INVALID_PARAM', errMsg: expect.stringContaining('deeper than 512 levels') });
    expect((await t.invoke('probe', { echo: 'still up' })).ok).toBe(true);
  });

  localOnly('call data over 6 MB: EXCEED_MAX_PAYLOAD_SIZE (HTTP 413), as CloudBase documents', async () => {
    const res = await fetch(`${t.url}/gateway/functions/probe`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: { blob: 'x'.repeat(6 * 1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ errCode: -501001, code: 'EXCEED_MAX_PAYLOAD_SIZE', errMsg: expect.stringContaining('6MB') });
  });

  test('§1.5 cloud.callFunction with over-deep data fails with the INVALID_PARAM code inside a function too', async () => {
    const r = await t.run(`let d = 1; for (let i = 0; i < 2000; i++) d = { d };
      try { await cloud.callFunction({ name: 'probe', data: { echo: 1, d } }); return 'called' } catch (e) { return e.errMsg }`);
    expect(r).toMatchObject({ ok: true, value: expect.stringContaining('deeper than 512 levels') });
  });
});
