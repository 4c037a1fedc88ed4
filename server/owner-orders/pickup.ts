// Pay on pickup (PRODUCT.md item 7; order-state.ts): the order waits unpaid with its stock reserved;
// at handover the owner marks it paid (reserved → sold), or cancels it when the buyer never came
// (reserved → back on the shelf). Order and stock change in ONE transaction (§2.9), so the stock
// invariant available + reserved + sold holds whatever happens in between.
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { StatusResult } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import type { OrderDoc, ProductDoc, StockState, TimelineEntry } from '../../core/model';
import { checkTransition, type OrderStatus } from '../../core/order-state';
import { inTransaction, txGet, type Tx } from '../store/db';
import { createEntitlements } from '../downloads/entitlements';
import type { OperationContext } from '../handler';
import { grantForPaidOrder } from '../memberships/grant';
import { transitionOrder } from '../store/orders';
import type { Database } from '../wechat/sdk';
import { ownedOrder } from './access';

/** Units per limited product (unlimited products were never reserved, core/checkout.ts reservationPlan). */
async function limitedUnits(tx: Tx, order: OrderDoc): Promise<Map<string, number>> {
  const units = new Map<string, number>();
  for (const line of order.lines) units.set(line.productId, (units.get(line.productId) ?? 0) + line.quantity);
  for (const productId of [...units.keys()]) {
    const product = await txGet<ProductDoc>(tx, COLLECTIONS.products, productId);
    if (!product || product.unlimited) units.delete(productId);
  }
  return units;
}

interface PickupMove {
  to: OrderStatus;
  event: 'marked_paid' | 'cancelled';
  stockState: StockState;
  set: Record<string, unknown>;
  note: string | null;
}

async function moveUnpaidPickupOrder(db: Database, seen: OrderDoc, move: PickupMove, ctx: OperationContext): Promise<Result<OrderDoc>> {
  const _ = db.command;
  return inTransaction(db, async (tx): Promise<Result<OrderDoc>> => {
    const order = await txGet<OrderDoc>(tx, COLLECTIONS.orders, seen._id);
    if (!order) return fail('ORDER_NOT_FOUND');
    if (order.paymentMethod !== 'on_pickup') return fail('INVALID_TRANSITION', { from: order.status, to: move.to, reason: 'not a pay-on-pickup order' });
    const allowed = checkTransition(order.status, move.to, 'owner');
    if (!allowed.ok) return allowed;
    if (order.stockState === 'reserved') {
      for (const [productId, q] of await limitedUnits(tx, order)) {
        const data = move.stockState === 'sold' ? { reserved: _.inc(-q), sold: _.inc(q) } : { reserved: _.inc(-q), stock: _.inc(q) };
        await tx.collection(COLLECTIONS.products).doc(productId).update({ data: { ...data, updatedAt: ctx.now } });
      }
    }
    const entry: TimelineEntry = { at: ctx.now, event: move.event, actor: 'owner', by: ctx.openid, from: order.status, to: move.to, note: move.note };
    const patch = { ...move.set, status: move.to, stockState: order.stockState === 'reserved' ? move.stockState : order.stockState, updatedAt: ctx.now };
    await tx.collection(COLLECTIONS.orders).doc(order._id).update({ data: { ...patch, timeline: _.push([entry]) } });
    return ok({ ...order, ...patch, timeline: [...order.timeline, entry] } as OrderDoc);
  });
}

export async function markPaid(p: Payload<'shopAdmin', 'markPaid'>, ctx: OperationContext): Promise<Result<StatusResult>> {
  const found = await ownedOrder(ctx, p.shopId, p.orderId);
  if (!found.ok) return found;
  const { shop, order } = found.data;
  const moved = await moveUnpaidPickupOrder(ctx.db, order, {
    to: 'paid', event: 'marked_paid', stockState: 'sold', note: null, set: { paidFen: order.total, paidAt: ctx.now },
  }, ctx);
  if (!moved.ok) return moved;
  const paid = moved.data;
  // What a paid order brings, as after a verified notify; each step is idempotent.
  await grantForPaidOrder(ctx.db, paid, ctx.now);
  await createEntitlements(ctx.db, paid, ctx.now);
  if (shop.settings.acceptMode === 'auto') {
    const accepted = await transitionOrder(ctx.db, paid, { to: 'accepted', actor: 'system', by: null, event: 'accepted', now: ctx.now, set: { acceptedAt: ctx.now } });
    if (accepted.ok) return ok({ orderId: paid._id, status: accepted.data });
  }
  return ok({ orderId: paid._id, status: paid.status });
}

export async function cancelOrder(p: Payload<'shopAdmin', 'cancelOrder'>, ctx: OperationContext): Promise<Result<StatusResult>> {
  const found = await ownedOrder(ctx, p.shopId, p.orderId);
  if (!found.ok) return found;
  const moved = await moveUnpaidPickupOrder(ctx.db, found.data.order, {
    to: 'cancelled', event: 'cancelled', stockState: 'released', note: p.reason, set: { cancelledAt: ctx.now, cancelReason: p.reason },
  }, ctx);
  if (!moved.ok) return moved;
  return ok({ orderId: moved.data._id, status: moved.data.status });
}
