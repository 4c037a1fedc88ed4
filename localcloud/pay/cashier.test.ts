// The cashier page over HTTP, against a running local cloud with the real conformance notify function:
// what a buyer sees, and what the buttons post.
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { LocalCloud, startLocalCloud } from '../index';
import { ControlClient } from '../control/client';

const FUNCTIONS = path.join(__dirname, '../../test/conformance/functions');
let cloud: LocalCloud;
let control: ControlClient;

beforeAll(async () => {
  cloud = await startLocalCloud({ port: 0, dataDir: null, functionsDir: FUNCTIONS, quiet: true, config: { merchants: [{ subMchId: '1900000109', name: '街角咖啡' }] } });
  control = new ControlClient(cloud.url);
});
afterAll(() => cloud.close());
beforeEach(() => control.reset());

async function order(over: Record<string, unknown> = {}): Promise<string> {
  const r = await cloud.pay.call('unifiedOrder', {
    body: '拿铁 大杯', out_trade_no: 'C1', spbill_create_ip: '127.0.0.1', sub_mch_id: '1900000109', total_fee: 2350,
    env_id: cloud.envId, function_name: 'paynotify', ...over,
  }, { openid: 'oBUYER' });
  return String(r.prepay_id);
}

test('the page shows the merchant, the description, ¥23.50 and the three buttons', async () => {
  const prepay = await order();
  const res = await fetch(`${cloud.url}/cashier?prepay=${prepay}`);
  const html = await res.text();
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(html).toContain('街角咖啡');
  expect(html).toContain('拿铁 大杯');
  expect(html).toContain('<small>¥</small>23.50');
  for (const label of ['确认支付', '取消', '模拟失败']) expect(html).toContain(`>${label}</button>`);
  expect(html).toContain('width=device-width');
});

test('确认支付 pays, notifies the function and goes back to the redirect with payResult=ok', async () => {
  const prepay = await order();
  const redirect = 'http://127.0.0.1:10086/pages/order/index?id=C1';
  const res = await fetch(`${cloud.url}/cashier/action`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prepay, action: 'pay', redirect }).toString(),
  });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(`${redirect}&payResult=ok`);
  const trade = (await control.trades()).trades[0];
  expect(trade).toMatchObject({ outTradeNo: 'C1', state: 'SUCCESS' });
  const { deliveries } = await control.notifies({ outTradeNo: 'C1' });
  expect(deliveries).toHaveLength(1);
  expect(deliveries[0]).toMatchObject({ acknowledged: true, returned: { seen: { SOURCE: 'wx_paycallback', OPENID: 'oBUYER' } } });
});

test('取消 leaves the order unpaid; 模拟失败 makes it PAYERROR; neither notifies', async () => {
  const prepay = await order();
  const post = (action: string) => fetch(`${cloud.url}/cashier/action`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `prepay=${prepay}&action=${action}`,
  });
  expect((await post('cancel')).status).toBe(200);
  expect((await control.trades()).trades[0].state).toBe('NOTPAY');
  expect(await (await post('fail')).text()).toContain('支付失败');
  expect((await control.trades()).trades[0].state).toBe('PAYERROR');
  expect((await control.notifies()).deliveries).toHaveLength(0);
});

test('a paid order shows its state and no pay button; paying twice is refused', async () => {
  const prepay = await order();
  await control.pay(prepay);
  const html = await (await fetch(`${cloud.url}/cashier?prepay=${prepay}`)).text();
  expect(html).toContain('支付成功');
  expect(html).not.toContain('确认支付');
  await expect(control.pay(prepay)).rejects.toThrow(/409.*该订单已支付/);
});

test('nothing user-provided is injected raw, and only http(s) redirects are followed', async () => {
  const prepay = await order({ body: '<script>alert(1)</script>"' });
  const html = await (await fetch(`${cloud.url}/cashier?prepay=${prepay}&redirect=javascript:alert(1)`)).text();
  expect(html).not.toContain('<script>alert(1)');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
  expect(html).not.toContain('javascript:alert');
});

test('an unknown prepay id is a 404 page, and a different buyer may not pay', async () => {
  expect((await fetch(`${cloud.url}/cashier?prepay=wx000`)).status).toBe(404);
  const prepay = await order();
  await expect(control.pay(prepay, 'pay', 'oSOMEONE_ELSE')).rejects.toThrow(/403.*下单账号与支付账号不一致/);
});

test('with a data dir, trades and registered merchants survive a restart', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paystore-'));
  try {
    const first = new LocalCloud({ dataDir: dir, functionsDir: FUNCTIONS, config: { merchants: [{ subMchId: '1900000109', name: '街角咖啡' }] } });
    const r = await first.pay.call('unifiedOrder', {
      body: '拿铁', out_trade_no: 'D1', spbill_create_ip: '127.0.0.1', sub_mch_id: '1900000109', total_fee: 100,
      env_id: first.envId, function_name: 'paynotify',
    }, { openid: 'oBUYER' });
    first.pay.registerMerchant({ subMchId: '1900000200', name: '新店' });
    await first.close();
    const second = new LocalCloud({ dataDir: dir, functionsDir: FUNCTIONS });
    expect(second.pay.book.byPrepayId(String(r.prepay_id))?.outTradeNo).toBe('D1');
    expect(second.pay.merchant('1900000200')?.name).toBe('新店');
    await second.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
