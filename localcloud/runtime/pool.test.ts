// keepInstances (pool.ts): a closed local cloud hands its idle instances on to the next cloud of the
// process — warm, with their module state, talking to the new cloud from the first call.
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../index';

const FIXTURES = path.resolve(__dirname, '../../test/fixtures/functions');
const start = (keepInstances: boolean) => startLocalCloud({ port: 0, dataDir: null, functionsDir: FIXTURES, quiet: true, keepInstances });

async function result<T>(cloud: LocalCloud, name: string, event: unknown = {}): Promise<T> {
  const outcome = await cloud.functions.invoke(name, event, { source: 'wx_client', openid: 'oUSER_A' });
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.errCode} ${outcome.errMsg}`);
  return outcome.result as T;
}

test('with keepInstances the next cloud gets the warm instance, and its SDK calls reach the new cloud', async () => {
  const first = await start(true);
  const before = await result<{ count: number; pid: number }>(first, 'counter');
  await result(first, 'caller', { target: 'hello' });
  await first.close();

  const second = await start(true);
  try {
    const after = await result<{ count: number; pid: number }>(second, 'counter');
    expect(after).toEqual({ count: before.count + 1, pid: before.pid });
    expect(second.functions.invocations({ functionName: 'counter' }).map((r) => r.cold)).toEqual([false]);
    const called = await result<{ ok: boolean }>(second, 'caller', { target: 'hello' });
    expect(called.ok).toBe(true);
    expect(second.functions.invocations({ functionName: 'hello' })).toHaveLength(1);
  } finally {
    await second.close();
  }
}, 60_000);

test('without it every cloud starts its own instances', async () => {
  const first = await start(false);
  const before = await result<{ pid: number }>(first, 'counter');
  await first.close();
  const second = await start(false);
  try {
    const after = await result<{ count: number; pid: number }>(second, 'counter');
    expect(after.count).toBe(1);
    expect(after.pid).not.toBe(before.pid);
  } finally {
    await second.close();
  }
}, 60_000);
