// miniprogram-simulate on the real `taro build --type weapp` output (dist/): the owner dashboard, a page
// of the `owner` subpackage, renders a stubbed shop's figures and its 7-day chart as bars (plain views:
// no canvas needed in the mini-program), and a tap on 订单 navigates to the inbox of that shop.
// Stand-ins as in src/weapp.simulate.test.ts (TOOLCHAIN.md): `wx`, `App`, `getApp`, `getCurrentPages`
// and a `Page` registered as a Component; the official compiler (wcc) compiles the real WXML.
import path from 'node:path';
import type { DashboardView, ShopOwnerView } from '../../core/contracts/views';
import { defaultShopSettings } from '../../core/checkout';
import { fen } from '../../core/money';
import { ensureWeappBuild } from '../../scripts/weapp-size';
import { ownerProduct } from './testing/fixtures';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');
const PAGE = 'owner/pages/dashboard/index';

type Options = Record<string, unknown> & { url?: string; success?: (r: unknown) => void; complete?: () => void };
const calls: { name: string; data: { action: string; payload: unknown } }[] = [];
const navigations: string[] = [];

const shop: ShopOwnerView = {
  shopId: 'S1', code: 'ABC234', name: '阿婆烘焙', logo: null, logoUrl: null, phone: '13912345678', description: '',
  settings: defaultShopSettings(), createdAt: 0,
};
const keys = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'];
const revenue = [0, 1250, 0, 3900, 880, 0, 2130];
const dashboard: DashboardView = {
  today: { key: keys[6], paidOrders: 1, revenue: fen(2130) },
  waiting: 1,
  activeMembers: 3,
  days: keys.map((key, i) => ({ key, paidOrders: revenue[i] > 0 ? 1 : 0, revenue: fen(revenue[i]) })),
};

function reply(action: string): unknown {
  if (action === 'getShop') return shop;
  if (action === 'dashboard') return dashboard;
  if (action === 'listProducts') return { items: [ownerProduct()], offset: 0, limit: 1, hasMore: false };
  throw new Error(`unexpected action ${action}`);
}

function installWx() {
  const storage = new Map<string, unknown>();
  const base: Record<string, unknown> = {
    cloud: {
      init: () => undefined,
      callFunction: async (req: { name: string; data: { action: string; payload: unknown } }) => {
        calls.push(req);
        return { result: { ok: true, data: reply(req.data.action) }, requestID: 'r1', errMsg: 'cloud.callFunction:ok' };
      },
    },
    navigateTo: (opts: Options) => {
      navigations.push(String(opts.url));
      opts.success?.({ errMsg: 'navigateTo:ok' });
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
          // eslint-disable-next-line @typescript-eslint/no-this-alias
          current = this;
          this.route = PAGE;
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
  ensureWeappBuild(root);
}, 240_000);

test('the built owner dashboard shows today’s revenue, the waiting orders and a 7-bar chart, and 订单 opens that shop’s inbox', async () => {
  installWx();
  installAppAndPage({ shopId: 'S1' });
  const simulate = require('miniprogram-simulate');
  require(path.join(dist, 'app.js'));
  app?.onLaunch?.call(app, { path: PAGE, query: { shopId: 'S1' } });
  app?.onShow?.call(app, { path: PAGE, query: { shopId: 'S1' } });
  const id = simulate.load(path.join(dist, PAGE), 'page', { rootPath: dist });
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));

  for (let i = 0; i < 100 && !page.dom.textContent.includes('阿婆烘焙'); i += 1) await simulate.sleep(50);
  expect(calls.map((c) => `${c.name}.${c.data.action}`).sort()).toEqual(['shopAdmin.dashboard', 'shopAdmin.getShop', 'shopAdmin.listProducts']);
  expect(calls.every((c) => (c.data.payload as { shopId: string }).shopId === 'S1')).toBe(true);
  const text = page.dom.textContent as string;
  expect(text).toContain('¥21.30');
  expect(page.querySelector('.dashboard__stat-value--alert').dom.textContent).toBe('1');
  // The chart: 7 bars, the total of the week, today's label.
  expect(page.querySelectorAll('.revenue-chart__bar')).toHaveLength(7);
  expect(page.querySelector('.revenue-chart__total').dom.textContent).toBe('¥81.60');
  expect(text).toContain('今天');
  // No merchant number yet: the first steps point to settings.
  expect(text).toContain('设置收款商户号');

  page.querySelectorAll('.dashboard__menu-item')[0].dispatchEvent('tap');
  for (let i = 0; i < 40 && navigations.length === 0; i += 1) await simulate.sleep(50);
  expect(navigations).toEqual(['/owner/pages/orders/index?shopId=S1']);
});
