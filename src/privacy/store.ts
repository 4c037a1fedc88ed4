// The privacy sheet's state: WeChat holds a private API call pending and hands us `resolve`
// (wx.onNeedPrivacyAuthorization); the sheet on the current page shows, and the user's answer resolves
// the call — agree lets it go on, disagree makes it fail with "privacy permission is not authorized".
import { create } from 'zustand';

export type PrivacyAnswer = { event: 'agree'; buttonId: string } | { event: 'disagree' } | { event: 'exposureAuthorization' };
export type PrivacyResolve = (answer: PrivacyAnswer) => void;

interface PrivacyState {
  /** The API or component that asked (eventInfo.referrer), e.g. "chooseAddress"; null when closed. */
  referrer: string | null;
  resolve: PrivacyResolve | null;
  ask: (referrer: string, resolve: PrivacyResolve) => void;
  answer: (answer: PrivacyAnswer) => void;
}

export const usePrivacy = create<PrivacyState>((set, get) => ({
  referrer: null,
  resolve: null,
  ask: (referrer, resolve) => {
    // A second request while one is open: the first one is declined, the sheet now speaks for the second.
    get().resolve?.({ event: 'disagree' });
    set({ referrer, resolve });
  },
  answer: (answer) => {
    const resolve = get().resolve;
    set({ referrer: null, resolve: null });
    resolve?.(answer);
  },
}));
