// Build-time facts: which Taro target this is, and where the h5 build finds the local cloud.
// `process.env.TARO_ENV` is replaced by a literal at build time, so the other target's code is dropped.
declare const KAIDIAN_CLOUD_URL: string | undefined;
declare const KAIDIAN_CLOUD_ENV: string | undefined;

export function isH5(): boolean {
  return process.env.TARO_ENV === 'h5';
}

/**
 * The local cloud (gateway, cashier, storage) for the h5 build: a page served by the e2e harness may
 * inject `window.__KAIDIAN_CLOUD__` (the cloud runs on a free port there); otherwise the build's define.
 */
export function cloudUrl(): string {
  const injected = typeof window !== 'undefined' ? (window as { __KAIDIAN_CLOUD__?: string }).__KAIDIAN_CLOUD__ : undefined;
  if (injected) return injected.replace(/\/$/, '');
  return typeof KAIDIAN_CLOUD_URL === 'string' ? KAIDIAN_CLOUD_URL : 'http://127.0.0.1:9797';
}

/** The cloud environment id for wx.cloud.init (kaidian.config.json cloudEnv, injected by the build). */
export function cloudEnv(): string | undefined {
  return typeof KAIDIAN_CLOUD_ENV === 'string' && KAIDIAN_CLOUD_ENV !== '' ? KAIDIAN_CLOUD_ENV : undefined;
}
