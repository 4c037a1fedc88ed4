// The open API's rules, called directly (the conformance suite drives the same code through the SDK):
// subscribe quotas and data limits, the QR code, shipping uploads, the outbox and the protobuf envelope.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import QRCode from 'qrcode';
import protobuf from 'protobufjs';
import { LocalCloud } from '../index';
import { WxApiError } from './errors';
import { decodeRequest, encodePlatformError, encodeWxError } from './protocol';
import { wxacodeText } from './wxacode';
import { renderOutbox } from './outbox';

/** A minimal PNG reader for our own RGBA, filter-0 images: pixel (x, y) → [r, g, b, a]. */
function rgbaReader(png: Buffer): (x: number, y: number) => number[] {
  const width = png.readUInt32BE(16);
  const idat: Buffer[] = [];
  for (let pos = 8; pos < png.length;) {
    const len = png.readUInt32BE(pos);
    if (png.toString('ascii', pos + 4, pos + 8) === 'IDAT') idat.push(png.subarray(pos + 8, pos + 8 + len));
    pos += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = 1 + width * 4;
  return (x, y) => [...raw.subarray(y * stride + 1 + x * 4, y * stride + 5 + x * 4)];
}

const TEMPLATE = { id: 'TPL_PAID', title: '支付成功通知', keys: ['thing1', 'amount2', 'time3', 'character_string4'] };
let cloud: LocalCloud;

beforeEach(() => {
  cloud = new LocalCloud({
    dataDir: null,
    functionsDir: path.join(__dirname, '../../test/conformance/functions'),
    config: { merchants: [{ subMchId: '1900000109', name: '店' }], templates: [TEMPLATE] },
  });
});
afterEach(() => cloud.close());

const send = (over: Record<string, unknown> = {}) => cloud.openapi.call('subscribeMessage.send', {
  touser: 'oBUYER', template_id: 'TPL_PAID', page: 'pages/order/index?id=1',
  data: { thing1: { value: '拿铁 大杯' }, amount2: { value: '¥23.50' }, time3: { value: '2025年1月15日 10:00' }, character_string4: { value: 'K2025-0001' } },
  ...over,
}, 'orders');

async function code(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 0;
  } catch (e) {
    if (e instanceof WxApiError) return e.errcode;
    throw e;
  }
}

describe('subscribeMessage.send', () => {
  test('one accepted subscription is one send: the second send is 43101', async () => {
    cloud.openapi.subscriptions.grant('oBUYER', 'TPL_PAID');
    expect(await send()).toEqual({ json: { msgid: expect.any(Number) } });
    expect(await code(send())).toBe(43101);
    expect(cloud.openapi.outbox.messages.map((m) => m.kind)).toEqual(['subscribeMessage']);
  });

  test('an unknown template is 40037, before anything else', async () => {
    expect(await code(send({ template_id: 'TPL_NOPE' }))).toBe(40037);
  });

  test.each([
    ['thing over 20 characters', { thing1: { value: '这是一段超过二十个字的商品名称用来测试长度限制' } }],
    ['an amount with letters', { amount2: { value: '23.50 RMB' } }],
    ['a time without a time', { time3: { value: '明天' } }],
    ['character_string with 汉字', { character_string4: { value: '订单1' } }],
    ['a missing key', { time3: undefined }],
  ])('bad data (%s) is 47003 and uses no subscription', async (_label, patch) => {
    cloud.openapi.subscriptions.grant('oBUYER', 'TPL_PAID');
    const base = { thing1: { value: '拿铁' }, amount2: { value: '23.5元' }, time3: { value: '10:00' }, character_string4: { value: 'K1' } };
    expect(await code(send({ data: { ...base, ...patch } }))).toBe(47003);
    expect(cloud.openapi.subscriptions.of('oBUYER')).toEqual({ TPL_PAID: 1 });
  });
});

