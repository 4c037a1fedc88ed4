// Conformance: the local cloud's HTTP side — the HTTP 访问服务 path table (docs/wechat-contracts.md §4.6,
// §5.2) and who may call the gateway and control API from a browser (item 8).
import { localOnly, startTarget, type Target } from './target';

let t: Target;
beforeAll(async () => {
  t = await startTarget({ config: { httpAccess: { '/hooks': 'webhook' } } });
});
afterAll(() => t.close());

const hook = (query: string, init: RequestInit = {}) => fetch(`${t.url}/hooks/wxpay/notify?${query}`, init);

describe('§4.6 §5.2 HTTP access service', () => {
  test('§4.6 a request under a configured path reaches the function as an integration request', async () => {
    const res = await hook('reply=echo&a=1', {
      method: 'POST', headers: { 'content-type': 'application/json', 'Wechatpay-Signature': 'c2ln' }, body: '{"id":"EV-1", "amount": 1}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { event } = (await res.json()) as { event: Record<string, unknown> };
    expect(event).toMatchObject({
      path: '/hooks/wxpay/notify', httpMethod: 'POST', queryStringParameters: { reply: 'echo', a: '1' },
      headers: expect.objectContaining({ 'wechatpay-signature': 'c2ln', 'content-type': 'application/json' }),
      body: '{"id":"EV-1", "amount": 1}', isBase64Encoded: false,
      requestContext: expect.objectContaining({ envId: t.envId, appId: t.appId, requestId: expect.any(String) }),
    });
  });

  test('§5.2 binary bodies arrive base64 with isBase64Encoded', async () => {
    const res = await hook('reply=echo', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 255]) });
    expect(((await res.json()) as { event: Record<string, unknown> }).event).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
  });

  test('§5.2 results map back: integration response as given, base64 bodies decoded, strings as text/plain', async () => {
    const integration = await hook('reply=integration', { method: 'POST' });
    expect([integration.status, integration.headers.get('x-seen-path'), await integration.text()]).toEqual([204, '/hooks/wxpay/notify', '']);
    const binary = await hook('reply=binary');
    expect([binary.status, binary.headers.get('content-type'), [...new Uint8Array(await binary.arrayBuffer())]]).toEqual([200, 'image/png', [137, 80, 78, 71]]);
    const text = await hook('reply=text');
    expect([text.headers.get('content-type'), await text.text()]).toEqual(['text/plain; charset=utf-8', 'success']);
    expect((await hook('reply=throw')).status).toBe(502);
  });

  test('§5.2 body limits: text/* over 100 KB and other types over 6 MB are EXCEED_MAX_PAYLOAD_SIZE (413)', async () => {
    const text = await hook('reply=echo', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(100 * 1024 + 1) });
    expect([text.status, ((await text.json()) as { code: string }).code]).toEqual([413, 'EXCEED_MAX_PAYLOAD_SIZE']);
    const json = await hook('reply=echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ x: 'x'.repeat(200 * 1024) }) });
    expect(json.status).toBe(200);
  });

  test('§4.6 a path outside the table is not served', async () => {
    expect((await fetch(`${t.url}/other/path`)).status).toBe(404);
  });
});

describe('who may call the local cloud from a browser', () => {
  localOnly('a page on another origin cannot call /control/* or the gateway: 403, and no CORS headers', async () => {
    const evil = { origin: 'https://evil.example' };
    const reset = await fetch(`${t.url}/control/reset`, { method: 'POST', headers: evil });
    expect(reset.status).toBe(403);
    expect(reset.headers.get('access-control-allow-origin')).toBeNull();
    const call = await fetch(`${t.url}/gateway/functions/probe`, { method: 'POST', headers: { ...evil, 'content-type': 'application/json', 'x-wx-openid': 'oVICTIM' }, body: '{"data":{"echo":1}}' });
    expect(call.status).toBe(403);
    const preflight = await fetch(`${t.url}/control/seed`, { method: 'OPTIONS', headers: { ...evil, 'access-control-request-method': 'POST' } });
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([403, null]);
    expect((await t.control.invocations({ functionName: 'probe' })).invocations).toHaveLength(0);
  });

  localOnly('the H5 preview origin is allowed (with CORS headers); loopback tools without an Origin pass', async () => {
    const h5 = `http://127.0.0.1:${process.env.H5_PORT ?? '10086'}`;
    const preflight = await fetch(`${t.url}/gateway/functions/probe`, { method: 'OPTIONS', headers: { origin: h5, 'access-control-request-method': 'POST' } });
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([204, h5]);
    const call = await fetch(`${t.url}/gateway/functions/probe`, { method: 'POST', headers: { origin: h5, 'content-type': 'application/json' }, body: '{"data":{"echo":1}}' });
    expect(call.status).toBe(200);
    expect((await fetch(`${t.url}/control/clock`)).status).toBe(200);
  });
});
