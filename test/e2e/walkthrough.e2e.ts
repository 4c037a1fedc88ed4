// A walk through the H5 preview at phone size (390×844) as two buyers and the owner (docs/product.md
// §12 orders, §3 refunds, §5 customers): a paid pickup order shows where to pick up and how to reach the
// shop; a delivery order shows its address and the shop's delivery note; the status tabs can be tapped
// (the persona switcher covers nothing); a buyer asks for a refund and the owner, who sees two buyers
// under two different names, approves it. Every button and tab measured on the page is at least 44 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { PlaceResult } from '../../core/contracts/views';
import { ControlClient } from '../../localcloud/control/client';
import { PERSONAS } from '../../src/personas';
import { DEMO_SHOP } from '../../scripts/demo/catalogue';
import { screenshotter, startWorld, type World, phonePage, prepareH5 } from './harness';

let world: World;
let page: Page;
let shot: (name: string) => Promise<void>;
let client: ControlClient;
const started = Date.now();
const STEP_MS = 30_000;
const MIN_TAP_PX = 44;
const byTestId = (id: string) => `[data-testid="${id}"]`;
const openid = (key: string) => PERSONAS.find((p) => p.key === key)!.openid;
const orders: Record<string, string> = {};
const measured: string[] = [];

async function placeAndPay(buyer: string, payload: Record<string, unknown>): Promise<string> {
  const reply = await client.callFunction('confirmOrder', { action: 'place', payload: { requestId: `walk-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, ...payload } }, buyer);
  const result = (reply as { result: { ok: boolean; data: PlaceResult } }).result;
  assert.ok(result.ok, JSON.stringify(result));
  const prepay = result.data.payment!.package.replace('prepay_id=', '');
  await client.pay(prepay, 'pay', buyer);
  return result.data.orderId;
}

/** Every visible button, tab and toggle on the page: [label, height, width] of those under 44 px. */
async function smallTargets(selector = 'button, [data-testid^="orders-tab-"], .toggle, .tap, .persona__current'): Promise<string[]> {
  const rows = await page.$$eval(selector, (els) => els
    .filter((e) => (e as HTMLElement).offsetParent !== null)
    .map((e) => {
      const r = e.getBoundingClientRect();
      return { label: (e.textContent ?? '').trim().slice(0, 12), h: Math.round(r.height), w: Math.round(r.width) };
    }));
  measured.push(...rows.map((r) => `${r.label}:${r.h}`));
  return rows.filter((r) => r.h < MIN_TAP_PX || r.w < MIN_TAP_PX).map((r) => `${r.label} ${r.w}×${r.h}`);
}

/** The h5 persona switcher (on 订单, 我的, home and shop): the page reloads as that WeChat user. */
async function becomes(key: 'owner' | 'buyerA' | 'buyerB') {
  await page.goto(`${world.h5.url}/pages/orders/index`);
  await page.locator(byTestId('persona-switcher')).first().waitFor({ timeout: STEP_MS });
  await page.locator(byTestId('persona-switcher')).first().locator('.persona__current').click();
  await Promise.all([page.waitForEvent('load', { timeout: STEP_MS }).catch(() => undefined), page.locator(byTestId(`persona-${key}`)).click()]);
}

before(async () => {
  prepareH5();
  world = await startWorld();
  client = new ControlClient(world.cloud.url);
  const milk = world.demo.products['鲜牛奶 1L'];
  orders.pickup = await placeAndPay(openid('buyerA'), { shopId: world.demo.shopId, lines: [{ productId: milk, quantity: 2 }], deliveryMethod: 'pickup', paymentMethod: 'wechat' });
  orders.local = await placeAndPay(openid('buyerB'), {
    shopId: world.demo.shopId, lines: [{ productId: milk, quantity: 1 }], deliveryMethod: 'local', paymentMethod: 'wechat',
    address: { userName: '林小姐', telNumber: '13900001111', provinceName: '广东省', cityName: '广州市', countyName: '海珠区', detailInfo: '新港中路 397 号 2 栋', postalCode: '510000' },
  });
  page = await phonePage(world.browser);
  shot = screenshotter(page);
});

after(async () => {
  await world?.close();
  console.log(`# walk-through took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test('buyer, pickup: the paid order shows the pickup address, opening note and 联系商家, reads 待接单, and every target is ≥ 44 px', async () => {
  await page.goto(`${world.h5.url}/pages/order/index?id=${orders.pickup}`);
  await page.locator(byTestId('pickup-address')).waitFor({ timeout: STEP_MS });
  assert.equal(await page.locator(byTestId('pickup-address')).textContent(), DEMO_SHOP.pickupAddress);
  assert.equal(await page.locator(byTestId('pickup-note')).textContent(), '到店报手机尾号');
  assert.match((await page.locator(byTestId('contact-shop')).textContent()) ?? '', new RegExp(`联系商家 ${DEMO_SHOP.phone}`));
  await page.waitForFunction(() => document.querySelector('[data-testid="order-status-label"]')?.textContent === '待接单', undefined, { timeout: STEP_MS });
  assert.equal(await page.locator(byTestId('order-total-label')).textContent(), '实付');
  assert.deepEqual(await smallTargets(), []);
  await shot('walk-buyer-pickup-order');
});

test('buyer, after-sale: 申请退款 opens a sheet, the request is sent and the order shows it waiting for the owner', async () => {
  await page.locator(byTestId('request-aftersale')).click();
  await page.locator(byTestId('aftersale-sheet')).waitFor({ timeout: STEP_MS });
  await page.locator(`${byTestId('aftersale-reason')} textarea`).fill('少了一瓶');
  await shot('walk-buyer-aftersale-sheet');
  await page.locator(byTestId('aftersale-submit')).click();
  await page.locator(byTestId('aftersale-state')).waitFor({ timeout: STEP_MS });
  assert.match((await page.locator(byTestId('aftersale-state')).textContent()) ?? '', /退款申请 ¥\d+\.\d\d 处理中/);
});

test('buyer, orders: every status tab can be tapped past the persona switcher; an empty tab says which and offers a way back', async () => {
  await page.goto(`${world.h5.url}/pages/orders/index`);
  await page.locator(byTestId('order-item')).first().waitFor({ timeout: STEP_MS });
  for (const tab of ['completed', 'cancelled']) {
    await page.locator(byTestId(`orders-tab-${tab}`)).click({ trial: false, timeout: STEP_MS }); // fails if something covers it
    await page.locator(byTestId('state-empty')).waitFor({ timeout: STEP_MS });
  }
  assert.equal(await page.locator(`${byTestId('state-empty')} .page-state__text`).textContent(), '没有已取消的订单');
  assert.deepEqual(await smallTargets(), []);
  await shot('walk-buyer-orders-empty-tab');
});

test('buyer, delivery: the other buyer sees the address and the shop’s delivery note', async () => {
  await becomes('buyerB');
  await page.goto(`${world.h5.url}/pages/order/index?id=${orders.local}`);
  await page.locator(byTestId('delivery-note')).waitFor({ timeout: STEP_MS });
  assert.equal(await page.locator(byTestId('delivery-note')).textContent(), '3 公里内，30 分钟送达');
  assert.match((await page.locator(byTestId('handover')).textContent()) ?? '', /林小姐 13900001111/);
  assert.deepEqual(await smallTargets(), []);
  await shot('walk-buyer-delivery-order');
});

test('owner: two buyers read as two different names; the after-sale request is approved from the order', async () => {
  await becomes('owner');
  await page.goto(`${world.h5.url}/owner/pages/order/index?shopId=${world.demo.shopId}&orderId=${orders.local}`);
  await page.locator(byTestId('owner-order-buyer')).waitFor({ timeout: STEP_MS });
  const nameB = (await page.locator(byTestId('owner-order-buyer')).textContent()) ?? '';
  assert.equal(nameB, '林小姐');
  await page.goto(`${world.h5.url}/owner/pages/order/index?shopId=${world.demo.shopId}&orderId=${orders.pickup}`);
  await page.locator(byTestId('owner-aftersale')).waitFor({ timeout: STEP_MS });
  const nameA = (await page.locator(byTestId('owner-order-buyer')).textContent()) ?? '';
  assert.match(nameA, /^顾客 [2-9A-Z]{4}$/);
  assert.notEqual(nameA, nameB);
  assert.deepEqual(await smallTargets(), []);
  await shot('walk-owner-aftersale');
  // Scrolled to the middle, as a thumb would: the action bar is fixed at the bottom of the screen.
  await page.locator(byTestId('aftersale-approve')).evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.locator(byTestId('aftersale-approve')).click();
  // Taro's h5 showModal: the confirm button names the step (同意退款).
  const ok = page.locator('.taro-model__confirm:visible');
  await ok.waitFor({ timeout: STEP_MS });
  assert.equal(await ok.textContent(), '同意退款');
  await ok.click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="owner-aftersale"]'), undefined, { timeout: STEP_MS });
  await shot('walk-owner-aftersale-approved');
  console.log(`# buyer names seen by the owner: ${nameA} / ${nameB}`);
});

test('owner: the gift chooser lists each customer under their own name; toggles in settings are ≥ 44 px', async () => {
  await page.goto(`${world.h5.url}/owner/pages/members/index?shopId=${world.demo.shopId}`);
  await page.locator(byTestId('gift')).waitFor({ timeout: STEP_MS });
  await page.locator(byTestId('gift')).click();
  await page.locator(byTestId('gift-customer-name')).first().waitFor({ timeout: STEP_MS });
  const names = await page.locator(byTestId('gift-customer-name')).allTextContents();
  assert.ok(names.length >= 2, `customers: ${names.join(', ')}`);
  assert.equal(new Set(names).size, names.length, `distinct names: ${names.join(', ')}`);
  await shot('walk-owner-gift-customers');
  await page.goto(`${world.h5.url}/owner/pages/settings/index?shopId=${world.demo.shopId}`);
  await page.locator('.toggle').first().waitFor({ timeout: STEP_MS });
  assert.deepEqual(await smallTargets('.toggle, button'), []);
  await shot('walk-owner-settings');
  console.log(`# customers in the gift chooser: ${names.join(' / ')}; ${measured.length} targets measured, smallest ${Math.min(...measured.map((m) => Number(m.split(':').pop())))} px tall`);
});
