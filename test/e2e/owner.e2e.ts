// The owner's path through the h5 build, from an EMPTY local cloud: the owner opens
// a shop, adds a product with a photo and copies the share link (time from the home page measured); buyer A
// (persona switch) opens the link, orders two products and pays at the cashier; the owner finds the order
// in the inbox, marks one line sold out (the partial refund shown before confirming), accepts it and marks
// it ready; the buyer sees the status and the refund; the dashboard shows the revenue and the chart.
// Shares the h5 build with buyer.e2e.ts (harness.ensureH5Build rebuilds only when sources changed).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalCloud, type LocalCloud } from '../../localcloud';
import { ControlClient } from '../../localcloud/control/client';
import { buildFunctions, CHROMIUM_ARGS, root, serveH5, phonePage, switchPersona, prepareH5 } from './harness';

const STEP_MS = 30_000;
/** The merchant number the owner types in settings; WeChat Pay (the sandbox) knows it. */
const MERCHANT = '1900000222';
const photos = path.join(root, 'scripts/demo/photos');

let cloud: LocalCloud;
let h5: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
const started = Date.now();
const state = { link: '', orderId: '', shopId: '' };

/** The visible element with this test id (h5 keeps earlier pages of the stack in the DOM, hidden). */
const tid = (id: string) => page.locator(`[data-testid="${id}"]:visible`);
const text = async (id: string) => ((await tid(id).first().textContent({ timeout: STEP_MS })) ?? '').trim();

let shots = 0;
/** test-artifacts/e2e/owner-NN-name.png always; docs/screenshots/ too with E2E_UPDATE_DOCS=1. */
async function shot(name: string): Promise<void> {
  shots += 1;
  const file = `owner-${String(shots).padStart(2, '0')}-${name}.png`;
  const png = await page.screenshot({ type: 'png' });
  const dirs = [path.join(root, 'test-artifacts/e2e'), ...(process.env.E2E_UPDATE_DOCS === '1' ? [path.join(root, 'docs/screenshots')] : [])];
  for (const d of dirs) {
    fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(d, file), png);
  }
}

async function fill(id: string, value: string): Promise<void> {
  await tid(id).locator('input, textarea').first().fill(value, { timeout: STEP_MS });
}

async function choosePicture(id: string, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: STEP_MS }), tid(id).first().click()]);
  await chooser.setFiles(path.join(photos, file));
}

/** Taro's h5 showModal: read what it asks, then confirm. */
async function confirmModal(): Promise<string> {
  const ok = page.locator('.taro-model__confirm:visible');
  await ok.waitFor({ timeout: STEP_MS });
  const asked = (await page.locator('.taro-modal__text:visible').textContent()) ?? '';
  await ok.click();
  await ok.waitFor({ state: 'hidden', timeout: STEP_MS });
  return asked;
}

/** The h5 persona switcher (home, shop and 我的 pages): the page reloads as that WeChat user. */
async function becomePersona(key: 'owner' | 'buyerA'): Promise<void> {
  await switchPersona(page, key, STEP_MS);
}

async function asOwnerOnDashboard(): Promise<void> {
  await page.goto(`${h5.url}/pages/home/index`);
  await becomePersona('owner');
  await tid('my-shop').first().click();
  await tid('dashboard-shop-name').waitFor({ timeout: STEP_MS });
}

before(async () => {
  prepareH5();
  buildFunctions();
  cloud = await startLocalCloud({
    port: 0,
    dataDir: null,
    functionsDir: path.join(root, 'cloudfunctions'),
    collectionsFile: path.join(root, 'database/collections.json'),
    quiet: true,
  });
  await new ControlClient(cloud.url).registerMerchant(MERCHANT, '阿婆烘焙（演示商户）');
  h5 = await serveH5(cloud.url);
  cloud.allowOrigin(new URL(h5.url).origin); // the local cloud answers only the H5 preview's own origin
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await phonePage(browser);
});

