// The shop being browsed: storefront.home gives the first screen in one call (shop, categories, plans,
// the first page of the shelf at this buyer's prices, this buyer's memberships); the shelf of 全部 or of
// one category then comes 20 at a time (storefront.products). Reloaded whenever the shop page shows, so
// a membership bought a moment ago unlocks member prices and members-only products without a restart.
import { useEffect } from 'react';
import { create } from 'zustand';
import { CARD_PAGE, type ProductCardView, type StorefrontHome } from '../../core/contracts/views';
import { addFen, multiplyFen, ZERO_FEN, type Fen } from '../../core/money';
import { call, errorMessage } from '../services/cloud';
import type { CartItem } from './cart';

export type ShopRef = { shopId: string } | { shopCode: string };

/** Cards per page of the shelf (the first one comes with storefront.home). */
export const SHELF_PAGE = CARD_PAGE;

/** The shelf of 全部 (key '') or of one category (its id), as far as it has been read. */
export interface Shelf {
  items: ProductCardView[];
  hasMore: boolean;
  loading: boolean;
  error: string | null;
}

interface ShopState {
  key: string | null;
  home: StorefrontHome | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  shelves: Record<string, Shelf>;
  load: (ref: ShopRef) => Promise<StorefrontHome | null>;
  /** Read the next page of a shelf (the first one of a category not read yet); no-op while one is on its way. */
  more: (categoryId: string | null) => Promise<void>;
  /** Forget what was loaded (after a membership payment, or a persona switch in h5). */
  invalidate: () => void;
}

let generation = 0;

const keyOf = (ref: ShopRef) => ('shopId' in ref ? `id:${ref.shopId}` : `code:${ref.shopCode}`);
export const shelfKey = (categoryId: string | null) => categoryId ?? '';
const EMPTY_SHELF: Shelf = { items: [], hasMore: true, loading: false, error: null };

export const useShop = create<ShopState>()((set, get) => ({
  key: null,
  home: null,
  status: 'idle',
  error: null,
  shelves: {},
  load: async (ref) => {
    const key = keyOf(ref);
    const mine = ++generation;
    // A refresh of the shop on screen keeps it visible; another shop starts from the loading state.
    if (get().key !== key) set({ key, home: null, status: 'loading', error: null, shelves: {} });
    try {
      const home = await call('storefront', 'home', ref);
      if (mine === generation) set((st) => ({ key, home, status: 'ready', error: null, shelves: refreshed(st.key === key ? st.shelves : {}, home) }));
      return home;
    } catch (err) {
      if (mine === generation) set({ status: 'error', error: errorMessage(err) });
      return null;
    }
  },
  more: async (categoryId) => {
    const { home, shelves } = get();
    if (!home) return;
    const k = shelfKey(categoryId);
    const shelf = shelves[k] ?? EMPTY_SHELF;
    if (shelf.loading || !shelf.hasMore) return;
    const mine = generation;
    const put = (s: Shelf) => mine === generation && set((st) => ({ shelves: { ...st.shelves, [k]: s } }));
    put({ ...shelf, loading: true, error: null });
    try {
      const page = await call('storefront', 'products', {
        shopId: home.shop.shopId, ...(categoryId ? { categoryId } : {}), offset: shelf.items.length, limit: SHELF_PAGE,
      });
      // A product moved between pages (the owner reordered) is shown once.
      const seen = new Set(shelf.items.map((p) => p.productId));
      put({ items: [...shelf.items, ...page.items.filter((p) => !seen.has(p.productId))], hasMore: page.hasMore, loading: false, error: null });
    } catch (err) {
      put({ ...shelf, loading: false, error: errorMessage(err) });
    }
  },
  invalidate: () => {
    generation += 1;
    set({ key: null, home: null, status: 'idle', error: null, shelves: {} });
  },
}));

/**
 * The shelves after the first screen was read again (the page shows again, a pull to refresh): the first
 * page of 全部 is the fresh one, what was read beyond it stays (the buyer's place in the list is kept), and
 * so do the categories' shelves.
 */
function refreshed(shelves: Record<string, Shelf>, home: StorefrontHome): Record<string, Shelf> {
  const fresh = home.products;
  const before = shelves[''];
  if (!before || before.items.length <= fresh.length) return { ...shelves, '': { items: fresh, hasMore: home.hasMore, loading: false, error: null } };
  const ids = new Set(fresh.map((p) => p.productId));
  const rest = before.items.slice(fresh.length).filter((p) => !ids.has(p.productId));
  return { ...shelves, '': { ...before, items: [...fresh, ...rest], loading: false, error: null } };
}

/**
 * Count and total of a cart at the prices the buyer was shown: the price on a card read now, else the
 * price seen when the line was added (the quote at checkout is what counts).
 */
export function cartSummary(cards: readonly ProductCardView[], items: readonly CartItem[]): { count: number; total: Fen } {
  let count = 0;
  let total = ZERO_FEN;
  for (const item of items) {
    const card = item.skuId ? undefined : cards.find((p) => p.productId === item.productId);
    const price = card?.payPrice ?? item.price;
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
