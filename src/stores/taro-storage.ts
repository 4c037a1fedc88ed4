// zustand's persist middleware over Taro storage (wx.setStorageSync in weapp, localStorage in h5),
// so the cart survives a restart of the mini-program (docs/architecture.md §6).
import Taro from '@tarojs/taro';
import { createJSONStorage, type StateStorage } from 'zustand/middleware';

const taroStorage: StateStorage = {
  getItem: (name) => {
    const value: unknown = Taro.getStorageSync(name);
    return typeof value === 'string' && value !== '' ? value : null;
  },
  setItem: (name, value) => Taro.setStorageSync(name, value),
  removeItem: (name) => Taro.removeStorageSync(name),
};

export const persistentStorage = createJSONStorage(() => taroStorage);
