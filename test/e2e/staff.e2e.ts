// A helper behind the counter (core/roles.ts), through the h5 build: the owner invites a 店员 on the
// staff page and reads out the one-time code; the helper (persona 店员, their own WeChat user) joins with
// it, sees the shop as 店员 — orders, no settings — accepts a paid order, and cannot open the settings
// (the page says why; the server refuses with FORBIDDEN_ROLE). The owner's order shows who accepted it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { OrderDetailView, PlaceResult } from '../../core/contracts/views';
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

async function becomePersona(key: 'owner' | 'staff'): Promise<void> {
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
  console.log(`# staff e2e took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test('the owner invites a 店员, who joins with the code, accepts an order and cannot open the settings', async () => {
  const { demo, h5 } = world;
  // The owner: dashboard → 店员 → invite 小王 as 店员 → the code.
  await becomePersona('owner');
  await tid('my-shop').first().click();
  await tid('menu-staff').click();
  await tid('staff-name').locator('input').first().fill('小王', { timeout: STEP_MS });
  await tid('staff-role-clerk').click();
  await tid('staff-invite').click();
  await tid('staff-code').waitFor({ timeout: STEP_MS });
  const code = ((await tid('staff-code').textContent()) ?? '').trim();
  assert.match(code, /^[2-9A-HJKMNP-Z]{8}$/);
  await shot('staff-invite');

  // A customer's paid order (placed and paid through the functions; the buyer's path has its own test).
  const buyer = openid('buyerA');
  const placed = await call<PlaceResult>('confirmOrder', 'place', {
    shopId: demo.shopId, requestId: 'staff-e2e-order-1', lines: [{ productId: demo.products['鲜牛奶 1L'], quantity: 1 }],
    deliveryMethod: 'pickup', paymentMethod: 'wechat', clientPlatform: 'android',
  }, buyer);
  assert.ok(placed.ok);
  await new ControlClient(world.cloud.url).pay(String(placed.data.payment?.package).replace('prepay_id=', ''), 'pay', buyer);

  // The helper, on their own WeChat: 加入店铺 with the code; the shop opens as 店员 without 设置.
  await becomePersona('staff');
  await tid('join-shop').click();
  await tid('join-code').locator('input').first().fill(code, { timeout: STEP_MS });
  await tid('join-submit').click();
  await tid('join-done').waitFor({ timeout: STEP_MS });
  await shot('staff-joined');
  await tid('join-enter').click();
  await tid('dashboard-role').waitFor({ timeout: STEP_MS });
  assert.equal(((await tid('dashboard-role').textContent()) ?? '').trim(), '店员');
  assert.equal(await tid('menu-settings').count(), 0, 'no 设置 for a 店员');
  assert.equal(await tid('menu-staff').count(), 0, 'no 店员 page for a 店员');
  await shot('staff-dashboard');

  // Accept the order.
  await tid('menu-orders').click();
  await tid('inbox-order').first().waitFor({ timeout: STEP_MS });
  await tid('inbox-order').first().click();
  await tid('action-accept').click();
  // Accepted: the order now reads as being prepared (备货中 for pickup; 待发货 / 待配送 for shipping and delivery).
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="owner-order-status"]')]
    .some((e) => ['备货中', '待发货', '待配送'].includes(e.textContent ?? '')), undefined, { timeout: STEP_MS });
  await shot('staff-accepted');

  // Settings: the page says why, and the server refuses.
  await page.goto(`${h5.url}/owner/pages/settings/index?shopId=${demo.shopId}`);
  await tid('forbidden-role').waitFor({ timeout: STEP_MS });
  await shot('staff-no-settings');
  const refused = await call('shopAdmin', 'updateSettings', { shopId: demo.shopId, acceptMode: 'auto' }, openid('staff'));
  assert.deepEqual([refused.ok, refused.ok ? null : refused.code], [false, 'FORBIDDEN_ROLE']);

  // The owner's view of the order names who accepted it.
  const detail = await call<OrderDetailView>('shopAdmin', 'orderDetail', { shopId: demo.shopId, orderId: placed.data.orderId }, openid('owner'));
  assert.ok(detail.ok);
  const accepted = detail.data.timeline.find((e) => e.event === 'accepted');
  assert.equal(accepted?.byName, '小王');
  console.log(`# staff e2e: code ${code}; 小王 accepted ${placed.data.orderId}; settings refused (FORBIDDEN_ROLE)`);
});
