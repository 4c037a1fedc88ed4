// The cart, one per shop, kept on the phone (PRODUCT.md item 9). It holds only product ids and
// quantities: names, prices and availability always come from the server (storefront, quote).
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { persistentStorage } from './taro-storage';

/** pricing.ts MAX_QUANTITY: the server refuses more in one order. */
export const MAX_LINE_QUANTITY = 999;

export interface CartItem {
  productId: string;
  quantity: number;
}

interface CartState {
  carts: Record<string, CartItem[]>;
  add: (shopId: string, productId: string, quantity?: number, max?: number) => void;
  setQuantity: (shopId: string, productId: string, quantity: number) => void;
  remove: (shopId: string, productId: string) => void;
  clear: (shopId: string, productIds?: string[]) => void;
}

const clamp = (n: number, max: number) => Math.max(0, Math.min(Math.floor(n), max));

function withItem(items: CartItem[], productId: string, quantity: number): CartItem[] {
  if (quantity <= 0) return items.filter((i) => i.productId !== productId);
  const found = items.some((i) => i.productId === productId);
  return found ? items.map((i) => (i.productId === productId ? { productId, quantity } : i)) : [...items, { productId, quantity }];
}

export const useCart = create<CartState>()(
  persist(
    (set) => ({
      carts: {},
      add: (shopId, productId, quantity = 1, max = MAX_LINE_QUANTITY) =>
        set((s) => {
          const items = s.carts[shopId] ?? [];
          const current = items.find((i) => i.productId === productId)?.quantity ?? 0;
          return { carts: { ...s.carts, [shopId]: withItem(items, productId, clamp(current + quantity, Math.min(max, MAX_LINE_QUANTITY))) } };
        }),
      setQuantity: (shopId, productId, quantity) =>
        set((s) => ({ carts: { ...s.carts, [shopId]: withItem(s.carts[shopId] ?? [], productId, clamp(quantity, MAX_LINE_QUANTITY)) } })),
      remove: (shopId, productId) =>
        set((s) => ({ carts: { ...s.carts, [shopId]: (s.carts[shopId] ?? []).filter((i) => i.productId !== productId) } })),
      clear: (shopId, productIds) =>
        set((s) => {
          const carts = { ...s.carts };
          if (productIds) carts[shopId] = (carts[shopId] ?? []).filter((i) => !productIds.includes(i.productId));
          else delete carts[shopId];
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
