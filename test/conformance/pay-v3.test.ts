// Conformance: the WeChat Pay APIv3 sandbox against the v3 contract (docs/wechat-contracts.md §4.1–4.5),
// checked with the server's own adapter code (server/wechat/wxpay-v3) as the second implementation:
// requests signed over `METHOD\npath?query\ntimestamp\nnonce\nbody\n`, any deviation answered 401
// SIGN_ERROR; every answer signed by the platform key its Wechatpay-Serial names; certificates
// delivered encrypted with the APIv3 key; prepay idempotent by out_trade_no; notifies encrypted,
// signed and retried on WeChat's schedule. Local only: a real environment has no sandbox to probe.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { startLocalCloud, type LocalCloud } from '../../localcloud';
import { answerRefusal, v3Request } from '../../server/wechat/wxpay-v3/client';
import { v3Config, type V3Config } from '../../server/wechat/wxpay-v3/config';
import { authorization, decryptResource, nonceStr } from '../../server/wechat/wxpay-v3/crypto';

const MCHID = '1230000109';
let cloud: LocalCloud;
let hook: Server;
const received: { headers: IncomingMessage['headers']; body: string; status: number }[] = [];
let answerWith = 204;
let configs: Record<'public_key' | 'certificate', V3Config>;

beforeAll(async () => {
  cloud = await startLocalCloud({ port: 0, dataDir: null, quiet: true });
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body, status: answerWith });
      res.writeHead(answerWith).end(answerWith === 204 ? '' : '{"code":"FAIL","message":"失败"}');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  const notifyUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/notify`;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const p = cloud.pay.v3.platform;
  const base = {
    WXPAY_APPID: cloud.config.appId, WXPAY_MCH_SERIAL_NO: 'ABC123', WXPAY_MCH_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    WXPAY_APIV3_KEY: randomBytes(16).toString('hex'), WXPAY_NOTIFY_URL: notifyUrl, WXPAY_BASE_URL: cloud.url,
  };
  const make = (mchid: string, extra: Record<string, string>) => {
    const c = v3Config({ ...base, WXPAY_MCHID: mchid, ...extra });
    if (!c.ok) throw new Error(c.missing.join());
    return c.config;
  };
  configs = {
    public_key: make(MCHID, { WXPAY_PUBLIC_KEY_ID: p.publicKeyId, WXPAY_PUBLIC_KEY: p.publicKeyPem }),
    certificate: make('1230000110', { WXPAY_PLATFORM_CERTS: p.certificatePem }),
  };
  for (const [mode, c] of Object.entries(configs)) {
    cloud.pay.v3.register({
      mchid: c.mchid, name: mode, serialNo: 'ABC123', publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string,
      apiV3Key: base.WXPAY_APIV3_KEY, appids: [cloud.config.appId], subMchids: [], mode: mode as 'public_key' | 'certificate',
    });
  }
}, 60_000);
afterAll(async () => {
  await cloud?.close();
  hook?.close();
});

const order = (c: V3Config, no: string, total = 990) => ({
  appid: c.appid, mchid: c.mchid, description: '测试商品', out_trade_no: no, notify_url: c.notifyUrl,
  amount: { total, currency: 'CNY' }, payer: { openid: 'oBUYER_V3' },
});

/** A request signed by hand, so single parts of it can be wrong. */
async function raw(c: V3Config, opts: { path: string; body?: string; signedBody?: string; serial?: string; ts?: number; eol?: string }) {
  const ts = opts.ts ?? Math.floor(cloud.now() / 1000);
  let auth = authorization({ mchid: c.mchid, serialNo: opts.serial ?? c.serialNo, privateKey: c.privateKey, method: 'POST', pathWithQuery: opts.path, body: opts.signedBody ?? opts.body ?? '', timestamp: ts, nonce: nonceStr() });
  if (opts.eol) auth = authorization({ mchid: c.mchid, serialNo: c.serialNo, privateKey: c.privateKey, method: `POST\r`, pathWithQuery: opts.path, body: opts.body ?? '', timestamp: ts, nonce: nonceStr() });
  const res = await fetch(`${cloud.url}${opts.path}`, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: opts.body });
  const text = await res.text();
  return { status: res.status, code: text ? (JSON.parse(text) as { code?: string }).code : undefined, refused: answerRefusal(c, res.headers, text, Math.floor(cloud.now() / 1000)) };
}

describe('request signatures (§4.2)', () => {
  test('a correctly signed request is answered, and the answer verifies with the platform key', async () => {
    const r = await v3Request(configs.public_key, 'POST', '/v3/pay/transactions/jsapi', order(configs.public_key, 'CONF000001'));
    expect(r.ok && r.data.status).toBe(200);
  });

  test.each([
    ['the body changed after signing', { signedBody: '{}' }],
    ['an unknown certificate serial', { serial: 'FFFF' }],
    ['a timestamp 6 minutes old', { ts: Math.floor(Date.now() / 1000) - 360 }],
    ['a timestamp in milliseconds', { ts: Date.now() }],
    ['\\r\\n line endings', { eol: '\r\n' }],
  ])('%s: 401 SIGN_ERROR, itself signed', async (_name, over) => {
    const c = configs.public_key;
    const r = await raw(c, { path: '/v3/pay/transactions/jsapi', body: JSON.stringify(order(c, 'CONF000002')), ...over });
    expect(r).toEqual({ status: 401, code: 'SIGN_ERROR', refused: null });
  });
});

describe('answers and certificates (§4.5)', () => {
  test('public-key mode: Wechatpay-Serial is PUB_KEY_ID_…; certificate mode: the certificate serial', async () => {
    const a = await fetch(`${cloud.url}/v3/pay/transactions/out-trade-no/NOPE00001?mchid=${MCHID}`, { headers: { Authorization: 'x' } });
    expect(a.headers.get('wechatpay-serial')).toMatch(/^PUB_KEY_ID_/);
    const r = await v3Request(configs.certificate, 'GET', `/v3/pay/transactions/out-trade-no/NOPE00001?mchid=${configs.certificate.mchid}`);
    expect(r).toMatchObject({ ok: false, kind: 'business', errCode: 'ORDER_NOT_EXIST', notFound: true });
  });

  test('GET /v3/certificates: decrypted with the APIv3 key, the certificate whose serial signs the answers', async () => {
    const c = configs.certificate;
    const r = await v3Request(c, 'GET', '/v3/certificates');
    if (!r.ok) throw new Error(r.message);
    const item = (r.data.data!.data as { serial_no: string; encrypt_certificate: { ciphertext: string; nonce: string; associated_data: string } }[])[0];
    const cert = new X509Certificate(decryptResource(c.apiV3Key, item.encrypt_certificate));
    expect([cert.serialNumber, item.serial_no]).toEqual([cloud.pay.v3.platform.certSerial, cloud.pay.v3.platform.certSerial]);
  });
});

describe('prepay, close and notifies (§4.1, §4.4)', () => {
  test('the same out_trade_no: same parameters, same prepay; changed, OUT_TRADE_NO_USED; closed, ORDER_CLOSED', async () => {
    const c = configs.public_key;
    const ask = (total: number) => v3Request(c, 'POST', '/v3/pay/transactions/jsapi', order(c, 'CONF000003', total));
    const first = await ask(990);
    const again = await ask(990);
    expect(first.ok && again.ok && first.data.data?.prepay_id === again.data.data?.prepay_id).toBe(true);
    expect(await ask(991)).toMatchObject({ ok: false, errCode: 'OUT_TRADE_NO_USED' });
    const closed = await v3Request(c, 'POST', '/v3/pay/transactions/out-trade-no/CONF000003/close', { mchid: c.mchid });
    expect(closed.ok && closed.data.status).toBe(204);
    expect(await ask(990)).toMatchObject({ ok: false, errCode: 'ORDER_CLOSED' });
  });

  test('a paid order is notified encrypted and signed, and retried 15 s later when answered 500', async () => {
    const c = configs.public_key;
    const r = await v3Request(c, 'POST', '/v3/pay/transactions/jsapi', order(c, 'CONF000004'));
    if (!r.ok) throw new Error(r.message);
    received.length = 0;
    answerWith = 500;
    await cloud.pay.settle(String(r.data.data!.prepay_id), 'pay');
    answerWith = 204;
    await cloud.clock.advance(15_000);
    expect(received.map((x) => x.status)).toEqual([500, 204]);
    const n = received[1];
    const headers = new Headers(Object.entries(n.headers).map(([k, v]): [string, string] => [k, String(v)]));
    expect(answerRefusal(c, headers, n.body, Math.floor(cloud.now() / 1000))).toBeNull();
    const envelope = JSON.parse(n.body) as { event_type: string; resource: { ciphertext: string; nonce: string; associated_data: string } };
    const plain = JSON.parse(decryptResource(c.apiV3Key, envelope.resource)) as Record<string, unknown>;
    expect([envelope.event_type, plain.trade_state, plain.out_trade_no, (plain.amount as { total: number }).total]).toEqual(['TRANSACTION.SUCCESS', 'SUCCESS', 'CONF000004', 990]);
  });
});
