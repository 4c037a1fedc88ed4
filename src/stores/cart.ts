// The cart, one per shop, kept on the phone (docs/product.md §9). It holds product ids, SKU ids and
// quantities, and the price the buyer saw when adding (only for the cart bar's running total): names,
// prices and availability at checkout always come from the server (quote).
// A line is a product, or one SKU of a product with options (core/options.ts): two SKUs are two lines.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Fen } from '../../core/money';
import { persistentStorage } from './taro-storage';

/** pricing.ts MAX_QUANTITY: the server refuses more in one order. */
export const MAX_LINE_QUANTITY = 999;

export interface CartItem {
  productId: string;
  /** Present only for a product with options. */
  skuId?: string;
  quantity: number;
  /** Present (true) only when the buyer unticked the line: it stays in the cart but is not checked out. */
  unselected?: boolean;
  /** The unit price shown when the line was added (fen), for the cart bar; never sent to the server. */
  price?: Fen;
}

/** A line of the cart: a product, or a SKU of it. */
export type LineRef = string | { productId: string; skuId?: string | null };

const refOf = (ref: LineRef) => (typeof ref === 'string' ? { productId: ref, skuId: null } : { productId: ref.productId, skuId: ref.skuId ?? null });
/** The one key of a line, for React keys and comparisons. */
export const lineKey = (ref: LineRef): string => {
  const { productId, skuId } = refOf(ref);
  return `${productId}/${skuId ?? ''}`;
};
const same = (item: CartItem, ref: LineRef) => lineKey(item) === lineKey(ref);
const toKey = (item: CartItem) => lineKey({ productId: item.productId, skuId: item.skuId });

interface CartState {
  carts: Record<string, CartItem[]>;
  /** Adds up to `max` in all at the unit `price` shown; returns how many were added (0: the line was already at its most). */
  add: (shopId: string, ref: LineRef, quantity?: number, max?: number, price?: Fen) => number;
  setQuantity: (shopId: string, ref: LineRef, quantity: number) => void;
  remove: (shopId: string, ref: LineRef) => void;
  /** Tick or untick lines (all of them when `refs` is omitted). */
  select: (shopId: string, selected: boolean, refs?: LineRef[]) => void;
  clear: (shopId: string, refs?: LineRef[]) => void;
}

const clamp = (n: number, max: number) => Math.max(0, Math.min(Math.floor(n), max));

function withItem(items: CartItem[], ref: LineRef, quantity: number, price?: Fen): CartItem[] {
  if (quantity <= 0) return items.filter((i) => !same(i, ref));
  const { productId, skuId } = refOf(ref);
  const found = items.find((i) => same(i, ref));
  const seen = price === undefined ? {} : { price };
  if (found) return items.map((i) => (i === found ? { ...i, quantity, ...seen } : i));
  return [...items, { productId, ...(skuId ? { skuId } : {}), quantity, ...seen }];
}

export const useCart = create<CartState>()(
  persist(
    (set, get) => ({
      carts: {},
      add: (shopId, ref, quantity = 1, max = MAX_LINE_QUANTITY, price) => {
        const items = get().carts[shopId] ?? [];
        const current = items.find((i) => same(i, ref))?.quantity ?? 0;
        const next = clamp(current + quantity, Math.min(max, MAX_LINE_QUANTITY));
        if (next === current) return 0;
        set((s) => ({ carts: { ...s.carts, [shopId]: withItem(s.carts[shopId] ?? [], ref, next, price) } }));
        return next - current;
      },
      setQuantity: (shopId, ref, quantity) =>
        set((s) => ({ carts: { ...s.carts, [shopId]: withItem(s.carts[shopId] ?? [], ref, clamp(quantity, MAX_LINE_QUANTITY)) } })),
      remove: (shopId, ref) =>
        set((s) => ({ carts: { ...s.carts, [shopId]: (s.carts[shopId] ?? []).filter((i) => !same(i, ref)) } })),
      select: (shopId, selected, refs) =>
        set((s) => {
          const keys = refs?.map(lineKey);
          const items = (s.carts[shopId] ?? []).map((i) => {
            if (keys && !keys.includes(toKey(i))) return i;
            const { unselected: _, ...rest } = i;
            return selected ? rest : { ...rest, unselected: true };
          });
          return { carts: { ...s.carts, [shopId]: items } };
        }),
      clear: (shopId, refs) =>
        set((s) => {
          const carts = { ...s.carts };
          if (refs) {
            const keys = refs.map(lineKey);
            carts[shopId] = (carts[shopId] ?? []).filter((i) => !keys.includes(toKey(i)));
          } else delete carts[shopId];
          return { carts };
        }),
    }),
    { name: 'kaidian-cart', version: 1, storage: persistentStorage },
  ),
);

const NO_ITEMS: CartItem[] = [];

/** The items of one shop's cart (a stable empty array when there is none, so selectors do not loop). */
export function useShopCart(shopId: string): CartItem[] {
  return useCart((s) => s.carts[shopId] ?? NO_ITEMS);
}

export function countItems(items: readonly CartItem[]): number {
  return items.reduce((n, i) => n + i.quantity, 0);
}

/** What checkout sends for these items: product, SKU (null without options), quantity. */
export function orderLines(items: readonly CartItem[]): { productId: string; skuId: string | null; quantity: number }[] {
  return items.map((i) => ({ productId: i.productId, skuId: i.skuId ?? null, quantity: i.quantity }));
}
