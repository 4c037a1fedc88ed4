// Browser check of the cashier: headless Debian chromium through playwright-core on a
// phone-sized screen. Screenshots the page, clicks 确认支付, and checks the order was paid, the notify
// delivered and the buyer sent back to the shop. Run: npx tsx localcloud/pay/cashier.browser.ts
// (needs /usr/bin/chromium and fonts-noto-cjk; writes docs/screenshots/cashier*.png).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startLocalCloud } from '../index';
import { ControlClient } from '../control/client';

const ROOT = path.resolve(__dirname, '../..');
const SHOTS = path.join(ROOT, 'docs/screenshots');

async function main(): Promise<void> {
  const cloud = await startLocalCloud({
    port: 0, dataDir: null, quiet: true,
    functionsDir: path.join(ROOT, 'test/conformance/functions'),
    config: {
      merchants: [{ subMchId: '1900000109', name: '街角咖啡 · 人民路店' }],
      templates: [{ id: 'TPL_PAID', title: '订单支付成功通知', keys: ['character_string1', 'amount2', 'thing3'] }],
    },
  });
  const control = new ControlClient(cloud.url);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const order = await cloud.pay.call('unifiedOrder', {
      body: '拿铁（大杯）× 2、可颂 × 1', out_trade_no: 'K20250115000123', spbill_create_ip: '127.0.0.1',
      sub_mch_id: '1900000109', total_fee: 6150, env_id: cloud.envId, function_name: 'paynotify',
    }, { openid: 'oBUYER' });
    const back = `${cloud.url}/control/clock?back=order`; // any page of ours stands in for the H5 order page
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await page.goto(`${cloud.url}/cashier?prepay=${String(order.prepay_id)}&redirect=${encodeURIComponent(back)}`);
    const amount = await page.locator('.amount').innerText();
    if (!amount.includes('61.50')) throw new Error(`amount shown: ${amount}`);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'cashier.png') });
    await Promise.all([page.waitForURL(/payResult=ok/), page.getByRole('button', { name: '确认支付' }).click()]);
    const trades = (await control.trades()).trades;
    const notifies = (await control.notifies({ outTradeNo: 'K20250115000123' })).deliveries;
    if (trades[0]?.state !== 'SUCCESS' || !notifies[0]?.acknowledged) throw new Error('the click did not pay');
    console.log(`cashier: showed ¥${amount.replace(/[^\d.]/g, '')}, click → ${page.url()}, trade ${String(trades[0].state)}, notify acknowledged`);
    await page.goto(`${cloud.url}/cashier?prepay=${String(order.prepay_id)}`);
    await page.screenshot({ path: path.join(SHOTS, 'cashier-paid.png') });
    // The outbox a person reads: a subscribe message and a shipping upload for this order.
    cloud.openapi.subscriptions.grant('oBUYER', 'TPL_PAID');
    await cloud.openapi.call('subscribeMessage.send', {
      touser: 'oBUYER', template_id: 'TPL_PAID', page: 'pages/order/index?id=K20250115000123',
      data: { character_string1: { value: 'K20250115000123' }, amount2: { value: '¥61.50' }, thing3: { value: '拿铁（大杯）× 2、可颂 × 1' } },
    }, 'orders');
    await cloud.openapi.call('wxa.sec.order.uploadShippingInfo', {
      order_key: { order_number_type: 1, mchid: '1900000109', out_trade_no: 'K20250115000123' }, logistics_type: 4, delivery_mode: 1,
      shipping_list: [{ item_desc: '拿铁（大杯）× 2、可颂 × 1' }], upload_time: new Date(cloud.now()).toISOString(), payer: { openid: 'oBUYER' },
    }, 'shopAdmin');
    await page.goto(`${cloud.url}/outbox`);
    await page.screenshot({ path: path.join(SHOTS, 'outbox.png') });
  } finally {
    await browser.close();
    await cloud.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
