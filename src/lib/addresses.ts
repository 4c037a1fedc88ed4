// The buyer's address book: addresses kept on the phone (Taro storage), filled from WeChat's address
// picker (chooseAddress) or saved at checkout. The newest first; at most 10; the same address once.
import Taro from '@tarojs/taro';
import type { Address } from '../../core/model';

const KEY = 'kaidian.addresses';
const MAX = 10;

const same = (a: Address, b: Address) =>
  a.userName === b.userName && a.telNumber === b.telNumber && a.detailInfo === b.detailInfo && a.countyName === b.countyName;

export function savedAddresses(): Address[] {
  try {
    const raw = Taro.getStorageSync(KEY) as Address[] | '';
    return Array.isArray(raw) ? raw : [];
  } catch {
    return [];
  }
}

export function saveAddress(a: Address): Address[] {
  const next = [a, ...savedAddresses().filter((x) => !same(x, a))].slice(0, MAX);
  Taro.setStorageSync(KEY, next);
  return next;
}

export function removeAddress(index: number): Address[] {
  const next = savedAddresses().filter((_, i) => i !== index);
  Taro.setStorageSync(KEY, next);
  return next;
}

/** WeChat's address picker → an Address; null when the buyer closed it (or it is not available). */
export async function pickWechatAddress(): Promise<Address | null> {
  try {
    const r = await Taro.chooseAddress();
    return {
      userName: r.userName, telNumber: r.telNumber, provinceName: r.provinceName, cityName: r.cityName, countyName: r.countyName,
      detailInfo: r.detailInfo, postalCode: r.postalCode ?? '',
    };
  } catch {
    return null;
  }
}
