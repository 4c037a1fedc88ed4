// Pay on pickup (docs/product.md §7; order-state.ts): the order waits unpaid with its stock reserved;
// at handover the owner marks it paid (reserved → sold), or cancels it when the buyer never came
// (reserved → back on the shelf). Order and stock change in ONE transaction (docs/wechat-contracts.md §2.9), so the stock
// invariant available + reserved + sold holds whatever happens in between.
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { StatusResult } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import type { OrderDoc, OrderEffect, ProductDoc, StockState, TimelineEntry } from '../../core/model';
import { checkTransition, type OrderStatus } from '../../core/order-state';
import { inTransaction, txGet } from '../store/db';
import { settleOwed } from '../store/effects';
import { couponUsed, deliveryEffects } from '../store/owed';
import { bucketPath, heldBy, holdPath, stockItems } from '../store/stock';
import type { OperationContext } from '../handler';
import { transitionOrder } from '../store/orders';
import type { Database } from '../wechat/sdk';
import { ownedOrder } from './access';


interface PickupMove {
  to: OrderStatus;
  event: 'marked_paid' | 'cancelled';
  stockState: StockState;
  set: Record<string, unknown>;
  note: string | null;
  /** Effects the move owes, recorded with it (store/effects.ts). */
  owed: OrderEffect[];
}

async function moveUnpaidPickupOrder(db: Database, seen: OrderDoc, move: PickupMove, ctx: OperationContext): Promise<Result<OrderDoc>> {
  const _ = db.command;
  return inTransaction(db, async (tx): Promise<Result<OrderDoc>> => {
    const order = await txGet<OrderDoc>(tx, COLLECTIONS.orders, seen._id);
    if (!order) return fail('ORDER_NOT_FOUND');
    if (order.paymentMethod !== 'on_pickup') return fail('INVALID_TRANSITION', { from: order.status, to: move.to, reason: 'not a pay-on-pickup order' });
    const allowed = checkTransition(order.status, move.to, 'owner');
    if (!allowed.ok) return allowed;
    // The order's holds say which units are its own, whatever the products' flags say now (store/stock.ts).
    const read = new Map<string, ProductDoc | null>();
    for (const { productId, skuId } of stockItems(order.lines)) {
      if (!read.has(productId)) read.set(productId, await txGet<ProductDoc>(tx, COLLECTIONS.products, productId));
      const product = read.get(productId);
      const q = product ? heldBy(product, order._id, skuId) : 0;
      if (!q) continue;
      const into = bucketPath(skuId, move.stockState === 'sold' ? 'sold' : 'stock');
      const data = { [bucketPath(skuId, 'reserved')]: _.inc(-q), [into]: _.inc(q), [holdPath(order._id, skuId)]: _.remove(), updatedAt: ctx.now };
      await tx.collection(COLLECTIONS.products).doc(productId).update({ data });
    }
    const entry: TimelineEntry = { at: ctx.now, event: move.event, actor: 'owner', by: ctx.openid, from: order.status, to: move.to, note: move.note };
    const patch = { ...move.set, status: move.to, stockState: order.stockState === 'reserved' ? move.stockState : order.stockState, updatedAt: ctx.now };
    const owed = move.owed.filter((e) => !(order.owed ?? []).includes(e));
    await tx.collection(COLLECTIONS.orders).doc(order._id).update({ data: { ...patch, timeline: _.push([entry]), owed: _.push(owed) } });
    return ok({ ...order, ...patch, owed: [...(order.owed ?? []), ...owed], timeline: [...order.timeline, entry] } as OrderDoc);
  });
}

export async function markPaid(p: Payload<'shopAdmin', 'markPaid'>, ctx: OperationContext): Promise<Result<StatusResult>> {
  const found = await ownedOrder(ctx, p.shopId, p.orderId, 'markPaid');
  if (!found.ok) return found;
  const { shop, order } = found.data;
  const moved = await moveUnpaidPickupOrder(ctx.db, order, {
    to: 'paid', event: 'marked_paid', stockState: 'sold', note: null, set: { paidFen: order.total, paidAt: ctx.now },
    owed: ['free_slot', ...couponUsed(order), 'count_paid', ...deliveryEffects(order)],
  }, ctx);
  if (!moved.ok) return moved;
  // What a paid order brings, as after a verified notify; owed with the move, so a crash here is repaired.
  const paid = await settleOwed(ctx.db, moved.data, ctx.now, shop);
  if (shop.settings.acceptMode === 'auto') {
    const accepted = await transitionOrder(ctx.db, paid, { to: 'accepted', actor: 'system', by: null, event: 'accepted', now: ctx.now, set: { acceptedAt: ctx.now } });
    if (accepted.ok) return ok({ orderId: paid._id, status: accepted.data });
  }
  return ok({ orderId: paid._id, status: paid.status });
}

export async function cancelOrder(p: Payload<'shopAdmin', 'cancelOrder'>, ctx: OperationContext): Promise<Result<StatusResult>> {
  const found = await ownedOrder(ctx, p.shopId, p.orderId, 'cancelOrder');
  if (!found.ok) return found;
  const moved = await moveUnpaidPickupOrder(ctx.db, found.data.order, {
    to: 'cancelled', event: 'cancelled', stockState: 'released', note: p.reason, set: { cancelledAt: ctx.now, cancelReason: p.reason },
    owed: ['free_slot', 'release_coupon'],
  }, ctx);
  if (!moved.ok) return moved;
  return ok({ orderId: moved.data._id, status: moved.data.status });
}
