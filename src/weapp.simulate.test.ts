// miniprogram-simulate on the real `taro build --type weapp` output (dist/): the shop page renders the
// products of a stubbed wx.cloud.callFunction, and a tap on add-to-cart updates the cart bar.
// Stand-ins (TOOLCHAIN.md): `wx`, `App`, `getApp`, `getCurrentPages`, and a `Page` that registers the
// page as a Component; the official compiler (wcc) compiles the real WXML.
import path from 'node:path';
import { ensureWeappBuild } from '../scripts/weapp-size';
import { home } from './testing/fixtures';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

type Options = Record<string, unknown> & { success?: (r: unknown) => void; complete?: () => void };
const storage = new Map<string, unknown>();
const calls: { name: string; data: { action: string; payload: unknown } }[] = [];

function installWx() {
  const base: Record<string, unknown> = {
    cloud: {
      init: () => undefined,
      callFunction: async (req: { name: string; data: { action: string; payload: unknown } }) => {
        calls.push(req);
        return { result: { ok: true, data: home() }, requestID: 'r1', errMsg: 'cloud.callFunction:ok' };
      },
    },
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 667, pixelRatio: 2, SDKVersion: '3.0.0' }),
    getDeviceInfo: () => ({ platform: 'devtools' }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
    getAppBaseInfo: () => ({ SDKVersion: '3.0.0' }),
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    canIUse: () => true,
  };
  // Any other wx API: an async call that succeeds.
  (globalThis as Record<string, unknown>).wx = new Proxy(base, {
    get: (target, key: string) =>
      key in target ? target[key] : (opts?: Options) => {
        opts?.success?.({ errMsg: `${String(key)}:ok` });
        opts?.complete?.();
      },
  });
}

let app: Record<string, (...a: unknown[]) => unknown> | null = null;
let current: unknown = null;

function installAppAndPage(query: Record<string, string>) {
  const g = globalThis as Record<string, unknown>;
  g.App = (config: typeof app) => {
    app = config;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => (current ? [current] : []);
  g.Page = (options: Record<string, unknown>) => {
    const methods: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(options)) if (typeof v === 'function') methods[k] = v;
    const call = (self: unknown, name: string, ...args: unknown[]) => (methods[name] as ((...a: unknown[]) => unknown) | undefined)?.apply(self, args);
    (g.Component as (o: unknown) => void)({
      data: options.data,
      methods,
      lifetimes: {
        attached(this: Record<string, unknown>) {
          // getCurrentPages() must return the page instance, as in WeChat.
          // eslint-disable-next-line @typescript-eslint/no-this-alias
          current = this;
          this.route = 'pages/shop/index';
          this.options = query;
          call(this, 'onLoad', query);
          call(this, 'onShow');
        },
        ready(this: unknown) {
          call(this, 'onReady');
        },
        detached(this: unknown) {
          call(this, 'onUnload');
        },
      },
    });
  };
}

beforeAll(() => {
  // The real build: made now when dist/ is missing or older than its sources (~45 s).
  ensureWeappBuild(root);
}, 240_000);

test('the built shop page shows the stubbed products and a tap on + puts one in the cart bar', async () => {
  installWx();
  installAppAndPage({ id: 'S1' });
  // miniprogram-simulate defines Component/Behavior when it loads; the app bundle registers App().
  const simulate = require('miniprogram-simulate');
  require(path.join(dist, 'app.js'));
  app?.onLaunch?.call(app, { path: 'pages/shop/index', query: { id: 'S1' } });
  app?.onShow?.call(app, { path: 'pages/shop/index', query: { id: 'S1' } });
  const id = simulate.load(path.join(dist, 'pages/shop/index'), 'page', { rootPath: dist });
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));

  // React's first render and the stubbed call are asynchronous: wait for the products to appear.
  for (let i = 0; i < 100 && !page.dom.textContent.includes('乐事薯片'); i += 1) await simulate.sleep(50);
  expect(calls).toEqual([{ name: 'storefront', data: { action: 'home', payload: { shopId: 'S1' } } }]);
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
  expect(JSON.parse(String(storage.get('kaidian-cart'))).state.carts.S1).toEqual([{ productId: 'P2', quantity: 1 }]);
});
