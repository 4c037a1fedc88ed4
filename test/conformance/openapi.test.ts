// Conformance: the open API (云调用, docs/wechat-contracts.md §1.7, §7.10, §7.16) through the real
// wx-server-sdk: the protobuf wire, config.json permissions, subscribe messages, the mini-program code
// and the shipping-info upload, all landing in the outbox.
import zlib from 'node:zlib';
import QRCode from 'qrcode';
import { failure, localOnly, startTarget, value, type Target } from './target';
import { wxacodeText } from '../../localcloud/openapi/wxacode';

const TEMPLATE = { id: 'TPL_ORDER_PAID', title: '订单支付成功通知', keys: ['character_string1', 'thing2', 'amount3', 'time4'] };
const BUYER = 'oBUYER_API';
const MCH = '1900000109';
let t: Target;
beforeAll(async () => {
  t = await startTarget({ config: { templates: [TEMPLATE] } });
});
afterAll(() => t.close());
beforeEach(() => t.control.reset());

type Reply = Record<string, unknown>;
const sendCode = `return await cloud.openapi.subscribeMessage.send(event.msg)`;
const message = (over: Reply = {}) => ({
  touser: BUYER, templateId: TEMPLATE.id, page: 'pages/order/index?id=K1', miniprogramState: 'developer', lang: 'zh_CN',
  data: { character_string1: { value: 'K20250115001' }, thing2: { value: '拿铁 大杯' }, amount3: { value: '¥23.50' }, time4: { value: '2025年1月15日 10:00' } },
  ...over,
});

describe('§1.7 permissions', () => {
  test('§1.7 §7.10 a function without the API in config.json permissions gets -604101', async () => {
    await t.control.subscribe(BUYER, [TEMPLATE.id]);
    const e = failure(await t.run(sendCode, { fn: 'noperm', event: { msg: message() } }));
    expect(e.errCode).toBe(-604101);
    // The local cloud names the missing config.json key in errMsg (WeChat's text ends differently).
    expect(e.message).toMatch(/^errCode: -604101 function has no permission to call this API \| errMsg: /);
    expect(e.errMsg).toContain('add "subscribeMessage.send" to "permissions": { "openapi": [...] } in cloudfunctions/noperm/config.json');
    expect((await t.control.outbox()).messages).toHaveLength(0);
  });
});