describe('wxacode.getUnlimited', () => {
  test('a PNG of the requested width whose QR data is the page and the scene', async () => {
    const reply = await cloud.openapi.call('wxacode.getUnlimited', { scene: 'shop=s1&u=7', page: 'pages/shop/index', width: 300 });
    if (!('binary' in reply)) throw new Error('expected an image');
    const png = reply.binary;
    expect(reply.contentType).toBe('image/png');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([300, 300]);
    // Read the image back module by module: it is exactly the QR symbol of the page + scene text.
    const text = wxacodeText(cloud.config.appId, { page: 'pages/shop/index', scene: 'shop=s1&u=7', envVersion: 'release' });
    expect(new URL(text).searchParams.get('scene')).toBe('shop=s1&u=7');
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const modules = qr.modules.size + 4; // 2-module quiet zone each side
    const pixel = rgbaReader(png);
    const drawn = Array.from({ length: qr.modules.size }, (_, r) => Array.from({ length: qr.modules.size }, (_, c) => {
      const at = (i: number) => Math.floor(((i + 2 + 0.5) * 300) / modules);
      return pixel(at(c), at(r))[0] < 128;
    }));
    const expected = Array.from({ length: qr.modules.size }, (_, r) => Array.from({ length: qr.modules.size }, (_, c) => Boolean(qr.modules.get(r, c))));
    expect(drawn).toEqual(expected);
  });

  test('scene over 32 characters is 40169; a page with a leading slash is 41030; width is clamped', async () => {
    expect(await code(cloud.openapi.call('wxacode.getUnlimited', { scene: 'x'.repeat(33) }))).toBe(40169);
    expect(await code(cloud.openapi.call('wxacode.getUnlimited', { scene: 'a', page: '/pages/index' }))).toBe(41030);
    const big = await cloud.openapi.call('wxacode.getUnlimited', { scene: 'a', width: 5000 });
    expect('binary' in big && big.binary.readUInt32BE(16)).toBe(1280);
  });
});

describe('wxa.sec.order.uploadShippingInfo', () => {
  async function paidOrder(): Promise<string> {
    const r = await cloud.pay.call('unifiedOrder', {
      body: '咖啡豆', out_trade_no: 'SHIP1', spbill_create_ip: '127.0.0.1', sub_mch_id: '1900000109', total_fee: 8800,
      env_id: cloud.envId, function_name: 'nobody',
    }, { openid: 'oBUYER' });
    const trade = cloud.pay.book.byPrepayId(String(r.prepay_id))!;
    Object.assign(trade, { state: 'SUCCESS', transactionId: '4200000000202501150000000077', paidAt: cloud.now() });
    return trade.transactionId!;
  }
  const upload = (over: Record<string, unknown> = {}) => cloud.openapi.call('wxa.sec.order.uploadShippingInfo', {
    order_key: { order_number_type: 1, mchid: '1900000109', out_trade_no: 'SHIP1' },
    logistics_type: 1, delivery_mode: 1,
    shipping_list: [{ tracking_no: 'YT123', express_company: 'YTO', item_desc: '咖啡豆*1' }],
    upload_time: new Date(cloud.now()).toISOString(), payer: { openid: 'oBUYER' }, ...over,
  });

  test('an unknown or unpaid order is 10060001 支付单不存在', async () => {
    expect(await code(upload())).toBe(10060001);
  });

  test('a valid upload is recorded in the outbox, by out_trade_no or by transaction_id', async () => {
    const tx = await paidOrder();
    expect(await upload()).toEqual({ json: {} });
    expect(cloud.openapi.outbox.messages[0]).toMatchObject({ kind: 'shippingInfo', payload: { transaction_id: tx } });
    const later = new Date(cloud.now() + 60_000).toISOString();
    expect(await upload({ order_key: { order_number_type: 2, transaction_id: tx }, upload_time: later })).toEqual({ json: {} });
    expect(cloud.openapi.outbox.messages).toHaveLength(2);
  });

  test('validation: express needs a waybill, item_desc ≤ 120, RFC 3339 time, the payer of the order', async () => {
    await paidOrder();
    expect(await code(upload({ shipping_list: [{ item_desc: '咖啡豆' }] }))).toBe(10060014);
    expect(await code(upload({ shipping_list: [{ tracking_no: 'Y', express_company: 'YTO', item_desc: '豆'.repeat(121) }] }))).toBe(10060009);
    expect(await code(upload({ logistics_type: 9 }))).toBe(10060005);
    expect(await code(upload({ upload_time: '2025/01/15 10:00' }))).toBe(268485216);
    expect(await code(upload({ payer: { openid: 'oOTHER' } }))).toBe(10060014);
    expect(await code(upload({ delivery_mode: 1, shipping_list: [{ item_desc: 'a', tracking_no: '1', express_company: 'YTO' }, { item_desc: 'b', tracking_no: '2', express_company: 'YTO' }] }))).toBe(268485228);
    expect(await code(upload({ logistics_type: 3, shipping_list: [{ item_desc: '会员卡' }] }))).toBe(0);
  });

  test('one re-shipment per order: the third upload is 10060003', async () => {
    await paidOrder();
    const at = (s: number) => new Date(cloud.now() + s * 1000).toISOString();
    expect(await code(upload({ upload_time: at(1) }))).toBe(0);
    expect(await code(upload({ upload_time: at(2) }))).toBe(0);
    expect(await code(upload({ upload_time: at(3) }))).toBe(10060003);
  });
});

