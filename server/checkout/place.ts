// confirmOrder.place: merged quantities, shelf / members-only / stock checks, guarded atomic
// reservations in a fixed order with compensation, the order with its price snapshot and expiry, then
// cloudPay.unifiedOrder (the shop's sub-merchant, timeExpire before the reservation ends, functionName
// payNotify, envId of this environment). Idempotent by (buyer, requestId) (replay.ts).
//
// Database round trips for a 3-line cart (budget ≤ 14): 6 reads at once (shop, products, memberships,
// running 满减, the buyer's coupons, an earlier checkout of this requestId), the checkout lock, the buyer's unpaid slots (a read and a
// claim), one reservation per limited product (3), the order, its payment parameters = 14; holding a coupon adds one. Nothing is written before every rule has passed, so a refused
// cart — or a replay — writes nothing.
import { COLLECTIONS } from '../../core/collections';
import { cartFingerprint, checkPlace, reservationPlan, unpaidLimit } from '../../core/checkout';
import type { Payload } from '../../core/contracts/registry';
import type { PlaceResult } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import { checkoutId, newId } from '../../core/ids';
import type { OrderDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import type { Database } from '../wechat/sdk';
import { randomInt } from '../random';
import { transitionOrder } from '../store/orders';
import { prepay } from '../store/payments/prepay';
import { buildOrder } from './order';
import { loadCheckoutInputs, quoteFor } from './quote';
import { placeResult, replay } from './replay';
import { savePaymentParams } from '../store/payments/prepay';
import { findCheckout, lockCheckout, unlockCheckout } from '../store/checkouts';
import { releaseStock, reserveStock } from '../store/stock';
import { settleOwed } from '../store/effects';
import { CANCEL_EFFECTS } from '../store/owed';
import { claimUnpaidSlot, freeUnpaidSlot } from '../store/unpaid-slots';
import { holdCoupon, releaseCoupon } from '../store/coupons';

type PlacePayload = Payload<'confirmOrder', 'place'>;

export async function placeOperation(p: PlacePayload, ctx: OperationContext): Promise<Result<PlaceResult>> {
  // The coupon choice is part of the request: another choice under the same requestId is another cart.
  const fingerprint = cartFingerprint({
    shopId: p.shopId, lines: p.lines, deliveryMethod: p.deliveryMethod, address: p.address, note: p.note, paymentMethod: p.paymentMethod,
  }) + (p.coupon === 'auto' ? '' : `|${p.coupon}`);
  // One retry: a first request that gave up (out of stock) frees the requestId while we waited on it.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const placed = await placeOnce(p, ctx, fingerprint);
    if (placed !== 'retry') return placed;
  }
  return fail('PAYMENT_PENDING', { requestId: p.requestId });
}

async function placeOnce(p: PlacePayload, ctx: OperationContext, fingerprint: string): Promise<Result<PlaceResult> | 'retry'> {
  const { db, openid, now } = ctx;
  const [inputs, earlier] = await Promise.all([
    loadCheckoutInputs(db, p.shopId, openid, p.lines, now),
    findCheckout(db, openid, p.requestId),
  ]);
  // A replay answers from what the first request did, without writing (the stock may have gone since).
  if (earlier) {
    const replayed = await replay(db, openid, p.requestId, fingerprint);
    if (replayed.kind === 'result') return replayed.result;
  }
  if (!inputs.ok) return inputs;
  const { shop, memberTags } = inputs.data;
  const quoted = quoteFor(inputs.data, p.lines, p.deliveryMethod, p.coupon);
  const checked = quoted.ok
    ? checkPlace(quoted.data, { paymentMethod: p.paymentMethod, address: p.address, clientPlatform: p.clientPlatform }, shop.settings)
    : quoted;
  if (!checked.ok) return checked;
  const q = checked.data;

  const orderId = newId('O', now, randomInt);
  const plan = reservationPlan(q);
  const couponId = q.discounts?.couponId ?? null;
  // The lock names the order and the units it is about to hold, so a place that dies before writing
  // its order is undone by the sweeper or the next request with this requestId (checkouts.ts).
  const locked = await lockCheckout(db, {
    _id: checkoutId(openid, p.requestId), buyerOpenid: openid, requestId: p.requestId, shopId: shop._id, fingerprint, orderId,
    holds: plan, couponId, createdAt: now,
  });
  if (!locked) {
    const earlier = await replay(db, openid, p.requestId, fingerprint);
    return earlier.kind === 'result' ? earlier.result : 'retry';
  }

  const slot = await claimUnpaidSlot(db, { shopId: shop._id, buyerOpenid: openid, orderId, limit: unpaidLimit(shop.settings), now });
  if (slot === null) {
    await unlockCheckout(db, openid, p.requestId);
    return fail('TOO_MANY_UNPAID', { limit: unpaidLimit(shop.settings) });
  }
  // The coupon before the stock: a second checkout of the same buyer with the same coupon is told here,
  // holding nothing (promotions: one unpaid order holds a coupon; store/coupons.ts).
  if (couponId !== null && !(await holdCoupon(db, couponId, openid, orderId))) {
    await freeUnpaidSlot(db, { _id: orderId, shopId: shop._id, buyerOpenid: openid });
    await unlockCheckout(db, openid, p.requestId);
    return fail('COUPON_IN_USE', { couponId });
  }
  const reserved = await reserveStock(db, orderId, plan);
  if (!reserved.ok) {
    await releaseCoupon(db, couponId, orderId);
    await freeUnpaidSlot(db, { _id: orderId, shopId: shop._id, buyerOpenid: openid });
    await unlockCheckout(db, openid, p.requestId);
    return fail('OUT_OF_STOCK', { productId: reserved.productId, skuId: reserved.skuId, available: null });
  }
  const order = buildOrder({
    orderId, shop, buyerOpenid: openid, requestId: p.requestId, quote: q, memberTags, address: p.address, note: p.note,
    paymentMethod: p.paymentMethod, now,
  });
  try {
    await db.collection(COLLECTIONS.orders).add({ data: order });
  } catch (err) {
    await releaseStock(db, orderId, plan);
    await releaseCoupon(db, couponId, orderId);
    await freeUnpaidSlot(db, order);
    await unlockCheckout(db, openid, p.requestId);
    throw err;
  }
  if (p.paymentMethod === 'on_pickup') return ok(placeResult(order, false));

  const params = await prepay(order, shop.name);
  if (params.ok) {
    await savePaymentParams(db, order, params.data);
    return ok(placeResult({ ...order, payment: order.payment && { ...order.payment, params: params.data } }, false));
  }
  if (params.details?.retryable === true) {
    // Cloud Pay unreachable: the order stays unpaid; the same requestId (or repay) asks again.
    return { ...params, details: { ...params.details, orderId } };
  }
  await withdraw(db, order, params.message);
  await unlockCheckout(db, openid, p.requestId);
  return params;
}

/** Cloud Pay refused the order (e.g. the sub-merchant is not bound): nothing can pay it, so give the stock back. */
async function withdraw(db: Database, order: OrderDoc, reason: string): Promise<void> {
  const cancelled = await transitionOrder(db, order, {
    to: 'cancelled', actor: 'system', by: null, event: 'cancelled', now: order.createdAt, note: `微信支付下单失败：${reason}`,
    set: { cancelReason: '微信支付下单失败', cancelledAt: order.createdAt, stockState: 'released', owed: db.command.push([...CANCEL_EFFECTS]) },
  });
  if (cancelled.ok) await settleOwed(db, { ...order, status: 'cancelled', owed: [...CANCEL_EFFECTS] }, order.createdAt);
}
