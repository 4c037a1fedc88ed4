// Promotions through the h5 build (docs/product.md §19): the owner creates 满 30 减 5 and a ¥3 coupon on
// the 优惠活动 page; a buyer claims the coupon on the shop page, checks out ¥31.50 of goods with both
// applied (¥8 off, ¥23.50 to pay), pays at the cashier, and the owner's figures count the coupon used.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { PromotionsView } from '../../core/contracts/coupons';
import type { Result } from '../../core/errors';
import { ControlClient } from '../../localcloud/control/client';
import { PERSONAS } from '../../src/personas';
import { type World, switchPersona, phoneWorld } from './harness';

const STEP_MS = 30_000;
const openid = (key: string) => PERSONAS.find((p) => p.key === key)!.openid;

let world: World;
let page: Page;
let shot: (name: string) => Promise<void>;
const started = Date.now();

const tid = (id: string) => page.locator(`[data-testid="${id}"]:visible`);
const fill = (id: string, value: string) => tid(id).locator('input').first().fill(value, { timeout: STEP_MS });

async function becomePersona(key: 'owner' | 'buyerB'): Promise<void> {
  await page.goto(`${world.h5.url}/pages/home/index`);
  await switchPersona(page, key, STEP_MS);
}

async function call<T>(fn: string, action: string, payload: Record<string, unknown>, who: string): Promise<Result<T>> {
  const reply = await new ControlClient(world.cloud.url).callFunction<Result<T>>(fn, { action, payload }, who);
  if (!reply.ok) throw new Error(`${fn}.${action}: ${reply.errMsg}`);
  return reply.result;
}

before(async () => {
  ({ world, page, shot } = await phoneWorld());
});

after(async () => {
  await world?.close();
  console.log(`# coupons e2e took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test('the owner creates 满 30 减 5 and a ¥3 coupon; a buyer claims it, checks out with both applied and pays', async () => {
  const { demo, h5 } = world;
  await becomePersona('owner');
  await page.goto(`${h5.url}/owner/pages/promotions/index?shopId=${demo.shopId}`);
  await tid('stacking-rule').waitFor({ timeout: STEP_MS });

  await tid('new-activity').click();
  await fill('activity-name', '满 30 减 5');
  await fill('tier-threshold-0', '30');
  await fill('tier-off-0', '5');
  await tid('activity-save').click();
  await tid('activity-row').first().waitFor({ timeout: STEP_MS });

  await tid('new-coupon').click();
  await fill('coupon-name', '新客立减 3 元');
  await fill('coupon-off', '3');
  await tid('coupon-save').click();
  await tid('coupon-row').first().waitFor({ timeout: STEP_MS });
  assert.match((await tid('activity-row').first().textContent()) ?? '', /满 30 减 5/);
  assert.match((await tid('coupon-figures').first().textContent()) ?? '', /已领 0\/100/);
  await shot('owner-promotions');

  await becomePersona('buyerB');
  await page.goto(`${h5.url}/pages/shop/index?id=${demo.shopId}`);
  await tid('shop-coupon').first().waitFor({ timeout: STEP_MS });
  assert.match((await tid('shop-coupons').textContent()) ?? '', /满 30 减 5.*无门槛减 3/);
  await tid('claim-coupon').first().click();
  await page.waitForFunction(() => document.querySelector('[data-testid="claim-coupon"]')?.textContent === '已领取', undefined, { timeout: STEP_MS });
  await shot('buyer-claimed');

  const card = (name: string) => tid('product-card').filter({ hasText: name });
  await card('鲜牛奶 1L').locator('[data-testid="add-to-cart"]').click();
  await card('鲜牛奶 1L').locator('[data-testid="add-to-cart"]').click();
  await card('香蕉（一把）').locator('[data-testid="add-to-cart"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="cart-count"]')?.textContent === '3', undefined, { timeout: STEP_MS });
  await tid('cart-bar').getByText('去结算').click();
  await tid('go-checkout').click();
  await tid('coupon-picker').waitFor({ timeout: STEP_MS });
  await page.waitForFunction(() => document.querySelector('[data-testid="coupon-off"]')?.textContent?.startsWith('-¥3.00'), undefined, { timeout: STEP_MS });
  assert.equal(await tid('activity-off').textContent(), '-¥5.00');
  assert.equal(await tid('checkout-total').textContent(), '¥23.50');
  assert.equal(await tid('discount-saved').textContent(), '已优惠 ¥8.00');
  await shot('checkout-with-promotions');

  await tid('place-order').click();
  await page.waitForURL(/\/cashier\?prepay=/, { timeout: STEP_MS });
  await page.locator('button[value="pay"]').waitFor({ timeout: STEP_MS });
  await page.locator('button[value="pay"]').click();
  await page.waitForURL(/\/pages\/order\/index\?id=/, { timeout: STEP_MS });
  await page.waitForFunction(() => {
    const label = document.querySelector('[data-testid="order-status-label"]')?.textContent ?? '';
    return label !== '' && !['待付款', '支付确认中'].includes(label);
  }, undefined, { timeout: 60_000 });
  assert.equal(await tid('order-total').textContent(), '¥23.50');
  assert.match((await tid('order-activity-off').textContent()) ?? '', /满 30 减 5.*-¥5\.00/);
  assert.match((await tid('order-coupon-off').textContent()) ?? '', /新客立减 3 元.*-¥3\.00/);
  await shot('order-paid-with-promotions');

  const listed = await call<PromotionsView>('shopAdmin', 'listPromotions', { shopId: demo.shopId }, openid('owner'));
  assert.ok(listed.ok);
  const coupon = listed.data.coupons[0];
  console.log(`# owner figures: issued ${coupon.issued}, used ${coupon.used}, revenue ${coupon.revenue} fen`);
  assert.deepEqual([coupon.issued, coupon.used, coupon.revenue], [1, 1, 2350]);
});
