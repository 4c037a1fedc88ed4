// Owner pages are addressed by the shop they manage (?shopId=); the server checks the caller owns it.
import { isH5 } from '../../env';

export type OwnerPage = 'dashboard' | 'products' | 'product' | 'categories' | 'orders' | 'order' | 'members' | 'share' | 'settings' | 'open' | 'alerts' | 'staff' | 'join' | 'promotions';

export function ownerUrl(page: OwnerPage, shopId: string, extra: Record<string, string> = {}): string {
  const query = Object.entries({ shopId, ...extra }).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `/owner/pages/${page}/index?${query}`;
}

/** What a buyer opens from a share: the shop page (the same path the shop page's own share card uses). */
export function shopPath(shopId: string): string {
  return `/pages/shop/index?id=${encodeURIComponent(shopId)}`;
}

/** The link the owner copies: a web address in the h5 preview, the mini-program page path in weapp. */
export function shareLink(shopId: string): string {
  return isH5() ? `${window.location.origin}${shopPath(shopId)}` : shopPath(shopId).slice(1);
}
