// The privacy flow (docs/wechat-contracts.md §7a): app.json has __usePrivacyCheck__, the app listens to
// wx.onNeedPrivacyAuthorization (base library 2.32.3+) and shows its own sheet (PrivacySheet), and every
// private API call goes through callPrivate, which tells the user plainly when it could not run because
// they declined — WeChat only answers "…:fail privacy permission is not authorized".
import Taro from '@tarojs/taro';
import { isH5 } from '../env';
import { T } from '../text';
import { PRIVATE_APIS, type PrivateApiName } from './apis';
import { usePrivacy, type PrivacyResolve } from './store';

export const AGREE_BUTTON_ID = 'privacy-agree';

let listening = false;

/** Once, at launch. Older base libraries have no listener and show WeChat's own prompt instead. */
export function listenForPrivacyRequests(): void {
  if (listening || isH5()) return;
  const on = (Taro as unknown as { onNeedPrivacyAuthorization?: (l: (resolve: PrivacyResolve, info?: { referrer?: string }) => void) => void })
    .onNeedPrivacyAuthorization;
  if (typeof on !== 'function') return;
  listening = true;
  on((resolve, info) => {
    usePrivacy.getState().ask(info?.referrer ?? '', resolve);
    resolve({ event: 'exposureAuthorization' });
  });
}

export function openPrivacyGuide(): void {
  const open = (Taro as unknown as { openPrivacyContract?: (o?: object) => Promise<unknown> }).openPrivacyContract;
  if (typeof open === 'function') void open({}).catch(() => undefined);
}

export type PrivateFailure = 'declined' | 'cancelled' | 'denied' | 'failed';

/** What a failed private API call means for the user. */
export function failureOf(err: unknown): PrivateFailure {
  const e = err as { errMsg?: unknown; errno?: unknown } | null;
  const msg = String(e?.errMsg ?? (err as Error | null)?.message ?? err);
  // errno 104: 用户未授权隐私协议; 112: 隐私协议中未声明 (the console's guide lacks the item).
  if (/privacy/i.test(msg) || e?.errno === 104 || e?.errno === 112) return 'declined';
  if (/cancel/i.test(msg)) return 'cancelled';
  if (/auth den|auth deny|authorize no response|permission/i.test(msg)) return 'denied';
  return 'failed';
}

/** The sentence for a failure; null when the user simply backed out (nothing to say). */
export function failureMessage(api: PrivateApiName, failure: PrivateFailure): string | null {
  const doing = PRIVATE_APIS[api].doing;
  if (failure === 'cancelled') return null;
  if (failure === 'declined') return T.privacy.declined(doing);
  if (failure === 'denied') return T.privacy.denied(doing);
  return T.privacy.failed(doing);
}

/**
 * Runs one private API call. Resolves to its result, or to null after telling the user why it did not
 * run (a modal for a refused privacy guide or permission, so the reason is read; nothing for a cancel).
 */
export async function callPrivate<R>(api: PrivateApiName, run: () => Promise<R>): Promise<R | null> {
  try {
    return await run();
  } catch (err) {
    const message = failureMessage(api, failureOf(err));
    if (message) void Taro.showModal({ title: T.privacy.title, content: message, showCancel: false, confirmText: T.common.confirm }).catch(() => undefined);
    return null;
  }
}
