// A buyer's unpaid orders in a shop are capped (ShopSettings.maxUnpaidPerBuyer): one account must not
// hold the whole shelf with orders it never pays. A count read before placing would let fifty places at
// once all see zero; instead each unpaid order claims a numbered slot — insert-once of
// `<shopId>.<openid>.<n>` for the lowest free n ≤ limit — so the limit holds under any concurrency. The
// slot goes when the order leaves unpaid (the owed `free_slot`, effects.ts) or, for a place that died
// before writing its order, with the checkout's repair (checkouts.ts).
import { COLLECTIONS } from '../../core/collections';
import type { UnpaidSlotDoc } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { docsOf } from './db';
import { insertOnce } from './insert-once';

export const slotId = (shopId: string, openid: string, n: number): string => `${shopId}.${openid}.${n}`;

/** The slot number claimed for `orderId`, or null when the buyer already holds `limit` unpaid orders here. */
export async function claimUnpaidSlot(
  db: Database, s: { shopId: string; buyerOpenid: string; orderId: string; limit: number; now: number },
): Promise<number | null> {
  const held = docsOf<UnpaidSlotDoc>(await db.collection(COLLECTIONS.unpaidSlots)
    .where({ shopId: s.shopId, buyerOpenid: s.buyerOpenid }).limit(100).get());
  const mine = held.find((h) => h.orderId === s.orderId);
  if (mine) return mine.n;
  const taken = new Set(held.map((h) => h.n));
  for (let n = 1; n <= s.limit; n += 1) {
    if (taken.has(n)) continue;
    const doc: UnpaidSlotDoc = { _id: slotId(s.shopId, s.buyerOpenid, n), shopId: s.shopId, buyerOpenid: s.buyerOpenid, n, orderId: s.orderId, createdAt: s.now };
    if (await insertOnce(db, COLLECTIONS.unpaidSlots, doc)) return n;
  }
  return null;
}

/** The order no longer waits for payment (or was never written): its slot is free. Idempotent. */
export async function freeUnpaidSlot(db: Database, order: { shopId: string; buyerOpenid: string; _id: string }): Promise<void> {
  await db.collection(COLLECTIONS.unpaidSlots).where({ shopId: order.shopId, buyerOpenid: order.buyerOpenid, orderId: order._id }).remove();
}
