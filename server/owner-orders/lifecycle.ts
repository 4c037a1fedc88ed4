// Accept, fulfil, complete (docs/product.md §3, §16, §17). Each is a compare-and-set on the status the
// order has now (server/orders/transition.ts); a stale screen gets INVALID_TRANSITION. The buyer hears
// about acceptance and fulfilment by subscribe message, and a fulfilled WeChat Pay order's shipping
// information goes to WeChat (docs/wechat-contracts.md §7.16: WeChat holds the shop's funds until it has it).
import { COLLECTIONS } from '../../core/collections';
import { completeDueAt } from '../../core/checkout';
import type { Payload } from '../../core/contracts/registry';
import type { StatusResult } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import type { Fulfilment, OrderDoc, ShopDoc } from '../../core/model';
import type { DeliveryMethod, FulfilmentKind } from '../../core/order-state';
import type { OperationContext } from '../handler';
import { notifyBuyer, uploadShipping } from '../wechat/notifications/notify';
import { recordOnTimeline, transitionOrder } from '../store/orders';
import type { Database } from '../wechat/sdk';
import { ownedOrder } from './access';
import { raiseAlert } from '../store/alerts';

export async function acceptOrder(p: Payload<'shopAdmin', 'acceptOrder'>, ctx: OperationContext): Promise<Result<StatusResult>> {
  const found = await ownedOrder(ctx, p.shopId, p.orderId, 'acceptOrder');
  if (!found.ok) return found;
  const { order } = found.data;
  const moved = await transitionOrder(ctx.db, order, {
    to: 'accepted', actor: 'owner', by: ctx.openid, event: 'accepted', now: ctx.now, set: { acceptedAt: ctx.now },
  });
  if (!moved.ok) return moved;
  await notifyBuyer({ ...order, status: 'accepted', acceptedAt: ctx.now }, 'accepted');
  return ok({ orderId: order._id, status: moved.data });
}

export async function completeOrder(p: Payload<'shopAdmin', 'completeOrder'>, ctx: OperationContext): Promise<Result<StatusResult>> {
  const found = await ownedOrder(ctx, p.shopId, p.orderId, 'completeOrder');
  if (!found.ok) return found;
  const { order } = found.data;
  const moved = await transitionOrder(ctx.db, order, {
    to: 'completed', actor: 'owner', by: ctx.openid, event: 'completed', now: ctx.now, set: { completedAt: ctx.now },
  });
  if (!moved.ok) return moved;
  return ok({ orderId: order._id, status: moved.data });
}

/** Which fulfilment kinds fit the delivery the buyer chose; virtual-only orders are fulfilled by the server. */
const KINDS_FOR: Record<DeliveryMethod, readonly FulfilmentKind[]> = {
  pickup: ['ready_for_pickup'],
  local: ['out_for_delivery', 'shipped'],
  express: ['shipped'],
};

/** Uploads the shipping information and records whether it went through; a failure alerts the owner. */
async function shipToWeChat(db: Database, order: OrderDoc, shop: ShopDoc, now: number, by: string): Promise<void> {
  if (order.paymentMethod !== 'wechat') return;
  const uploaded = await uploadShipping(order, shop);
  if (uploaded) {
    await db.collection(COLLECTIONS.orders).doc(order._id).update({ data: { fulfilment: { shippingUploaded: true } } });
    return;
  }
  await raiseAlert(db, {
    mode: 'refresh', shopId: shop._id, kind: 'shipping_upload_failed', subject: order._id, orderId: order._id, at: now, by,
    message: '发货信息未能上传到微信，货款可能被暂缓结算；请稍后在订单中重新发货',
  });
}

export async function fulfilOrder(p: Payload<'shopAdmin', 'fulfilOrder'>, ctx: OperationContext): Promise<Result<StatusResult>> {
  const found = await ownedOrder(ctx, p.shopId, p.orderId, 'fulfilOrder');
  if (!found.ok) return found;
  const { shop, order } = found.data;
  const method = order.delivery.method;
  if (!method || !KINDS_FOR[method].includes(p.kind)) {
    return fail('DELIVERY_NOT_AVAILABLE', { deliveryMethod: method, kind: p.kind });
  }
  const fulfilment: Fulfilment = {
    kind: p.kind,
    at: ctx.now,
    carrier: p.kind === 'shipped' ? p.carrier : null,
    trackingNo: p.kind === 'shipped' ? p.trackingNo : null,
    note: p.note,
    shippingUploaded: false,
  };
  const note = p.kind === 'shipped' ? `${p.carrier} ${p.trackingNo}` : p.note || null;
  if (order.status === 'fulfilled') {
    // Ready → shipped and the like: a sub-state of `fulfilled`, guarded by the status (order-state.ts).
    const updated = await recordOnTimeline(ctx.db, order, {
      at: ctx.now, event: 'fulfilment_updated', actor: 'owner', by: ctx.openid, note,
    }, { fulfilment: ctx.db.command.set(fulfilment) });
    if (!updated) return fail('INVALID_TRANSITION', { from: order.status, reason: 'changed concurrently' });
  } else {
    const moved = await transitionOrder(ctx.db, order, {
      to: 'fulfilled', actor: 'owner', by: ctx.openid, event: 'fulfilled', now: ctx.now, note,
      set: { fulfilment: ctx.db.command.set(fulfilment), fulfilledAt: ctx.now, completeDueAt: completeDueAt(ctx.now, shop.settings) },
    });
    if (!moved.ok) return moved;
  }
  const fulfilled: OrderDoc = { ...order, status: 'fulfilled', fulfilment, fulfilledAt: order.fulfilledAt ?? ctx.now };
  await shipToWeChat(ctx.db, fulfilled, shop, ctx.now, ctx.openid);
  await notifyBuyer(fulfilled, 'shipped');
  return ok({ orderId: order._id, status: 'fulfilled' });
}
