// Stock moves, each one guarded atomic update of one product (docs/style.md §6). A product's units are
// `stock` (available) + `reserved` (held by unpaid orders) + `sold`; every move shifts units between two
// of them in ONE update, so the sum never changes and `stock` never goes below zero.
//
// A reservation is a hold: `holds.<orderId> = quantity` on the product, written in the same update that
// moves the units. Every later move of that order's units is guarded by its hold — release and sell
// need the hold present and remove it, a reserve needs it absent — so each move happens at most once
// whoever repeats it (a retried notify, the sweeper's repair, a crashed request run again), and it
// follows the product whatever its `unlimited` flag says now (docs/decisions.md §D15).
import type { ProductDoc } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { docsOf, updatedCount } from './db';

export interface StockItem {
  productId: string;
  quantity: number;
}

/** Quantities per product, sorted by product id: the one fixed order every move takes (no crossed locks). */
export function stockItems(lines: readonly StockItem[]): StockItem[] {
  const merged = new Map<string, number>();
  for (const l of lines) merged.set(l.productId, (merged.get(l.productId) ?? 0) + l.quantity);
  return [...merged]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/** The update path of an order's hold on a product. Order ids are [A-Za-z0-9] (core/ids.ts). */
export const holdPath = (orderId: string): string => `holds.${orderId}`;

export type ReserveOutcome = { ok: true } | { ok: false; productId: string };

/**
 * available → reserved for every item, in order, each with the order's hold. A product that already
 * holds for this order was reserved by an earlier run: skipped. If one fails, the holds already taken
 * are released and the failing product is named.
 */
export async function reserveStock(db: Database, orderId: string, plan: readonly StockItem[]): Promise<ReserveOutcome> {
  const _ = db.command;
  const taken: StockItem[] = [];
  for (const item of stockItems(plan)) {
    const res = await db.collection('products')
      .where({ _id: item.productId, stock: _.gte(item.quantity), [holdPath(orderId)]: _.exists(false) })
      .update({ data: { stock: _.inc(-item.quantity), reserved: _.inc(item.quantity), [holdPath(orderId)]: item.quantity } });
    if (updatedCount(res) === 1 || (await holding(db, orderId, item.productId))) {
      taken.push(item);
      continue;
    }
    await releaseStock(db, orderId, taken);
    return { ok: false, productId: item.productId };
  }
  return { ok: true };
}

/** reserved → available for the order's holds (cancel, expiry, a checkout that never wrote its order). */
export async function releaseStock(db: Database, orderId: string, items: readonly StockItem[]): Promise<void> {
  await moveHeld(db, orderId, items, 'stock');
}

/** reserved → sold for the order's holds (payment applied). */
export async function sellReserved(db: Database, orderId: string, items: readonly StockItem[]): Promise<void> {
  await moveHeld(db, orderId, items, 'sold');
}

async function moveHeld(db: Database, orderId: string, items: readonly StockItem[], into: 'stock' | 'sold'): Promise<void> {
  const _ = db.command;
  // The hold equals the order's merged quantity (it was written from it); a product without the hold
  // (unlimited when the order was placed, or already moved) is left alone by the guard.
  for (const item of stockItems(items)) {
    await db.collection('products')
      .where({ _id: item.productId, [holdPath(orderId)]: item.quantity, reserved: _.gte(item.quantity) })
      .update({ data: { reserved: _.inc(-item.quantity), [into]: _.inc(item.quantity), [holdPath(orderId)]: _.remove() } });
  }
}

async function holding(db: Database, orderId: string, productId: string): Promise<boolean> {
  return (await holdsOf(db, orderId, [productId])).length > 0;
}

/** Does any product still hold units for this order? (the audit and the repair ask) */
export async function holdsOf(db: Database, orderId: string, productIds: readonly string[]): Promise<StockItem[]> {
  const _ = db.command;
  if (productIds.length === 0) return [];
  const res = await db.collection('products').where({ _id: _.in([...productIds]), [holdPath(orderId)]: _.exists(true) })
    .field({ holds: true }).limit(productIds.length).get();
  return docsOf<Pick<ProductDoc, '_id' | 'holds'>>(res)
    .map((p) => ({ productId: p._id, quantity: p.holds?.[orderId] ?? 0 }))
    .filter((i) => i.quantity > 0);
}