after(async () => {
  await browser?.close();
  await h5?.close();
  await cloud?.close();
  console.log(`# owner e2e took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test('from an empty cloud the owner opens a shop, adds a product with a photo and copies the share link in under a minute', async () => {
  await page.goto(`${h5.url}/pages/home/index`);
  await becomePersona('owner');
  await tid('open-shop').waitFor({ timeout: STEP_MS });
  assert.equal(await tid('my-shop').count(), 0, 'an empty cloud: no shop yet');
  const t0 = Date.now();
  await shot('home');

  await tid('open-shop').click();
  await choosePicture('choose-logo', 'logo.jpg');
  await page.waitForFunction(() => document.querySelector('[data-testid="logo-state"]')?.textContent === '更换', undefined, { timeout: STEP_MS });
  await fill('shop-name-input', '阿婆烘焙');
  await fill('shop-phone-input', '13912345678');
  await fill('shop-description-input', '每天现烤的面包和点心，楼下自提');
  await shot('open-shop');
  await tid('open-shop-submit').click();
  await tid('dashboard-shop-name').waitFor({ timeout: STEP_MS });
  assert.equal(await text('dashboard-shop-name'), '阿婆烘焙');
  state.shopId = new URL(page.url()).searchParams.get('shopId') ?? '';
  await tid('first-steps').waitFor({ timeout: STEP_MS });
  await shot('dashboard-first-steps');

  await tid('step-product').click();
  await tid('product-name').waitFor({ timeout: STEP_MS });
  await choosePicture('add-photo', 'bread.jpg');
  await tid('photo').first().locator('img').waitFor({ timeout: STEP_MS });
  await fill('product-name', '手工全麦面包');
  await fill('product-price', '12.5');
  // The editor shows what the buyer will pay, to the fen.
  await page.getByText('顾客将支付 ¥12.50').first().waitFor({ timeout: STEP_MS });
  await fill('product-stock', '20');
  await shot('product-editor');
  await tid('save-product').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="step-product"]')?.className.includes('dashboard__step--done'), undefined, { timeout: STEP_MS });

  await tid('step-share').click();
  await tid('copy-link').click();
  state.link = await text('share-link');
  const ms = Date.now() - t0;
  console.log(`# time from the home page to a copied share link: ${(ms / 1000).toFixed(1)} s`);
  assert.match(state.link, new RegExp(`/pages/shop/index\\?id=${state.shopId}$`));
  assert.ok(ms < 60_000, `home → shared link took ${ms} ms`);
  await tid('poster-image').waitFor({ timeout: STEP_MS });
  await page.getByText('链接已复制').waitFor({ state: 'hidden', timeout: STEP_MS });
  await shot('share-link-and-poster');
  // The poster (name, logo, the wxacode.getUnlimited code) downloads as a PNG in h5.
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: STEP_MS }), tid('save-poster').click()]);
  assert.equal(download.suggestedFilename(), '阿婆烘焙-海报.png');
  const png = fs.readFileSync(await download.path());
  assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
});

test('the owner sets the merchant number and adds a second product', async () => {
  await page.goBack();
  await tid('step-pay').click();
  await fill('sub-mch-id', MERCHANT);
  await fill('pickup-address', '幸福路 8 号一楼');
  await tid('save-settings').click();
  await page.getByText('已保存').first().waitFor({ timeout: STEP_MS });
  await page.getByText('已保存').first().waitFor({ state: 'hidden', timeout: STEP_MS });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('settings');

  await page.goBack();
  await tid('menu-products').click();
  await tid('add-product').click();
  await fill('product-name', '肉松小贝');
  await fill('product-price', '8.805');
  await fill('product-stock', '10');
  await tid('save-product').click();
  await tid('product-price-error').waitFor({ timeout: STEP_MS });
  assert.match(await text('product-price-error'), /最多两位小数/);
  await fill('product-price', '8.80');
  await tid('save-product').click();
  // Saved, the editor goes back to the list, which reloads with both products.
  await tid('owner-product').nth(1).waitFor({ timeout: STEP_MS });
  assert.deepEqual((await tid('owner-product-name').allTextContents()).sort(), ['手工全麦面包', '肉松小贝'].sort());
  await shot('products');
});

test('buyer A opens the shared link, orders both products and pays at the cashier', async () => {
  await page.goto(state.link);
  await tid('shop-name').waitFor({ timeout: STEP_MS });
  await becomePersona('buyerA');
  await tid('product-card').nth(1).waitFor({ timeout: STEP_MS });
  for (const name of ['手工全麦面包', '肉松小贝']) {
    await page.locator('[data-testid="product-card"]:visible', { hasText: name }).locator('[data-testid="add-to-cart"]').click();
  }
  await page.waitForFunction(() => document.querySelector('[data-testid="cart-count"]')?.textContent === '2', undefined, { timeout: STEP_MS });
  await shot('buyer-shop');
  await tid('cart-bar').getByText('去结算').click();
  await tid('go-checkout').click();
  await tid('checkout-total').waitFor({ timeout: STEP_MS });
  assert.equal(await text('checkout-total'), '¥21.30');
  await tid('place-order').click();
  await page.waitForURL(/\/cashier\?prepay=/, { timeout: STEP_MS });
  await page.locator('button[value="pay"]').click();
  await page.waitForURL(/\/pages\/order\/index\?id=/, { timeout: STEP_MS });
  state.orderId = new URL(page.url()).searchParams.get('id') ?? '';
  await page.waitForFunction(() => document.querySelector('[data-testid="order-status-label"]')?.textContent === '待接单', undefined, { timeout: 60_000 });
  await shot('buyer-paid');
});

