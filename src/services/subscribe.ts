// Subscribe-message permission (docs/product.md §17): WeChat lets a function send a buyer one message
// per accepted template (docs/wechat-contracts.md §1.7, 43101 without quota), and asks only from a tap. The
// buyer is sent "accepted" and "shipped": the ids the server sends, from kaidian.config.json through
// core/subscribe-templates.ts (the build injects them). The h5 preview has no such prompt.
import Taro from '@tarojs/taro';
import {
  DIGITAL_UPDATED_TEMPLATE, MEMBERSHIP_RENEWAL_TEMPLATE, ORDER_ACCEPTED_TEMPLATE, ORDER_PAID_TEMPLATE, ORDER_SHIPPED_TEMPLATE,
} from '../../core/subscribe-templates';
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

// One accepted request is one message (一次性订阅), so each is asked again at the next tap that allows
// it: the owner's 新订单通知 at every order action (each new order uses one up), the buyer's renewal
// reminder when buying or renewing a membership, the file-update notice when buying a digital good.
// requestSubscribeMessage must run inside the tap's handler, before any await.

async function ask(tmplIds: string[]): Promise<'accepted' | 'refused' | 'unavailable'> {
  if (isH5()) return 'unavailable';
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    return tmplIds.some((id) => res[id] === 'accept') ? 'accepted' : 'refused';
  } catch {
    return 'unavailable';
  }
}

let lastOwnerAnswer: 'accepted' | 'refused' | 'unavailable' | null = null;

/** The owner's 新订单通知; the answer is kept so the console can show when notifications are off. */
export function askNewOrderNotices(): void {
  void ask([ORDER_PAID_TEMPLATE.id]).then((answer) => {
    lastOwnerAnswer = answer;
  });
}

export function newOrderNoticesRefused(): boolean {
  return lastOwnerAnswer === 'refused';
}

/** Whether WeChat's subscription switch for this mini-program is off altogether (then asking shows nothing). */
export async function notificationsSwitchedOff(): Promise<boolean> {
  if (isH5()) return false;
  try {
    const s = (await Taro.getSetting({ withSubscriptions: true } as Taro.getSetting.Option)) as unknown as { subscriptionsSetting?: { mainSwitch?: boolean; itemSettings?: Record<string, string> } };
    const setting = s.subscriptionsSetting;
    return setting?.mainSwitch === false || setting?.itemSettings?.[ORDER_PAID_TEMPLATE.id] === 'reject';
  } catch {
    return false;
  }
}

export function askRenewalReminder(): void {
  void ask([MEMBERSHIP_RENEWAL_TEMPLATE.id]);
}

export function askDigitalUpdates(): void {
  void ask([DIGITAL_UPDATED_TEMPLATE.id]);
}

/** The shop side (owner or a 店员 who asked, core/roles.ts): the new-order message. Never fails. */
export async function requestOwnerSubscriptions(): Promise<void> {
  askNewOrderNotices();
}
