// Product options in the h5 build, in Debian's chromium, against the local cloud with the demo shop: the
// owner (店主) adds a T-shirt in 颜色 × 尺码 with the editor (one price and stock for all, then one
// combination switched off); a buyer picks 黑色 / L on the spec sheet, buys it with 立即购买 (the cart
// stays as it was), pays at the cashier; then finds another product with the shop's search box.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { OrderDoc } from '../../core/model';
import { type World, switchPersona, phoneWorld } from './harness';

let world: World;
let page: Page;
let shot: (name: string) => Promise<void>;
const started = Date.now();
const STEP_MS = 30_000;
const tid = (id: string) => page.locator(`[data-testid="${id}"]`);
const fill = (id: string, value: string) => tid(id).locator('input, textarea').first().fill(value, { timeout: STEP_MS });

async function becomePersona(key: 'owner' | 'buyerA'): Promise<void> {
  await switchPersona(page, key, STEP_MS);
}

before(async () => {
  ({ world, page, shot } = await phoneWorld());
});

after(async () => {
  await world?.close();
  console.log(`# options e2e took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test('the owner creates a T-shirt in 颜色 × 尺码 with one price and stock for all, and switches one combination off', async () => {
  const { demo, h5 } = world;
  await page.goto(`${h5.url}/pages/home/index`);
  await becomePersona('owner');
  await page.goto(`${h5.url}/owner/pages/product/index?shopId=${demo.shopId}`);
  await tid('product-name').waitFor({ timeout: STEP_MS });
  await fill('product-name', '纯棉T恤');
  await fill('product-description', '夏天穿的短袖，纯棉');
  await tid('options-toggle').click();
  await tid('option-add-group').click();
  await fill('option-group-0', '颜色');
  for (const v of ['白色', '黑色']) {
    await tid('option-new-0').locator('input').fill(v);
    await tid('option-add-0').click();
  }
  await tid('option-add-group').click();
  await fill('option-group-1', '尺码');
  for (const v of ['M', 'L']) {
    await tid('option-new-1').locator('input').fill(v);
    await tid('option-add-1').click();
  }
  assert.equal(await tid('sku-row').count(), 4);
  await tid('bulk-price').locator('input').fill('59');
  await tid('bulk-stock').locator('input').fill('5');
  await tid('bulk-apply').click();
  // 白色 / L is not made this season: off.
  await tid('sku-row').filter({ hasText: '白色 / L' }).locator('.toggle').last().click();
  await shot('options-editor');
  await tid('save-product').click();
  type Tee = { skus: Record<string, { label: string; price: number; stock: number; onShelf: boolean }> };
  const find = () => world.cloud.db.documents('products').find((p) => (p as { name: string }).name === '纯棉T恤') as Tee | undefined;
  for (let i = 0; i < 100 && !find(); i += 1) await page.waitForTimeout(100);
  const tee = find();
  assert.ok(tee, 'the product was created');
  const rows = Object.values(tee.skus).map((s) => `${s.label} ¥${s.price / 100} ×${s.stock}${s.onShelf ? '' : ' off'}`).sort();
  assert.deepEqual(rows, ['白色 / L ¥59 ×5 off', '白色 / M ¥59 ×5', '黑色 / L ¥59 ×5', '黑色 / M ¥59 ×5']);
  console.log(`# the owner made ${rows.length} SKUs: ${rows.join(', ')}`);
  // After saving, the editor goes back by itself (a navigation of its own): let it land before the next test
  // navigates, or the two collide.
  await page.waitForEvent('load', { timeout: 3000 }).catch(() => undefined);
});

test('a buyer picks 黑色 / L on the spec sheet, buys it with 立即购买 without touching the cart, and pays', async () => {
  const { demo, h5 } = world;
  await page.goto(`${h5.url}/pages/shop/index?id=${demo.shopId}`);
  await becomePersona('buyerA');
  await page.goto(`${h5.url}/pages/shop/index?id=${demo.shopId}`);
  await tid('shop-name').waitFor({ timeout: STEP_MS });
  // Something already in the cart, to see that 立即购买 leaves it alone.
  await tid('product-card').filter({ hasText: '鲜牛奶 1L' }).locator('[data-testid="add-to-cart"]').click();
  await tid('product-card').filter({ hasText: '纯棉T恤' }).locator('[data-testid="pick-spec"]').click();
  await tid('spec-sheet').waitFor({ timeout: STEP_MS });
  // 白色 / L is off: with 白色 chosen, L cannot be picked.
  await tid('spec-value').filter({ hasText: '白色' }).click();
  assert.match((await tid('spec-value').filter({ hasText: /^L$/ }).getAttribute('class')) ?? '', /spec__value--off/);
  await tid('spec-value').filter({ hasText: '黑色' }).click();
  await tid('spec-value').filter({ hasText: /^L$/ }).click();
  assert.equal((await tid('spec-stock').textContent())?.trim(), '库存 5');
  await shot('spec-sheet');
  await tid('spec-buy').click();
  await tid('checkout-total').waitFor({ timeout: STEP_MS });
  assert.match((await tid('checkout-line').first().textContent()) ?? '', /纯棉T恤（黑色 \/ L） × 1/);
  assert.equal(await tid('checkout-total').textContent(), '¥59.00');
  await shot('buy-now-checkout');
  await tid('place-order').click();
  await page.waitForURL(/\/cashier\?prepay=/, { timeout: STEP_MS });
  await page.locator('button[value="pay"]').click();
  await page.waitForURL(/\/pages\/order\/index\?id=/, { timeout: STEP_MS });
  const orderId = new URL(page.url()).searchParams.get('id') ?? '';
  await page.waitForFunction(
    () => !['', '待付款', '支付确认中'].includes(document.querySelector('[data-testid="order-status-label"]')?.textContent ?? ''),
    undefined, { timeout: 60_000 },
  );
  const order = world.cloud.db.documents('orders').find((o) => (o as { _id: string })._id === orderId) as unknown as OrderDoc;
  assert.deepEqual(order.lines.map((l) => `${l.name} ${l.skuLabel} ×${l.quantity}`), ['纯棉T恤 黑色 / L ×1']);
  assert.equal(order.paidFen, 5900);
  await shot('buy-now-paid');
  // The milk is still in the cart.
  await page.goto(`${h5.url}/pages/cart/index?shopId=${demo.shopId}`);
  await tid('cart-line').first().waitFor({ timeout: STEP_MS });
  assert.deepEqual((await tid('cart-line').allTextContents()).map((t) => /鲜牛奶/.test(t)), [true]);
});

test('the buyer finds another product with the search box', async () => {
  const { demo, h5 } = world;
  await page.goto(`${h5.url}/pages/shop/index?id=${demo.shopId}`);
  await tid('search-input').waitFor({ timeout: STEP_MS });
  await tid('search-input').locator('input').fill('香蕉');
  await tid('search-go').click();
  await tid('search-results').waitFor({ timeout: STEP_MS });
  const names = await tid('search-results').locator('[data-testid="product-card"]').allTextContents();
  assert.equal(names.length, 1);
  assert.match(names[0], /香蕉/);
  await shot('search');
  await tid('search-clear').click();
  await tid('category-bar').waitFor({ timeout: STEP_MS });
});