test('the owner sees the order, marks one line sold out (refund shown first), accepts and marks it ready', async () => {
  await asOwnerOnDashboard();
  assert.equal(await text('waiting'), '1');
  await tid('menu-orders').click();
  await tid('inbox-order').first().waitFor({ timeout: STEP_MS });
  assert.equal(await text('inbox-status'), '待接单');
  await shot('inbox');
  await tid('inbox-order').first().click();
  await tid('owner-order-status').waitFor({ timeout: STEP_MS });
  assert.equal(await text('owner-order-status'), '待接单');

  await tid('action-markSoldOut').click();
  await page.locator('[data-testid="sold-out-line"]:visible', { hasText: '肉松小贝' }).click();
  assert.equal(await text('sold-out-preview'), '将退款 ¥8.80');
  await shot('sold-out-preview');
  await tid('sheet-confirm').click();
  assert.match(await confirmModal(), /“肉松小贝”.*退款 ¥8\.80/);
  await page.locator('[data-testid="owner-order-line"]:visible', { hasText: '缺货已退' }).waitFor({ timeout: STEP_MS });

  await tid('action-accept').click();
  // An accepted pickup order is being got ready (备货中), not 待发货.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="owner-order-status"]')].some((e) => e.textContent === '备货中'), undefined, { timeout: STEP_MS });
  await tid('action-fulfil').click();
  await tid('fulfil-ready_for_pickup').waitFor({ timeout: STEP_MS });
  await tid('sheet-confirm').click();
  await confirmModal();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="owner-order-status"]')].some((e) => e.textContent === '待自提'), undefined, { timeout: STEP_MS });
  await page.getByText('已更新').first().waitFor({ state: 'hidden', timeout: STEP_MS });
  await shot('order-ready-with-timeline');
});

test('buyer A sees the order ready for pickup and the partial refund; owner pages refuse them', async () => {
  await page.goto(`${h5.url}/pages/home/index`);
  await becomePersona('buyerA');
  // The refund settles at WeChat Pay a few seconds after it starts; the page shows what the server says.
  let refunded = '';
  for (let i = 0; i < 20 && !refunded.includes('¥8.80'); i += 1) {
    await page.goto(`${h5.url}/pages/order/index?id=${state.orderId}`);
    await tid('order-status-label').waitFor({ timeout: STEP_MS });
    refunded = (await page.locator('.row:visible', { hasText: '已退款' }).textContent().catch(() => null)) ?? '';
    if (!refunded.includes('¥8.80')) await page.waitForTimeout(1000);
  }
  assert.equal(await text('order-status-label'), '待自提');
  assert.match(refunded, /¥8\.80/);
  assert.match((await page.locator('[data-testid="order-line"]:visible', { hasText: '肉松小贝' }).textContent()) ?? '', /已售罄/);
  await shot('buyer-sees-ready-and-refund');

  await page.goto(`${h5.url}/owner/pages/dashboard/index?shopId=${state.shopId}`);
  await tid('not-owner').waitFor({ timeout: STEP_MS });
  assert.match((await tid('not-owner').textContent()) ?? '', /只有店主可以进行此操作/);
  await shot('not-owner');
});

test('the dashboard shows today’s revenue and the 7-day chart', async () => {
  await asOwnerOnDashboard();
  // Revenue is what was paid today less what was refunded today: ¥21.30 paid, the sold-out line's ¥8.80 back.
  assert.equal(await text('today-revenue'), '¥12.50');
  assert.equal(await text('today-orders'), '1');
  assert.equal(await text('chart-total'), '¥12.50');
  // Days without revenue have zero-height bars (not "visible" to the browser), so count inside the chart.
  const bars = tid('revenue-chart').locator('[data-testid="chart-bar"]');
  assert.equal(await bars.count(), 7);
  assert.equal(await bars.last().getAttribute('data-revenue'), '1250');
  await tid('revenue-chart').scrollIntoViewIfNeeded();
  await shot('dashboard-revenue-chart');
});
