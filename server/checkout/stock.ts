// Stock moves, each one guarded atomic update per product (STYLE.md §6, Medusa's oversell checklist).
// A product's units are `stock` (available) + `reserved` (held by unpaid orders) + `sold`; every move
// below shifts units between two of them in ONE update, so the sum never changes and `stock` never
// goes below zero, whatever the concurrency (must-show 2).
//
// Which lines hold a reservation: limited products at `place` time (checkout.ts reservationPlan). The
// order line does not record it, so the later moves are guarded by `unlimited: false` and
// `reserved >= q`: an unlimited product is never touched, and a counter never goes negative.
import type { OrderLine } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { docsOf, updatedCount } from '../store/db';

export interface StockItem {
  productId: string;
  quantity: number;
}

/** Quantities per product, sorted by product id: the one fixed order every move takes (no crossed locks). */
export function stockItems(lines: readonly Pick<OrderLine, 'productId' | 'quantity'>[]): StockItem[] {
  const merged = new Map<string, number>();
  for (const l of lines) merged.set(l.productId, (merged.get(l.productId) ?? 0) + l.quantity);
  return [...merged]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

export type ReserveOutcome = { ok: true; taken: StockItem[] } | { ok: false; productId: string };

/**
 * available → reserved for every item, in order; if one fails the ones already taken are given back
 * (compensation) and the failing product is named. `plan` must already be in the fixed order.
 */
export async function reserveStock(db: Database, plan: readonly StockItem[]): Promise<ReserveOutcome> {
  return takeAll(db, plan, 'reserved');
}

/** reserved → available (cancel, expiry). Only the winner of the order's status change calls it. */
export async function releaseStock(db: Database, lines: readonly OrderLine[]): Promise<void> {
  const _ = db.command;
  for (const item of stockItems(lines)) {
    await db.collection('products')
      .where({ _id: item.productId, unlimited: false, reserved: _.gte(item.quantity) })
      .update({ data: { reserved: _.inc(-item.quantity), stock: _.inc(item.quantity) } });
  }
}

/** reserved → sold (payment applied). Only the winner of unpaid → paid calls it. */
export async function sellReserved(db: Database, lines: readonly OrderLine[]): Promise<void> {
  const _ = db.command;
  for (const item of stockItems(lines)) {
    await db.collection('products')
      .where({ _id: item.productId, unlimited: false, reserved: _.gte(item.quantity) })
      .update({ data: { reserved: _.inc(-item.quantity), sold: _.inc(item.quantity) } });
  }
}

/**
 * available → sold for a payment that landed after its order was cancelled (issue 3: "re-reserve when
 * stock allows"). Unlimited products need nothing. All or nothing, like reserveStock.
 */
export async function resellStock(db: Database, lines: readonly OrderLine[]): Promise<ReserveOutcome> {
  const items = stockItems(lines);
  const _ = db.command;
  const res = await db.collection('products').where({ _id: _.in(items.map((i) => i.productId)) }).limit(items.length).get();
  const unlimited = new Set(docsOf<{ _id: string; unlimited: boolean }>(res).filter((p) => p.unlimited).map((p) => p._id));
  return takeAll(db, items.filter((i) => !unlimited.has(i.productId)), 'sold');
}

async function takeAll(db: Database, plan: readonly StockItem[], into: 'reserved' | 'sold'): Promise<ReserveOutcome> {
  const _ = db.command;
  const taken: StockItem[] = [];
  for (const item of plan) {
    const res = await db.collection('products')
      .where({ _id: item.productId, unlimited: false, stock: _.gte(item.quantity) })
      .update({ data: { stock: _.inc(-item.quantity), [into]: _.inc(item.quantity) } });
    if (updatedCount(res) !== 1) {
      await giveBack(db, taken, into);
      return { ok: false, productId: item.productId };
    }
    taken.push(item);
  }
  return { ok: true, taken };
}

/** Undo the prefix that succeeded, newest first (also: a late payment's resale whose order moved on). */
export async function giveBack(db: Database, taken: readonly StockItem[], from: 'reserved' | 'sold'): Promise<void> {
  const _ = db.command;
  for (const item of [...taken].reverse()) {
    await db.collection('products')
      .where({ _id: item.productId, [from]: _.gte(item.quantity) })
      .update({ data: { stock: _.inc(item.quantity), [from]: _.inc(-item.quantity) } });
  }
}
