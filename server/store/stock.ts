// Stock moves, each one guarded atomic update of one product (docs/style.md §6). A product's units are
// `stock` (available) + `reserved` (held by unpaid orders) + `sold`; every move shifts units between two
// of them in ONE update, so the sum never changes and `stock` never goes below zero.
//
// A reservation is a hold: `holds.<orderId> = quantity` on the product, written in the same update that
// moves the units. Every later move of that order's units is guarded by its hold — release and sell
// need the hold present and remove it, a reserve needs it absent — so each move happens at most once
// whoever repeats it (a retried notify, the sweeper's repair, a crashed request run again), and it
// follows the product whatever its `unlimited` flag says now (docs/decisions.md §D15).
//
// A product with options (core/options.ts) keeps each SKU's units in their own bucket on the same
// document, `skus.<skuId>.{stock,reserved,sold}`, and a SKU line's hold is `skus.<skuId>.holds.<orderId>`:
// the same ONE guarded update of one document, on the bucket the hold names. Moves take the fixed order
// product id, then SKU id; two SKUs of one product in one order are two holds, two updates.
import { COLLECTIONS } from '../../core/collections';
import { byProductThenSku } from '../../core/checkout';
import type { ProductDoc } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { docsOf, updatedCount } from './db';

export interface StockItem {
  productId: string;
  /** The SKU whose bucket holds the units; null or absent: the product's own (no options). */
  skuId?: string | null;
  quantity: number;
}

export interface MergedStockItem {
  productId: string;
  skuId: string | null;
  quantity: number;
}

/** Quantities per (product, SKU), sorted by product id then SKU id: the one fixed order every move takes (no crossed locks). */
export function stockItems(lines: readonly StockItem[]): MergedStockItem[] {
  const merged = new Map<string, MergedStockItem>();
  for (const l of lines) {
    const skuId = l.skuId ?? null;
    const key = `${l.productId}/${skuId ?? ''}`;
    const item = merged.get(key);
    if (item) item.quantity += l.quantity;
    else merged.set(key, { productId: l.productId, skuId, quantity: l.quantity });
  }
  return [...merged.values()].sort(byProductThenSku);
}

/** The path of a bucket's counter: `stock` or `skus.<skuId>.stock`. SKU ids are [v0-9] (core/options.ts). */
export const bucketPath = (skuId: string | null, field: 'stock' | 'reserved' | 'sold'): string =>
  skuId === null ? field : `skus.${skuId}.${field}`;

/** The update path of an order's hold on a product (or one of its SKUs). Order ids are [A-Za-z0-9] (core/ids.ts). */
export const holdPath = (orderId: string, skuId: string | null = null): string =>
  skuId === null ? `holds.${orderId}` : `skus.${skuId}.holds.${orderId}`;

/** The units an order holds in a bucket of a product as read (0: none). */
export function heldBy(p: Pick<ProductDoc, 'holds' | 'skus'>, orderId: string, skuId: string | null): number {
  const holds = skuId === null ? p.holds : p.skus?.[skuId]?.holds;
  return holds?.[orderId] ?? 0;
}

export type ReserveOutcome = { ok: true } | { ok: false; productId: string; skuId: string | null };

/**
 * available → reserved for every item, in order, each with the order's hold. A product that already
 * holds for this order was reserved by an earlier run: skipped. If one fails, the holds already taken
 * are released and the failing product is named.
 */
export async function reserveStock(db: Database, orderId: string, plan: readonly StockItem[]): Promise<ReserveOutcome> {
  const _ = db.command;
  const taken: StockItem[] = [];
  for (const item of stockItems(plan)) {
    const { skuId, quantity: q } = item;
    // A SKU bucket must exist and be on sale (a retired or switched-off SKU takes no new holds).
    const onSale = skuId === null ? {} : { [`skus.${skuId}.onShelf`]: true, [`skus.${skuId}.retired`]: false };
    const res = await db.collection(COLLECTIONS.products)
      .where({ _id: item.productId, ...onSale, [bucketPath(skuId, 'stock')]: _.gte(q), [holdPath(orderId, skuId)]: _.exists(false) })
      .update({ data: { [bucketPath(skuId, 'stock')]: _.inc(-q), [bucketPath(skuId, 'reserved')]: _.inc(q), [holdPath(orderId, skuId)]: q } });
    if (updatedCount(res) === 1 || (await holding(db, orderId, item))) {
      taken.push(item);
      continue;
    }
    await releaseStock(db, orderId, taken);
    return { ok: false, productId: item.productId, skuId };
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
  for (const { productId, skuId, quantity: q } of stockItems(items)) {
    await db.collection(COLLECTIONS.products)
      .where({ _id: productId, [holdPath(orderId, skuId)]: q, [bucketPath(skuId, 'reserved')]: _.gte(q) })
      .update({ data: { [bucketPath(skuId, 'reserved')]: _.inc(-q), [bucketPath(skuId, into)]: _.inc(q), [holdPath(orderId, skuId)]: _.remove() } });
  }
}

async function holding(db: Database, orderId: string, item: MergedStockItem): Promise<boolean> {
  const res = await db.collection(COLLECTIONS.products).where({ _id: item.productId, [holdPath(orderId, item.skuId)]: db.command.exists(true) })
    .field({ _id: true }).limit(1).get();
  return docsOf(res).length > 0;
}

/** What products still hold for this order, per (product, SKU) (the audit and the repair ask). */
export async function holdsOf(db: Database, orderId: string, productIds: readonly string[]): Promise<MergedStockItem[]> {
  const _ = db.command;
  if (productIds.length === 0) return [];
  const res = await db.collection(COLLECTIONS.products).where({ _id: _.in([...new Set(productIds)]) })
    .field({ holds: true, skus: true }).limit(productIds.length).get();
  return docsOf<Pick<ProductDoc, '_id' | 'holds' | 'skus'>>(res).flatMap((p) => {
    const own = (p.holds?.[orderId] ?? 0) > 0 ? [{ productId: p._id, skuId: null, quantity: p.holds![orderId] }] : [];
    const bySku = Object.entries(p.skus ?? {})
      .filter(([, sku]) => (sku.holds?.[orderId] ?? 0) > 0)
      .map(([skuId, sku]) => ({ productId: p._id, skuId, quantity: sku.holds![orderId] }));
    return [...own, ...bySku];
  }).sort(byProductThenSku);
}
