// The shop being browsed: storefront.home in one call (shop, categories, products at this buyer's
// prices, this buyer's memberships). Reloaded whenever the shop page shows, so a membership bought a
// moment ago unlocks member prices and members-only products without a restart.
import { useEffect } from 'react';
import { create } from 'zustand';
import type { StorefrontHome } from '../../core/contracts/views';
import { addFen, multiplyFen, ZERO_FEN, type Fen } from '../../core/money';
import { call, errorMessage } from '../services/cloud';
import type { CartItem } from './cart';

export type ShopRef = { shopId: string } | { shopCode: string };

interface ShopState {
  key: string | null;
  home: StorefrontHome | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  load: (ref: ShopRef) => Promise<StorefrontHome | null>;
  /** Forget what was loaded (after a membership payment, or a persona switch in h5). */
  invalidate: () => void;
}

let generation = 0;

const keyOf = (ref: ShopRef) => ('shopId' in ref ? `id:${ref.shopId}` : `code:${ref.shopCode}`);

export const useShop = create<ShopState>()((set, get) => ({
  key: null,
  home: null,
  status: 'idle',
  error: null,
  load: async (ref) => {
    const key = keyOf(ref);
    const mine = ++generation;
    // A refresh of the shop on screen keeps it visible; another shop starts from the loading state.
    if (get().key !== key) set({ key, home: null, status: 'loading', error: null });
    try {
      const home = await call('storefront', 'home', ref);
      if (mine === generation) set({ key, home, status: 'ready', error: null });
      return home;
    } catch (err) {
      if (mine === generation) set({ status: 'error', error: errorMessage(err) });
      return null;
    }
  },
  invalidate: () => {
    generation += 1;
    set({ key: null, home: null, status: 'idle', error: null });
  },
}));

/** Count and total of a cart at the prices the storefront showed (the quote is what counts). */
export function cartSummary(home: StorefrontHome | null, items: readonly CartItem[]): { count: number; total: Fen } {
  let count = 0;
  let total = ZERO_FEN;
  for (const item of items) {
    const product = home?.products.find((p) => p.productId === item.productId);
    const price = item.skuId ? product?.skus.find((s) => s.skuId === item.skuId)?.payPrice : product?.payPrice;
    count += item.quantity;
    if (price !== undefined) total = addFen(total, multiplyFen(price, item.quantity));
  }
  return { count, total };
}

/** The shop reference in a page's query: ?id= (share cards) or ?scene= (poster codes, ids.ts). */
export function shopRefFromParams(params: Record<string, string | undefined>, parseScene: (s: unknown) => string | null): ShopRef | null {
  if (params.id) return { shopId: params.id };
  if (params.shopId) return { shopId: params.shopId };
  const code = params.scene ? parseScene(params.scene) : params.code ? parseScene(`s=${params.code}`) : null;
  return code ? { shopCode: code } : null;
}

/**
 * Whether the shop can take payment (a bound WeChat Pay merchant), for pages a buyer may open without
 * passing the shop page (a shared product card): the shop is loaded when it is not the one in memory.
 * null while unknown. Buyers are told up front instead of failing at submit.
 */
export function useShopPayable(shopId: string): boolean | null {
  const home = useShop((s) => s.home);
  const status = useShop((s) => s.status);
  const load = useShop((s) => s.load);
  const known = home?.shop?.shopId === shopId;
  useEffect(() => {
    if (shopId && !known && status !== 'loading' && status !== 'error') void load({ shopId });
  }, [shopId, known, status, load]);
  return known ? home!.shop.acceptsWechatPay : null;
}
