// The owner's figures kept as they happen: a customer row per (shop, buyer) and a shard of the shop's
// day (ShopDayDoc), moved when an order is paid (the owed `count_paid`, effects.ts) and when a refund
// succeeds (refunds/settle.ts follow-ups). Each move is ONE guarded update whose guard is its own marker
// (`counted.o.<orderId>` / `counted.r.<outRefundNo>` absent, then set) — a repeated effect, a retried
// notify or the sweeper's repair counts nothing twice, and a crash before it leaves the effect owed.
// The documents are created on first use by insert-once; the dashboard and the customer list read a page
// of them, never the orders.
import { COLLECTIONS } from '../../core/collections';
import { customerId } from '../../core/ids';
import { ZERO_FEN, type Fen } from '../../core/money';
import type { CustomerDoc, OrderDoc, RefundDoc, ShopDayDoc } from '../../core/model';
import { chinaDayKey } from '../../core/time';
import type { Database } from '../wechat/sdk';
import { updatedCount } from './db';
import { insertOnce } from './insert-once';

export const SHOP_DAY_SHARDS = 4;

function shardOf(key: string): number {
  let h = 0;
  for (const c of key) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % SHOP_DAY_SHARDS;
}

const dayId = (shopId: string, day: string, shard: number) => `${shopId}.${day}.${shard}`;

/**
 * Apply `inc` to a counter document once per `marker`: one guarded update when the document exists (the
 * usual case); when it does not, it is created already counted. A first insert that loses a race to
 * another creator falls back to the guarded update.
 */
async function countOnce<D extends { _id: string; counted: Record<string, Record<string, 1>> }>(
  db: Database, collection: string, fresh: D, marker: string, inc: Record<string, number>, set: Record<string, unknown> = {},
): Promise<void> {
  const _ = db.command;
  const data: Record<string, unknown> = { ...set, [`counted.${marker}`]: 1 };
  for (const [k, v] of Object.entries(inc)) data[k] = _.inc(v);
  const move = () => db.collection(collection).where({ _id: fresh._id, [`counted.${marker}`]: _.exists(false) }).update({ data });
  if (updatedCount(await move()) === 1) return;
  // The marker is a dotted path (`r.<outRefundNo>`), as the guard reads it: born nested the same way, or
  // a later guard would not see it and count again.
  const born: Record<string, unknown> = { ...fresh, counted: nested(marker.split('.')) };
  for (const [k, v] of Object.entries(inc)) born[k] = ((fresh as unknown as Record<string, number>)[k] ?? 0) + v;
  if (await insertOnce(db, collection, born as { _id: string })) return;
  await move(); // it existed after all (counted before: a no-op; created meanwhile: counted now)
}

function nested(path: readonly string[]): Record<string, unknown> {
  const [head, ...rest] = path;
  return { [head]: rest.length === 0 ? 1 : nested(rest) };
}

/** An order became paid: its customer and its day (the day it was paid, China time). */
export async function countPaid(db: Database, order: OrderDoc, now: number): Promise<void> {
  const paidAt = order.paidAt ?? now;
  const paid = order.paidFen;
  const day = chinaDayKey(paidAt);
  const shard = shardOf(order._id);
  const dayDoc: ShopDayDoc = { _id: dayId(order.shopId, day, shard), shopId: order.shopId, day, shard, paidOrders: 0, paidFen: ZERO_FEN, refundedFen: ZERO_FEN, counted: {} };
  await countOnce(db, COLLECTIONS.shopDays, dayDoc, `o.${order._id}`, { paidOrders: 1, paidFen: paid });
  const customer: CustomerDoc = {
    _id: customerId(order.shopId, order.buyerOpenid), shopId: order.shopId, openid: order.buyerOpenid,
    firstOrderAt: paidAt, lastOrderAt: paidAt, orderCount: 0, paidCount: 0, paidTotal: ZERO_FEN, counted: {},
  };
  await countOnce(db, COLLECTIONS.customers, customer, `o.${order._id}`, { orderCount: 1, paidCount: 1, paidTotal: paid }, { lastOrderAt: db.command.max(paidAt) });
}

/** A refund of the order's money succeeded: its day (the day of the refund) and its customer. */
export async function countRefund(db: Database, order: OrderDoc, refund: RefundDoc, now: number): Promise<void> {
  if (refund.secondPayment) return; // that money never counted as the order's
  const at = refund.finishedAt ?? now;
  const day = chinaDayKey(at);
  const shard = shardOf(refund.outRefundNo);
  const amount: Fen = refund.amount;
  const dayDoc: ShopDayDoc = { _id: dayId(order.shopId, day, shard), shopId: order.shopId, day, shard, paidOrders: 0, paidFen: ZERO_FEN, refundedFen: ZERO_FEN, counted: {} };
  await countOnce(db, COLLECTIONS.shopDays, dayDoc, `r.${refund.outRefundNo}`, { refundedFen: amount });
  const customer: CustomerDoc = {
    _id: customerId(order.shopId, order.buyerOpenid), shopId: order.shopId, openid: order.buyerOpenid,
    firstOrderAt: order.paidAt ?? at, lastOrderAt: order.paidAt ?? at, orderCount: 0, paidCount: 0, paidTotal: ZERO_FEN, counted: {},
  };
  await countOnce(db, COLLECTIONS.customers, customer, `r.${refund.outRefundNo}`, { paidTotal: -amount });
}