describe('wire and pages', () => {
  test('the request envelope decodes as the SDK encodes it (JSON values per key)', () => {
    const root = protobuf.Root.fromJSON({ nested: {
      KeyValuePair: { fields: { key: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } },
      OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
      CommApiData: { fields: { apiType: { type: 'int32', id: 1 }, openapiData: { type: 'OpenApiData', id: 2 }, appid: { type: 'string', id: 6 } } },
    } });
    const T = root.lookupType('CommApiData');
    const long = 'x'.repeat(300); // lengths ≥ 128 need multi-byte varints
    const bytes = T.encode(T.create({ apiType: 0, openapiData: { pairs: [
      { key: 'touser', value: Buffer.from(JSON.stringify('oBUYER')) },
      { key: 'data', value: Buffer.from(JSON.stringify({ thing1: { value: long } })) },
    ] } })).finish();
    expect(decodeRequest(Buffer.from(bytes)).params).toEqual({ touser: 'oBUYER', data: { thing1: { value: long } } });
  });

  test('error replies encode (platform code, or WeChat JSON)', () => {
    expect(encodePlatformError(-604101).length).toBeGreaterThan(0);
    expect(encodeWxError(40037, 'invalid template_id').toString('latin1')).toContain('"errcode":40037');
  });

  test('the outbox page escapes what functions sent', () => {
    const html = renderOutbox([{ kind: 'subscribeMessage', at: 0, functionName: 'orders', payload: { touser: '<b>x</b>', data: { thing1: { value: '<img src=x>' } } } }]);
    expect(html).not.toContain('<img src=x>');
    expect(html).toContain('&lt;img src=x&gt;');
  });
});

test('with a data dir, the outbox and unused subscriptions survive a restart', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-store-'));
  const make = () => new LocalCloud({ dataDir: dir, functionsDir: path.join(__dirname, '../../test/conformance/functions'), config: { templates: [TEMPLATE] } });
  try {
    const first = make();
    first.openapi.subscriptions.grant('oBUYER', 'TPL_PAID');
    first.openapi.subscriptions.grant('oBUYER', 'TPL_PAID');
    await first.openapi.call('wxacode.getUnlimited', { scene: 'a=1' });
    await first.close();
    const second = make();
    expect(second.openapi.outbox.messages.map((m) => m.kind)).toEqual(['wxacode']);
    expect(second.openapi.subscriptions.of('oBUYER')).toEqual({ TPL_PAID: 2 });
    await second.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