describe('§1.7 subscribeMessage.send', () => {
  test('§1.7 with an accepted subscription the send succeeds and lands in the outbox', async () => {
    await t.control.subscribe(BUYER, [TEMPLATE.id]);
    const r = value(await t.run<Reply>(sendCode, { event: { msg: message() } }));
    expect(r).toEqual({ msgid: expect.any(Number), errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    const [m] = (await t.control.outbox()).messages;
    expect(m).toMatchObject({ kind: 'subscribeMessage', functionName: 'probe', payload: { touser: BUYER, template_id: TEMPLATE.id, page: 'pages/order/index?id=K1' } });
    const page = await (await fetch(`${t.url}/outbox`)).text();
    expect(page).toContain('订单支付成功通知');
    expect(page).toContain('拿铁 大杯');
  });

  test('§1.7 43101 without a subscription; each accept grants exactly one send', async () => {
    const none = failure(await t.run(sendCode, { event: { msg: message() } }));
    expect(none.errCode).toBe(43101);
    expect(none.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail user refuse to accept the msg rid: /);
    await t.control.subscribe(BUYER, [TEMPLATE.id]);
    value(await t.run(sendCode, { event: { msg: message() } }));
    expect(failure(await t.run(sendCode, { event: { msg: message() } })).errCode).toBe(43101);
  });

  test('§1.7 40037 for a template the mini-program does not have', async () => {
    const e = failure(await t.run(sendCode, { event: { msg: message({ templateId: 'TPL_UNKNOWN' }) } }));
    expect(e.errCode).toBe(40037);
    expect(e.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail invalid template_id rid: /);
  });

  test('§1.7 47003 for data outside the template rules (thing over 20 chars), and no quota is used', async () => {
    await t.control.subscribe(BUYER, [TEMPLATE.id]);
    const bad = message({ data: { ...message().data, thing2: { value: '一二三四五六七八九十一二三四五六七八九十一' } } });
    expect(failure(await t.run(sendCode, { event: { msg: bad } })).errCode).toBe(47003);
    expect(value(await t.run<Reply>(sendCode, { event: { msg: message() } })).errCode).toBe(0);
  });
});

describe('§1.7 wxacode.getUnlimited', () => {
  test('§1.7 a real PNG (contentType + buffer) whose QR modules encode the page and the scene', async () => {
    const r = value(await t.run<Reply>(`
      const r = await cloud.openapi.wxacode.getUnlimited({ scene: 'shop=s1&i=42', page: 'pages/shop/index', width: 430, checkPath: false })
      return { contentType: r.contentType, isBuffer: Buffer.isBuffer(r.buffer), base64: r.buffer.toString('base64'), errMsg: r.errMsg }`));
    expect(r).toMatchObject({ contentType: 'image/png', isBuffer: true, errMsg: 'openapi.wxacode.getUnlimited:ok' });
    const png = Buffer.from(String(r.base64), 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([430, 430]);
    // Decode: sample the centre of every module and compare with the QR symbol of page + scene.
    const qr = QRCode.create(wxacodeText(t.appId, { page: 'pages/shop/index', scene: 'shop=s1&i=42', envVersion: 'release' }), { errorCorrectionLevel: 'M' });
    const raw = zlib.inflateSync(idat(png));
    const n = qr.modules.size;
    const centre = (i: number) => Math.floor(((i + 2.5) * 430) / (n + 4));
    const dark = (r0: number, c0: number) => raw[centre(r0) * (1 + 430 * 4) + 1 + centre(c0) * 4] < 128;
    let mismatches = 0;
    for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) if (dark(row, col) !== Boolean(qr.modules.get(row, col))) mismatches++;
    expect(mismatches).toBe(0);
  });

  test('§1.7 a scene over 32 characters is refused with 40169', async () => {
    const e = failure(await t.run(`return await cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33) })`));
    expect(e.errCode).toBe(40169);
  });
});

describe('§7.16 shipping info upload (wxa.sec.order.uploadShippingInfo)', () => {
  const upload = (info: Reply) => t.run(`return await cloud.openapi.wxa.sec.order.uploadShippingInfo(event.info)`, { event: { info } });
  const info = (outTradeNo: string, over: Reply = {}) => ({
    orderKey: { orderNumberType: 1, mchid: MCH, outTradeNo },
    logisticsType: 1, deliveryMode: 1,
    shippingList: [{ trackingNo: 'YT7788', expressCompany: 'YTO', itemDesc: '拿铁咖啡豆*1' }],
    uploadTime: new Date().toISOString(), payer: { openid: BUYER }, ...over,
  });

  async function paidOrder(outTradeNo: string): Promise<void> {
    await t.control.registerMerchant(MCH, '街角咖啡');
    const r = value(await t.run<Reply>(`return await cloud.cloudPay.unifiedOrder(event.p)`, { openid: BUYER, event: { p: {
      body: '咖啡豆', outTradeNo, spbillCreateIp: '127.0.0.1', subMchId: MCH, totalFee: 8800, envId: t.envId, functionName: 'paynotify',
    } } }));
    await t.control.pay(String(r.prepayId));
  }

  test('§7.16 an order that was never paid is 10060001 支付单不存在', async () => {
    const e = failure(await upload(info('S-NONE')));
    expect(e.errCode).toBe(10060001);
    expect(e.errMsg).toMatch(/支付单不存在/);
  });

  test('§7.16 a paid order ships: {errCode: 0} and the upload is in the outbox', async () => {
    await paidOrder('S-PAID');
    expect(value(await upload(info('S-PAID')))).toEqual({ errCode: 0, errMsg: 'openapi.wxa.sec.order.uploadShippingInfo:ok' });
    const [m] = (await t.control.outbox()).messages;
    expect(m).toMatchObject({ kind: 'shippingInfo', payload: { order_key: { out_trade_no: 'S-PAID' }, logistics_type: 1 } });
  });

  test('§7.16 express delivery without a tracking number is refused (10060014) and not recorded', async () => {
    await paidOrder('S-BAD');
    const e = failure(await upload(info('S-BAD', { shippingList: [{ itemDesc: '拿铁咖啡豆*1' }] })));
    expect(e.errCode).toBe(10060014);
    expect((await t.control.outbox()).messages).toHaveLength(0);
  });
});

/** The concatenated IDAT data of a PNG. */
function idat(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let pos = 8; pos < png.length;) {
    const len = png.readUInt32BE(pos);
    if (png.toString('ascii', pos + 4, pos + 8) === 'IDAT') parts.push(png.subarray(pos + 8, pos + 8 + len));
    pos += 12 + len;
  }
  return Buffer.concat(parts);
}

describe('§1.7 wxacode.get and wxacode.createQRCode (the DevTools template calls wxacode.get)', () => {
  const pathCode = (api: 'get' | 'createQRCode', args: Reply) => t.run<Reply>(`
    const r = await cloud.openapi.wxacode.${api}(event.args)
    return { contentType: r.contentType, base64: r.buffer.toString('base64'), errMsg: r.errMsg }`, { event: { args } });

  test('§1.7 both return a real PNG of the asked width whose QR names the path', async () => {
    for (const [api, width] of [['get', 280], ['createQRCode', 430]] as const) {
      const r = value(await pathCode(api, { path: 'pages/index/index?from=poster', width }));
      expect(r).toMatchObject({ contentType: 'image/png', errMsg: `openapi.wxacode.${api}:ok` });
      const png = Buffer.from(String(r.base64), 'base64');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(width);
    }
    expect((await t.control.outbox()).messages.map((m) => m.payload.api)).toEqual(['wxacode.get', 'wxacode.createQRCode']);
  });

  test('§1.7 a missing or over-long path is 40159 (get: 1024 chars, createQRCode: 128 bytes)', async () => {
    expect(failure(await pathCode('get', {})).errCode).toBe(40159);
    expect(failure(await pathCode('get', { path: `p/${'x'.repeat(1023)}` })).errCode).toBe(40159);
    expect(value(await pathCode('get', { path: `p/${'x'.repeat(1000)}` })).contentType).toBe('image/png');
    const e = failure(await pathCode('createQRCode', { path: `pages/${'页'.repeat(41)}` }));
    expect(e).toMatchObject({ errCode: 40159, errMsg: expect.stringMatching(/^openapi\.wxacode\.createQRCode:fail invalid length for path/) });
  });

  localOnly('§1.7 the 100,000 codes of get + createQRCode are shared; past them: 45029', async () => {
    await t.control.setPathCodesIssued(99_999);
    value(await pathCode('createQRCode', { path: 'pages/index/index' }));
    expect(failure(await pathCode('get', { path: 'pages/index/index' })).errCode).toBe(45029);
  });
});
