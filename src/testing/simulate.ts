// miniprogram-simulate on the real `taro build --type weapp` output (dist/). Stand-ins (docs/toolchain.md §1.3):
// `wx` (cloud.callFunction answered by the test, storage in a Map, any other API an async success),
// `App`, `getApp`, `getCurrentPages`, and a `Page` that registers the page as a Component so the
// official compiler (wcc) can render the real WXML.
import path from 'node:path';

type Options = Record<string, unknown> & { url?: string; success?: (r: unknown) => void; complete?: () => void };
export interface CloudCall {
  name: string;
  data: { action: string; payload: unknown };
}

export const distDir = path.resolve(__dirname, '../../dist');

export interface SimulatedWx {
  calls: CloudCall[];
  storage: Map<string, unknown>;
  navigations: string[];
}

/** `reply(call)` is the `data` of `{ok: true, data}` that wx.cloud.callFunction resolves with. */
export function installWx(reply: (call: CloudCall) => unknown): SimulatedWx {
  const state: SimulatedWx = { calls: [], storage: new Map(), navigations: [] };
  const { storage } = state;
  const base: Record<string, unknown> = {
    cloud: {
      init: () => undefined,
      callFunction: async (req: CloudCall) => {
        state.calls.push(req);
        return { result: { ok: true, data: reply(req) }, requestID: 'r1', errMsg: 'cloud.callFunction:ok' };
      },
    },
    navigateTo: (opts: Options) => {
      state.navigations.push(String(opts.url));
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
  // Any other wx API: an async call that succeeds.
  (globalThis as Record<string, unknown>).wx = new Proxy(base, {
    get: (target, key: string) =>
      key in target ? target[key] : (opts?: Options) => {
        opts?.success?.({ errMsg: `${String(key)}:ok` });
        opts?.complete?.();
      },
  });
  return state;
}

let app: Record<string, (...a: unknown[]) => unknown> | null = null;
let current: unknown = null;

function installAppAndPage(route: string, query: Record<string, string>) {
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
          this.route = route;
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

/** Launch the built app on `route` with `query` and render that page; call installWx first. */
export function mountPage(route: string, query: Record<string, string>) {
  installAppAndPage(route, query);
  // miniprogram-simulate defines Component/Behavior when it loads; the app bundle registers App().
  const simulate = require('miniprogram-simulate');
  require(path.join(distDir, 'app.js'));
  app?.onLaunch?.call(app, { path: route, query });
  app?.onShow?.call(app, { path: route, query });
  const id = simulate.load(path.join(distDir, route), 'page', { rootPath: distDir });
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  return { page, simulate };
}
