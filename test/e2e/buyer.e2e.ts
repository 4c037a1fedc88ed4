// The buyer's path through the h5 build, in Debian's chromium, against the local cloud and the real
// functions: open the demo shop link, add two products, check out, pay in the
// cashier, see the order paid after the notify; then buy a membership and see the member price.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ControlClient } from '../../localcloud/control/client';
import { type World, phoneWorld } from './harness';

let world: World;
let page: Page;
let shot: (name: string) => Promise<void>;
const started = Date.now();

const byTestId = (id: string) => `[data-testid="${id}"]`;
const STEP_MS = 30_000;

async function statusLabel(): Promise<string> {
  return (await page.locator(byTestId('order-status-label')).textContent({ timeout: STEP_MS })) ?? '';
}

/** Waits until the order page shows a status past unpaid (the server's word, after the notify). */
async function waitForPaidStatus(): Promise<string> {
  await page.waitForFunction(
    () => {
      const label = document.querySelector('[data-testid="order-status-label"]')?.textContent ?? '';
      return label !== '' && !['待付款', '支付确认中'].includes(label);
    },
    undefined,
    { timeout: 60_000 },
  );
  return statusLabel();
}

async function payAtCashier(name: string): Promise<string> {
  await page.waitForURL(/\/cashier\?prepay=/, { timeout: STEP_MS });
  await page.locator('button[value="pay"]').waitFor({ timeout: STEP_MS });
  await shot(name);
  await page.locator('button[value="pay"]').click();
  await page.waitForURL(/\/pages\/order\/index\?id=/, { timeout: STEP_MS });
  return new URL(page.url()).searchParams.get('id') ?? '';
}

before(async () => {
  ({ world, page, shot } = await phoneWorld());
});

after(async () => {
  await world?.close();
  console.log(`# e2e took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test('a buyer opens the shop link, adds two products, checks out, pays at the cashier and sees the order paid after the notify', async () => {
  const { demo, h5, cloud } = world;
  await page.goto(`${h5.url}/pages/shop/index?id=${demo.shopId}`);
  await page.locator(byTestId('shop-name')).waitFor({ timeout: STEP_MS });
  assert.equal(await page.locator(byTestId('shop-name')).textContent(), '街角小卖部');
  await page.locator('img').first().waitFor({ timeout: STEP_MS });
  await shot('shop');

  const card = (name: string) => page.locator(byTestId('product-card'), { hasText: name });
  await card('鲜牛奶 1L').locator(byTestId('add-to-cart')).click();
  await card('香蕉（一把）').locator(byTestId('add-to-cart')).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="cart-count"]')?.textContent === '2', undefined, { timeout: STEP_MS });
  assert.equal(await page.locator(byTestId('cart-total')).textContent(), '¥18.70');
  await shot('two-products-in-cart');

  await page.locator(byTestId('cart-bar')).getByText('去结算').click();
  await page.locator(byTestId('quote-total')).waitFor({ timeout: STEP_MS });
  assert.equal(await page.locator(byTestId('quote-total')).textContent(), '¥18.70');
  assert.equal(await page.locator(byTestId('cart-line')).count(), 2);
  await shot('cart-with-server-quote');

  await page.locator(byTestId('go-checkout')).click();
  await page.locator(byTestId('checkout-total')).waitFor({ timeout: STEP_MS });
  assert.equal(await page.locator(byTestId('checkout-total')).textContent(), '¥18.70');
  await shot('checkout');
  await page.locator(byTestId('place-order')).click();

  const orderId = await payAtCashier('cashier');
  assert.match(orderId, /^O/);
  const label = await waitForPaidStatus();
  assert.equal(label, '待接单');
  assert.equal(await page.locator(byTestId('order-total')).textContent(), '¥18.70');
  await shot('order-paid');

  // The order became paid because WeChat Pay's notify reached payNotify and was acknowledged.
  const { deliveries } = await new ControlClient(cloud.url).notifies({ outTradeNo: orderId });
  assert.ok(deliveries.some((d) => d.kind === 'pay' && d.acknowledged), 'the pay notify was delivered and acknowledged');
});

test('then the buyer buys a 30-day membership and sees member prices and members-only goods unlocked', async () => {
  await page.locator(byTestId('order-shop')).click();
  await page.locator(byTestId('join-banner')).waitFor({ timeout: STEP_MS });
  await page.locator(byTestId('join-banner')).click();
  await page.locator(byTestId('plan')).first().waitFor({ timeout: STEP_MS });
  await shot('membership-plans');
  await page.locator(byTestId('plan'), { hasText: '月卡会员' }).locator(byTestId('buy-plan')).click();
  await page.locator(byTestId('checkout-total')).waitFor({ timeout: STEP_MS });
  assert.equal(await page.locator(byTestId('checkout-total')).textContent(), '¥19.90');
  await shot('membership-checkout');
  await page.locator(byTestId('place-order')).click();

  await payAtCashier('membership-cashier');
  const label = await waitForPaidStatus();
  assert.notEqual(label, '已取消');
  await shot('membership-order-paid');

  // Back to the shop inside the app: no restart, yet the member price and the members-only tea apply.
  await page.locator(byTestId('order-shop')).click();
  await page.locator(byTestId('member-badge')).waitFor({ timeout: STEP_MS });
  assert.match((await page.locator(byTestId('member-badge')).textContent()) ?? '', /^会员 vip · \d{4}-\d{2}-\d{2} 到期$/);
  const milk = page.locator(byTestId('product-card'), { hasText: '鲜牛奶 1L' });
  assert.match((await milk.textContent()) ?? '', /¥11\.50.*¥12\.80/);
  const tea = page.locator(byTestId('product-card'), { hasText: '会员专享珍珠奶茶' });
  assert.equal(await tea.locator(byTestId('add-to-cart')).count(), 1, 'the members-only product can be added now');
  await shot('member-prices');
});

test('a bought file can be downloaded from the paid order, and the downloads left count down', async () => {
  const { demo, h5 } = world;
  const recipes = demo.products['《小店家常菜谱》电子书'];
  await page.goto(`${h5.url}/pages/checkout/index?shopId=${demo.shopId}&buy=${recipes}`);
  await page.locator(byTestId('place-order')).click();
  await payAtCashier('digital-cashier');
  await waitForPaidStatus();
  await page.locator(byTestId('downloads')).waitFor({ timeout: STEP_MS });
  assert.match((await page.locator(byTestId('downloads')).textContent()) ?? '', /小店家常菜谱\.pdf.*剩余 3 次/);
  const [download] = await Promise.all([
    page.context().waitForEvent('page', { timeout: STEP_MS }),
    page.locator(byTestId('downloads')).getByText('下载').click(),
  ]);
  assert.match(download.url(), /\/storage\//);
  await download.close();
  await page.waitForFunction(() => /剩余 2 次/.test(document.querySelector('[data-testid="downloads"]')?.textContent ?? ''), undefined, { timeout: STEP_MS });
  await shot('digital-download');
});
