// The device platform the server's iOS rule needs (docs/product.md §B11, checkout.ts
// CLIENT_PLATFORMS). h5 may pretend to be iOS with ?platform=ios so the rule can be previewed.
import Taro from '@tarojs/taro';
import type { ClientPlatform } from '../../core/checkout';
import { isH5 } from '../env';

const KNOWN: readonly ClientPlatform[] = ['ios', 'android', 'devtools', 'windows', 'mac', 'ohos', 'h5'];

export function clientPlatform(): ClientPlatform {
  if (isH5()) {
    const forced = typeof window !== 'undefined' ? new URLSearchParams(window.location.search).get('platform') : null;
    return forced === 'ios' ? 'ios' : 'h5';
  }
  try {
    const info = Taro.getDeviceInfo ? Taro.getDeviceInfo() : Taro.getSystemInfoSync();
    const platform = String(info.platform ?? '').toLowerCase();
    return (KNOWN as readonly string[]).includes(platform) ? (platform as ClientPlatform) : 'android';
  } catch {
    return 'android';
  }
}

/** WeChat forbids ordinary WeChat Pay for virtual goods (memberships, files) on iOS. */
export function virtualPayBlocked(): boolean {
  return clientPlatform() === 'ios';
}
