// A hand-written stand-in for @tarojs/taro in component tests (docs/toolchain.md §1.3: @tarojs/test-utils-react
// does not work with Taro 4). Storage is an in-memory map that survives a module reset, so a test can
// "restart" the app; page hooks run like a page shown once; navigation and prompts are jest.fn()s.
import { useEffect, useRef } from 'react';

type Fn = (...args: never[]) => unknown;

const g = globalThis as unknown as { __taroStorage?: Map<string, unknown> };
export const storage: Map<string, unknown> = (g.__taroStorage ??= new Map());

let routerParams: Record<string, string> = {};
export function setRouterParams(params: Record<string, string>): void {
  routerParams = params;
}

function useLatest<T extends Fn>(fn: T) {
  const ref = useRef(fn);
  ref.current = fn;
  return ref;
}

/** Runs once when the page mounts, as when the page is shown. */
function onMount(fn: Fn) {
  const ref = useLatest(fn);
  useEffect(() => {
    ref.current();
  }, [ref]);
}

export const hooks = {
  pullDownRefresh: [] as Fn[],
  reachBottom: [] as Fn[],
  share: [] as Fn[],
};

const Taro = {
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  navigateTo: jest.fn(async () => ({ errMsg: 'navigateTo:ok' })),
  redirectTo: jest.fn(async () => ({ errMsg: 'redirectTo:ok' })),
  switchTab: jest.fn(async () => ({ errMsg: 'switchTab:ok' })),
  showToast: jest.fn(async () => ({ errMsg: 'showToast:ok' })),
  pageScrollTo: jest.fn(async () => ({ errMsg: 'pageScrollTo:ok' })),
  showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
  setNavigationBarTitle: jest.fn(async () => ({ errMsg: 'setNavigationBarTitle:ok' })),
  stopPullDownRefresh: jest.fn(),
  requestPayment: jest.fn(async () => ({ errMsg: 'requestPayment:ok' })),
  requestSubscribeMessage: jest.fn(async () => ({ errMsg: 'requestSubscribeMessage:ok' })),
  chooseAddress: jest.fn(),
  downloadFile: jest.fn(),
  openDocument: jest.fn(async () => ({})),
  getDeviceInfo: jest.fn(() => ({ platform: 'android' })),
  getSystemInfoSync: jest.fn(() => ({ platform: 'android' })),
  cloud: {
    init: jest.fn(),
    callFunction: jest.fn(),
  },
};

export default Taro;

export function useRouter() {
  return { params: routerParams, path: '' };
}
export const useDidShow = onMount;
export const useLoad = onMount;
export const useLaunch = onMount;
export function useDidHide(_fn: Fn) {}
export function usePullDownRefresh(fn: Fn) {
  hooks.pullDownRefresh.push(fn);
}
export function useReachBottom(fn: Fn) {
  hooks.reachBottom.push(fn);
}
export function useShareAppMessage(fn: Fn) {
  hooks.share.push(fn);
}
