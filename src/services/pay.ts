// Paying (docs/product.md §11). weapp: Taro.requestPayment with the `payment` object of unifiedOrder as
// it is (docs/wechat-contracts.md §3.2). h5: the local cashier, GET <cloud>/cashier?prepay=<prepay_id>&redirect=
// <order page>, which comes back with ?payResult=. Either way the client only reports "I have paid":
// the server re-queries Cloud Pay (orders.confirmPaid) or the notify arrives; the order page waits for
// the server's status. requestPayment's success is not proof of payment (§7.2).
import Taro from '@tarojs/taro';
import type { RequestPaymentParams } from '../../core/model';
import type { OrderStatus } from '../../core/order-state';
import { cloudUrl, isH5 } from '../env';
import { call, CloudError } from './cloud';

export type PayOutcome = 'submitted' | 'cancelled' | 'failed' | 'redirected';

/** `package` is "prepay_id=…" (§3.2). */
export function prepayIdOf(payment: RequestPaymentParams): string {
  return payment.package.replace(/^prepay_id=/, '');
}

export function orderPagePath(orderId: string): string {
  return `/pages/order/index?id=${encodeURIComponent(orderId)}`;
}

export function cashierUrl(payment: RequestPaymentParams, orderId: string, origin: string): string {
  const redirect = `${origin}${orderPagePath(orderId)}`;
  return `${cloudUrl()}/cashier?prepay=${encodeURIComponent(prepayIdOf(payment))}&redirect=${encodeURIComponent(redirect)}`;
}

export async function requestPay(payment: RequestPaymentParams, orderId: string): Promise<PayOutcome> {
  if (isH5()) {
    window.location.assign(cashierUrl(payment, orderId, window.location.origin));
    return 'redirected';
  }
  try {
    await Taro.requestPayment({ ...payment, signType: payment.signType as 'MD5' });
    return 'submitted';
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? '');
    return /cancel/.test(msg) ? 'cancelled' : 'failed';
  }
}

export interface WaitOptions {
  attempts?: number;
  intervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Stop early (the page was left). */
  cancelled?: () => boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * "I have paid", then wait for the server to say so: each round asks orders.confirmPaid (the server
 * re-queries Cloud Pay; PAYMENT_PENDING while WeChat has nothing yet) and reads the order. Returns the
 * first status past `unpaid`, or null when the attempts run out (the page then offers a refresh; the
 * notify or the timer will still settle the order, §7.2).
 */
export async function waitUntilPaid(orderId: string, options: WaitOptions = {}): Promise<OrderStatus | null> {
  const { attempts = 20, intervalMs = 1500, sleep = defaultSleep, cancelled = () => false } = options;
  for (let i = 0; i < attempts && !cancelled(); i += 1) {
    try {
      const confirmed = await call('orders', 'confirmPaid', { orderId });
      if (confirmed.status !== 'unpaid') return confirmed.status;
    } catch (err) {
      if (!(err instanceof CloudError)) throw err;
      const detail = await call('orders', 'detail', { orderId });
      if (detail.status !== 'unpaid') return detail.status;
    }
    if (i + 1 < attempts) await sleep(intervalMs);
  }
  return null;
}
