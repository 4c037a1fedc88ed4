// A shop's staff as the access check and the shop's views need them: one person's membership (read on
// every call, so a removal takes effect at the next one), and the names the timeline and alerts show.
import { COLLECTIONS } from '../../core/collections';
import type { ShopDoc, StaffDoc } from '../../core/model';
import { MAX_STAFF_PER_SHOP, ROLE_LABELS, staffId } from '../../core/roles';
import type { Database } from '../wechat/sdk';
import { docOf, docsOf } from './db';

/** The person's staff document in the shop, removed or not; null if they never joined. */
export async function loadStaff(db: Database, shopId: string, openid: string): Promise<StaffDoc | null> {
  return docOf<StaffDoc>(await db.collection(COLLECTIONS.staff).doc(staffId(shopId, openid)).get());
}

/** Everyone who ever joined the shop (removed ones too, for names), oldest first. */
export async function shopStaff(db: Database, shopId: string): Promise<StaffDoc[]> {
  // Removed people stay for their names; a shop that churned through more than this shows the oldest ones'
  // openids instead of names, which is acceptable.
  const res = await db.collection(COLLECTIONS.staff).where({ shopId }).orderBy('joinedAt', 'asc').limit(MAX_STAFF_PER_SHOP * 5).get();
  return docsOf<StaffDoc>(res);
}

/** openid → the name the shop knows them by: 店长 for the owner, the staff member's name otherwise. */
export function actorNames(shop: Pick<ShopDoc, 'ownerOpenid'>, staff: readonly StaffDoc[]): Map<string, string> {
  const names = new Map<string, string>(staff.map((s) => [s.openid, s.removedAt === null ? s.name : `${s.name}（已移除）`]));
  names.set(shop.ownerOpenid, ROLE_LABELS.owner);
  return names;
}

/** The shops the person works in now (not removed), newest first. */
export async function shopsOfStaff(db: Database, openid: string): Promise<StaffDoc[]> {
  const res = await db.collection(COLLECTIONS.staff).where({ openid, removedAt: null }).limit(MAX_STAFF_PER_SHOP).get();
  return docsOf<StaffDoc>(res).sort((a, b) => b.joinedAt - a.joinedAt);
}

/** Adds or removes a staff member from the shop's new-order listeners (ShopDoc.newOrderListeners). */
export async function setNewOrderListener(db: Database, shop: Pick<ShopDoc, '_id' | 'newOrderListeners'>, openid: string, on: boolean): Promise<void> {
  const listening = (shop.newOrderListeners ?? []).includes(openid);
  if (listening === on) return;
  const _ = db.command;
  await db.collection(COLLECTIONS.shops).doc(shop._id).update({ data: { newOrderListeners: on ? _.addToSet(openid) : _.pull(openid) } });
}
