// Reading a shop and proving the caller may act on it: every owner operation starts with shopAccess, so
// a buyer, another shop's owner or a removed staff member gets NOT_SHOP_OWNER, and a staff member whose
// role does not allow the operation gets FORBIDDEN_ROLE, before anything is written. The table of who may
// do what is core/roles.ts; this is the one place it is applied.
import { COLLECTIONS } from '../../core/collections';
import { fail, ok, type Result } from '../../core/errors';
import type { ShopDoc, StaffDoc } from '../../core/model';
import { mayRun, type ShopOperation, type ShopRole } from '../../core/roles';
import type { Database } from '../wechat/sdk';
import { docOf } from './db';
import { loadStaff } from './staff';

export async function loadShop(db: Database, shopId: string): Promise<ShopDoc | null> {
  return docOf<ShopDoc>(await db.collection(COLLECTIONS.shops).doc(shopId).get());
}

export interface ShopAccess {
  shop: ShopDoc;
  role: ShopRole;
  /** The caller's staff document; null for the owner. */
  member: StaffDoc | null;
}

/**
 * The shop, if `openid` may run `operation` on it. The owner costs one read (the shop); anyone else a
 * second (their staff document, read every time so a removal or a role change counts at once).
 * SHOP_NOT_FOUND for a shop that does not exist.
 */
export async function shopAccess(db: Database, shopId: string, openid: string, operation: ShopOperation): Promise<Result<ShopAccess>> {
  const shop = await loadShop(db, shopId);
  if (!shop) return fail('SHOP_NOT_FOUND');
  if (shop.ownerOpenid === openid) return ok({ shop, role: 'owner', member: null });
  const member = openid ? await loadStaff(db, shopId, openid) : null;
  if (!member || member.removedAt !== null) return fail('NOT_SHOP_OWNER');
  if (!mayRun(member.role, operation)) return fail('FORBIDDEN_ROLE', { role: member.role, operation });
  return ok({ shop, role: member.role, member });
}

/** shopAccess for the callers that only need the shop. */
export async function accessibleShop(db: Database, shopId: string, openid: string, operation: ShopOperation): Promise<Result<ShopDoc>> {
  const access = await shopAccess(db, shopId, openid, operation);
  return access.ok ? ok(access.data.shop) : access;
}
