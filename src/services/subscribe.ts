// Subscribe-message permission (PRODUCT.md item 17): WeChat lets a function send a buyer one message
// per accepted template (WECHAT-CONTRACTS §1.7, 43101 without quota), and asks only from a tap. The
// buyer is sent "accepted" and "shipped": the ids the server sends, from kaidian.config.json through
// core/subscribe-templates.ts (the build injects them). The h5 preview has no such prompt.
import Taro from '@tarojs/taro';
import { ORDER_ACCEPTED_TEMPLATE, ORDER_PAID_TEMPLATE, ORDER_SHIPPED_TEMPLATE } from '../../core/subscribe-templates';
import { isH5 } from '../env';

export function templateIds(): string[] {
  return [ORDER_ACCEPTED_TEMPLATE.id, ORDER_SHIPPED_TEMPLATE.id];
}

/** Never fails: refusing notifications must not stop an order. */
export async function requestSubscriptions(): Promise<void> {
  if (isH5()) return;
  try {
    await Taro.requestSubscribeMessage({ tmplIds: templateIds(), entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option);
  } catch {
    // declined or unsupported
  }
}

/** The shop side (owner or a 店员 who asked, core/roles.ts): the new-order message. Never fails. */
export async function requestOwnerSubscriptions(): Promise<void> {
  if (isH5()) return;
  try {
    await Taro.requestSubscribeMessage({ tmplIds: [ORDER_PAID_TEMPLATE.id], entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option);
  } catch {
    // declined or unsupported
  }
}
