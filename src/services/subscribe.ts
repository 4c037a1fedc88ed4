// Subscribe-message permission (PRODUCT.md item 17): WeChat lets a function send a buyer one message
// per accepted template (WECHAT-CONTRACTS §1.7, 43101 without quota), and asks only from a tap. The
// template ids are the deployment's (build define KAIDIAN_SUBSCRIBE_TEMPLATES); none set, nothing is asked.
// The h5 preview has no such prompt.
import Taro from '@tarojs/taro';
import { isH5 } from '../env';

declare const KAIDIAN_SUBSCRIBE_TEMPLATES: string[] | undefined;

export function templateIds(): string[] {
  return typeof KAIDIAN_SUBSCRIBE_TEMPLATES !== 'undefined' && Array.isArray(KAIDIAN_SUBSCRIBE_TEMPLATES) ? KAIDIAN_SUBSCRIBE_TEMPLATES : [];
}

/** Never fails: refusing notifications must not stop an order. */
export async function requestSubscriptions(): Promise<void> {
  const tmplIds = templateIds();
  if (isH5() || tmplIds.length === 0) return;
  try {
    await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option);
  } catch {
    // declined or unsupported
  }
}
