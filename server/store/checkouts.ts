// The checkout lock (docs/style.md §8, Stripe's idempotency keys): the first `place` of a (buyer,
// requestId) inserts a checkouts document with a deterministic `_id` before touching stock, naming the
// order it is about to write and the units it is about to hold. A place that dies between its lock and
// its order leaves holds (and an unpaid slot) with no order behind them; `repairCheckout` gives them
// back and frees the requestId — run by the next request with that requestId and by the sweeper.
import { COLLECTIONS } from '../../core/collections';
import { checkoutId } from '../../core/ids';
import type { CheckoutDoc } from '../../core/model';
import { MINUTE_MS } from '../../core/time';
import type { Database } from '../wechat/sdk';
import { docOf, docsOf } from './db';
import { insertOnce } from './insert-once';
import { loadOrder } from './orders';
import { releaseStock } from './stock';
import { freeUnpaidSlot } from './unpaid-slots';
import { releaseCoupon } from './coupons';

/**
 * A place runs within its function's timeout (confirmOrder config.json: 20 s); a lock this old whose
 * order is missing belongs to a request that is gone.
 */
export const ABANDONED_AFTER_MS = 2 * MINUTE_MS;

/** true: this request owns the checkout; false: one with the same requestId was there first. */
export async function lockCheckout(db: Database, doc: CheckoutDoc): Promise<boolean> {
  return insertOnce(db, COLLECTIONS.checkouts, doc);
}

/** A place that wrote no order (out of stock, Cloud Pay refused) frees its requestId for a retry. */
export async function unlockCheckout(db: Database, buyerOpenid: string, requestId: string): Promise<void> {
  await db.collection(COLLECTIONS.checkouts).doc(checkoutId(buyerOpenid, requestId)).remove();
}

export async function findCheckout(db: Database, buyerOpenid: string, requestId: string): Promise<CheckoutDoc | null> {
  return docOf<CheckoutDoc>(await db.collection(COLLECTIONS.checkouts).doc(checkoutId(buyerOpenid, requestId)).get());
}

export function isAbandoned(checkout: CheckoutDoc, now: number): boolean {
  return now - checkout.createdAt >= ABANDONED_AFTER_MS;
}

/**
 * An abandoned checkout without its order: release what it holds, then free its requestId. true when
 * it was repaired; false when its order exists (nothing to do) or it is not abandoned yet.
 */
export async function repairCheckout(db: Database, checkout: CheckoutDoc, now: number): Promise<boolean> {
  if (!isAbandoned(checkout, now) || (await loadOrder(db, checkout.orderId))) return false;
  await releaseStock(db, checkout.orderId, checkout.holds ?? []);
  await freeUnpaidSlot(db, { _id: checkout.orderId, shopId: checkout.shopId, buyerOpenid: checkout.buyerOpenid });
  await releaseCoupon(db, checkout.couponId, checkout.orderId);
  await db.collection(COLLECTIONS.checkouts).where({ _id: checkout._id, orderId: checkout.orderId }).remove();
  return true;
}

/** Checkouts old enough to be abandoned, oldest first, not yet looked at (`settled` marks the looked-at ones). */
export async function abandonedCheckouts(db: Database, now: number, limit: number): Promise<CheckoutDoc[]> {
  const _ = db.command;
  const res = await db.collection(COLLECTIONS.checkouts)
    .where({ settled: _.neq(true), createdAt: _.lte(now - ABANDONED_AFTER_MS) })
    .orderBy('createdAt', 'asc').limit(limit).get();
  return docsOf<CheckoutDoc>(res);
}

/** The sweeper saw this checkout's order: never look at it again. */
export async function markCheckoutSettled(db: Database, checkout: CheckoutDoc): Promise<void> {
  await db.collection(COLLECTIONS.checkouts).doc(checkout._id).update({ data: { settled: true } });
}
