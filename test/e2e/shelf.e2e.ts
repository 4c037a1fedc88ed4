// The shelf by page in the h5 build, in Debian's chromium: the demo shop grown by 44 products opens with
// its first 20; scrolling to the bottom reads the next 20, then the rest, ending in 没有更多了; a
// category chip reads that category's own shelf; coming back from a product keeps the list; the 加载更多
// row is a real tap target (≥ 44 px).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { makeProduct } from '../../core/testing/fixtures';
import { fen } from '../../core/money';
import { type World, phoneWorld } from './harness';

let world: World;
let page: Page;
let shot: (name: string) => Promise<void>;
const STEP_MS = 30_000;
const EXTRA = 44;
const tid = (id: string) => page.locator(`[data-testid="${id}"]:visible`);

before(async () => {
  ({ world, page, shot } = await phoneWorld());
  const { demo, cloud } = world;
  const now = cloud.now();
  cloud.db.seed('products', Array.from({ length: EXTRA }, (_, i) => makeProduct({
    _id: `P20261201000000shelf${String(i).padStart(3, '0')}`, shopId: demo.shopId, name: `手工皂 ${i + 1} 号`, price: fen(1500 + i * 10),
    stock: 20, categoryId: null, sort: 1_000 + i, createdAt: now, updatedAt: now, photos: [],
  })) as unknown as Record<string, unknown>[]);
});

/** A thumb's scroll over the grid, a screen at a time, to the bottom. */
async function scrollDown(): Promise<void> {
  await page.mouse.move(195, 500);
  for (let i = 0; i < 12; i += 1) {
    await page.mouse.wheel(0, 700);
    await page.waitForTimeout(50);
  }
}

after(async () => {
  await world?.close();
});

test('a shop grown to about 60 products opens with 20, scrolling reads 20 more, then the rest and 没有更多了; a category reads its own shelf', async () => {
  const { demo, h5, cloud } = world;
  const onShelf = [...cloud.db.engine.get('products').docs.values()]
    .filter(({ doc }) => doc.shopId === demo.shopId && doc.onShelf === true && doc.deleted === false).length;
  // The preview starts as buyer A.
  await page.goto(`${h5.url}/pages/shop/index?id=${demo.shopId}`);
  await tid('shop-name').waitFor({ timeout: STEP_MS });
  await tid('shelf-more').waitFor({ timeout: STEP_MS });
  assert.equal(await tid('product-card').count(), 20);
  await page.waitForLoadState('networkidle');
  await shot('shelf-first-screen');
  const more = await tid('shelf-more').boundingBox();
  assert.ok(more && more.height >= 44, `加载更多 is ${more?.height} px high`);
  // Scrolling to the bottom is what reads the next page (onReachBottom).
  await scrollDown();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="product-card"]').length >= 40, null, { timeout: STEP_MS });
  await scrollDown();
  await tid('shelf-end').waitFor({ timeout: STEP_MS });
  const total = await tid('product-card').count();
  assert.equal(total, onShelf);
  assert.equal(await tid('product-card').last().textContent().then((t) => t?.includes(`手工皂 ${EXTRA} 号`)), true);
  await shot('shelf-end');
  // Open the last product and come back: the list is still all there (onShow reads the first page again).
  await page.getByText(`手工皂 ${EXTRA} 号`).click();
  await page.waitForURL(/pages\/product\/index/, { timeout: STEP_MS });
  await page.goBack();
  await tid('shelf-end').waitFor({ timeout: STEP_MS });
  // The page shows again (its transition back may still be running): every card is there once it is.
  await page.waitForFunction((n) => [...document.querySelectorAll('[data-testid="product-card"]')]
    .filter((e) => (e as HTMLElement).offsetParent !== null).length === n, total, { timeout: STEP_MS });
  // A category: only its products, read on its own.
  await page.mouse.wheel(0, -40_000);
  await tid('category').first().click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="shelf-end"]'), null, { timeout: STEP_MS });
  const inCategory = await tid('product-card').count();
  assert.ok(inCategory > 0 && inCategory < 20, `the first category shows ${inCategory} products`);
  assert.equal(await page.getByText('手工皂 1 号').count(), 0);
  console.log(`# shelf: ${onShelf} products on the shelf, shown 20 → 40 → ${total} while scrolling; the first category ${inCategory}`);
});
