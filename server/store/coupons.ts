// Coupons in buyers' hands (model.ts CouponClaimDoc), race-free without a transaction:
//   total quantity  a guarded counter on the coupon: `issued < quantity` and +1 in one update, so a
//                   hundred buyers at once cannot pass the quantity;
//   per buyer       insert-once of `<couponId>.<openid>.<k>` for k ≤ perBuyer, so one buyer's taps at
//                   once cannot pass the limit. The counter moves first: a crash between the two leaves
//                   one coupon counted and not handed out (never one handed out past the quantity);
//                   a buyer over the limit gives the count back.
//   one order       an unpaid order holds the coupon (`heldBy`, a guarded update while it is neither held
//                   nor used), the owed `release_coupon` frees it when the order is cancelled or expires,
//                   the owed `use_coupon` marks it used when paid (effects.ts); a full refund while the
//                   coupon is still valid gives it back (refunds/followups.ts).
import { COLLECTIONS } from '../../core/collections';
import { fail, ok, type Result } from '../../core/errors';
import { fen, ZERO_FEN } from '../../core/money';
import type { ActivityDoc, CouponClaimDoc, CouponDoc, OrderDoc } from '../../core/model';
import { DAY_MS } from '../../core/time';
import type { Database } from '../wechat/sdk';
import { docOf, docsOf, updatedCount } from './db';
import { insertOnce } from './insert-once';

/** A buyer keeps at most this many coupons of one shop in view (the checkout reads them all). */
export const MAX_CLAIMS_READ = 100;
/** A shop runs at most this many 满减 activities at once. */
export const MAX_ACTIVITIES = 20;

export const claimId = (couponId: string, openid: string, k: number): string => `${couponId}.${openid}.${k}`;

export async function loadCoupon(db: Database, couponId: string): Promise<CouponDoc | null> {
  return docOf<CouponDoc>(await db.collection(COLLECTIONS.coupons).doc(couponId).get());
}

function validWindow(c: CouponDoc, now: number): { validFrom: number; validUntil: number } {
  return c.validity.kind === 'dates'
    ? { validFrom: c.validity.from, validUntil: c.validity.until }
    : { validFrom: now, validUntil: now + c.validity.days * DAY_MS };
}

/** One more of `coupon` for `openid`: COUPON_LIMIT at the per-buyer limit, COUPON_SOLD_OUT at the quantity. */
export async function claimCoupon(db: Database, coupon: CouponDoc, openid: string, now: number): Promise<Result<CouponClaimDoc>> {
  const _ = db.command;
  const mine = docsOf<CouponClaimDoc>(await db.collection(COLLECTIONS.couponClaims)
    .where({ couponId: coupon._id, buyerOpenid: openid }).limit(coupon.perBuyer + 1).get());
  if (mine.length >= coupon.perBuyer) return fail('COUPON_LIMIT', { perBuyer: coupon.perBuyer });
  const counted = await db.collection(COLLECTIONS.coupons)
    .where({ _id: coupon._id, status: 'active', issued: _.lt(coupon.quantity) })
    .update({ data: { issued: _.inc(1) } });
  if (updatedCount(counted) !== 1) return fail('COUPON_SOLD_OUT');
  const taken = new Set(mine.map((c) => c.k));
  for (let k = 1; k <= coupon.perBuyer; k += 1) {
    if (taken.has(k)) continue;
    const doc: CouponClaimDoc = {
      _id: claimId(coupon._id, openid, k), couponId: coupon._id, shopId: coupon.shopId, buyerOpenid: openid, k, name: coupon.name,
      benefit: coupon.benefit, scope: coupon.scope, membersOnly: coupon.membersOnly, ...validWindow(coupon, now),
      heldBy: null, usedBy: null, usedAt: null, usedFen: ZERO_FEN, claimedAt: now,
    };
    if (await insertOnce(db, COLLECTIONS.couponClaims, doc)) return ok(doc);
  }
  // Another tap of the same buyer took the last place: give the count back.
  await db.collection(COLLECTIONS.coupons).where({ _id: coupon._id, issued: _.gt(0) }).update({ data: { issued: _.inc(-1) } });
  return fail('COUPON_LIMIT', { perBuyer: coupon.perBuyer });
}

/** The buyer's coupons in a shop, newest validity first. */
export async function buyerClaims(db: Database, shopId: string, openid: string): Promise<CouponClaimDoc[]> {
  return docsOf<CouponClaimDoc>(await db.collection(COLLECTIONS.couponClaims)
    .where({ buyerOpenid: openid, shopId }).orderBy('validUntil', 'desc').limit(MAX_CLAIMS_READ).get());
}

/** The shop's active 满减 activities (dates are checked by promotions.ts). */
export async function activeActivities(db: Database, shopId: string, now: number): Promise<ActivityDoc[]> {
  const _ = db.command;
  return docsOf<ActivityDoc>(await db.collection(COLLECTIONS.activities)
    .where({ shopId, status: 'active', endsAt: _.gt(now) }).limit(MAX_ACTIVITIES).get());
}

/** true: `orderId` now holds the coupon; false: another order holds it, or it was used. */
export async function holdCoupon(db: Database, couponId: string, buyerOpenid: string, orderId: string): Promise<boolean> {
  const res = await db.collection(COLLECTIONS.couponClaims)
    .where({ _id: couponId, buyerOpenid, heldBy: null, usedBy: null }).update({ data: { heldBy: orderId } });
  return updatedCount(res) === 1;
}

/** The order no longer waits for payment (or was never written): its coupon is free again. Idempotent. */
export async function releaseCoupon(db: Database, couponId: string | null | undefined, orderId: string): Promise<void> {
  if (!couponId) return;
  await db.collection(COLLECTIONS.couponClaims).where({ _id: couponId, heldBy: orderId }).update({ data: { heldBy: null } });
}

/**
 * The order is paid: its coupon is used. Held by it (the usual case), or free again (a late payment after
 * the cancel released it): either way it is used now. Held by another unpaid order or used by another
 * order: the buyer paid the discounted price anyway and the shop honours it (docs/product.md §19). Idempotent.
 */
export async function useCoupon(db: Database, order: OrderDoc, now: number): Promise<void> {
  if (!order.couponId) return;
  const used = { heldBy: null, usedBy: order._id, usedAt: now, usedFen: fen(order.paidFen) };
  const claims = db.collection(COLLECTIONS.couponClaims);
  const held = await claims.where({ _id: order.couponId, heldBy: order._id, usedBy: null }).update({ data: used });
  if (updatedCount(held) === 1) return;
  await claims.where({ _id: order.couponId, heldBy: null, usedBy: null }).update({ data: used });
}

/** A full refund while the coupon is still valid gives it back to the buyer. Idempotent. */
export async function returnCoupon(db: Database, order: OrderDoc, now: number): Promise<void> {
  if (!order.couponId) return;
  const _ = db.command;
  await db.collection(COLLECTIONS.couponClaims)
    .where({ _id: order.couponId, usedBy: order._id, validUntil: _.gt(now) })
    .update({ data: { usedBy: null, usedAt: null, usedFen: ZERO_FEN } });
}
