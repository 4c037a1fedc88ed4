// miniprogram-simulate on the real `taro build --type weapp` output (dist/): the shop page renders the
// products of a stubbed wx.cloud.callFunction, and a tap on add-to-cart updates the cart bar.
// The stand-ins for wx, App and Page are in src/testing/simulate.ts.
import path from 'node:path';
import { ensureWeappBuild } from '../scripts/weapp-size';
import { home } from './testing/fixtures';
import { installWx, mountPage } from './testing/simulate';

const root = path.resolve(__dirname, '..');

beforeAll(() => {
  // The real build: made now when dist/ is missing or older than its sources (~45 s).
  ensureWeappBuild(root);
}, 240_000);

test('the built shop page shows the stubbed products and a tap on + puts one in the cart bar', async () => {
  const { calls, storage } = installWx(() => home());
  const { page, simulate } = mountPage('pages/shop/index', { id: 'S1' });

  // React's first render and the stubbed call are asynchronous: wait for the products to appear.
  for (let i = 0; i < 100 && !page.dom.textContent.includes('乐事薯片'); i += 1) await simulate.sleep(50);
  // The shop page, then its 领券 strip (components/ShopCoupons.tsx), which hides itself when the stub answers no coupons.
  expect(calls).toEqual([
    { name: 'storefront', data: { action: 'home', payload: { shopId: 'S1' } } },
    { name: 'orders', data: { action: 'shopPromotions', payload: { shopId: 'S1' } } },
  ]);
  expect(page.dom.textContent).toContain('农夫山泉 550ml');
  expect(page.dom.textContent).toContain('会员价 ¥5.50');
  expect(page.querySelector('.cart-bar').dom.textContent).toContain('购物车是空的');

  const adds = page.querySelectorAll('.product-card__add');
  expect(adds).toHaveLength(2);
  adds[1].dispatchEvent('tap');
  for (let i = 0; i < 40 && !page.dom.textContent.includes('共 1 件'); i += 1) await simulate.sleep(50);
  const bar = page.querySelector('.cart-bar').dom.textContent;
  expect(bar).toContain('¥6.50');
  expect(bar).toContain('共 1 件');
  // The cart went to wx storage, where the next launch finds it.
  expect(JSON.parse(String(storage.get('kaidian-cart'))).state.carts.S1).toEqual([{ productId: 'P2', quantity: 1, price: 650 }]);
});
