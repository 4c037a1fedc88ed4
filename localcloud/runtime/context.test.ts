// The environment a function runs with, checked against the SDK code that reads it.
import { invocationEnv, scfContext } from './context';
import type { InvocationContext } from '../types';

const inv: InvocationContext = {
  requestId: 'a'.repeat(32), functionName: 'orders', source: 'wx_client', openid: 'oUSER', appid: 'wxAPP', clientIp: '10.0.0.1',
};

function withEnv<T>(vars: Record<string, string>, fn: () => T): T {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  try {
    return fn();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

test('node-sdk builds /admin?inv=<requestId>&env=<env>&seqId=… from TCB_CONTEXT_CNFG', () => {
  const env = invocationEnv(inv, 'local-env', 'http://127.0.0.1:4321');
  const { buildUrl } = require('@cloudbase/node-sdk/dist/utils/tcbapiendpoint') as { buildUrl: (o: object) => string };
  const url = withEnv(env, () => buildUrl({ envId: 'local-env', seqId: 's1', protocol: 'https' }));
  expect(url).toBe(`http://127.0.0.1:4321/admin?inv=${inv.requestId}&env=local-env&seqId=s1`);
});

test('WX_CONTEXT_KEYS lists only the WX_* variables that are present (docs/wechat-contracts.md §1.3)', () => {
  expect(invocationEnv(inv, 'e', 'http://x').WX_CONTEXT_KEYS).toBe('WX_OPENID,WX_APPID,WX_CLIENTIP');
  const timer = invocationEnv({ ...inv, openid: undefined, clientIp: undefined, source: 'wx_trigger' }, 'e', 'http://x');
  expect(timer.WX_CONTEXT_KEYS).toBe('WX_APPID');
  expect(timer).not.toHaveProperty('WX_OPENID');
  const v6 = invocationEnv({ ...inv, clientIp: '::1' }, 'e', 'http://x');
  expect(v6).toMatchObject({ WX_CLIENTIPV6: '::1', WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_CLIENTIPV6' });
});

test('the platform variables node-sdk checks are all set: SCF run env, region, namespace, credentials', () => {
  expect(invocationEnv(inv, 'local-env', 'http://x')).toMatchObject({
    TCB_ENV: 'local-env', SCF_NAMESPACE: 'local-env', TCB_SOURCE: 'wx_client', TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai', TENCENTCLOUD_SECRETID: expect.any(String),
    TENCENTCLOUD_SECRETKEY: expect.any(String), TENCENTCLOUD_SESSIONTOKEN: expect.any(String),
  });
});

test('node-sdk parseContext reads our SCF context (request id, limits, environment)', () => {
  const env = invocationEnv(inv, 'local-env', 'http://x');
  const { parseContext } = require('@cloudbase/node-sdk/dist/utils/tcbcontext') as { parseContext: (c: object) => Record<string, unknown> };
  const parsed = parseContext(scfContext(inv, 'local-env', 3, env));
  expect(parsed).toMatchObject({
    requestId: inv.requestId, functionName: 'orders', namespace: 'local-env', memoryLimitInMb: 256, timeLimitIns: 3000,
    environment: expect.objectContaining({ WX_OPENID: 'oUSER', TCB_ENV: 'local-env' }),
  });
});
