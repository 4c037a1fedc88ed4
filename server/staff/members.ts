// The owner's staff page (core/roles.ts): list, rename / change role / set the refund limit, remove.
// Removal sets removedAt; the access check reads the staff document on every call (store/shops.ts), so
// the person's next call is refused. The document stays so their past actions keep a name.
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { StaffList, StaffRow } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import type { StaffDoc } from '../../core/model';
import { staffId } from '../../core/roles';
import type { OperationContext } from '../handler';
import { updatedCount } from '../store/db';
import { accessibleShop, shopAccess } from '../store/shops';
import { loadStaff, setNewOrderListener, shopStaff } from '../store/staff';
import { mayRun } from '../../core/roles';
import { inviteView, openInvites } from './invites';

export function staffRow(s: StaffDoc): StaffRow {
  return { openid: s.openid, name: s.name, role: s.role, refundLimit: s.refundLimit, notifyNewOrders: s.notifyNewOrders, joinedAt: s.joinedAt };
}

export async function listStaff(p: Payload<'shopAdmin', 'listStaff'>, ctx: OperationContext): Promise<Result<StaffList>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'listStaff');
  if (!shop.ok) return shop;
  const [staff, invites] = await Promise.all([shopStaff(ctx.db, p.shopId), openInvites(ctx, p.shopId)]);
  return ok({
    staff: staff.filter((s) => s.removedAt === null).map(staffRow),
    invites: invites.map((i) => inviteView(i, shop.data.name)),
  });
}

export async function updateStaff(p: Payload<'shopAdmin', 'updateStaff'>, ctx: OperationContext): Promise<Result<StaffRow>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'updateStaff');
  if (!shop.ok) return shop;
  const member = await loadStaff(ctx.db, p.shopId, p.openid);
  if (!member || member.removedAt !== null) return fail('STAFF_NOT_FOUND');
  const set: Partial<StaffDoc> = { updatedAt: ctx.now };
  if (p.name !== undefined) set.name = p.name;
  if (p.role !== undefined) set.role = p.role;
  if (p.refundLimit !== undefined) set.refundLimit = p.refundLimit;
  const res = await ctx.db.collection(COLLECTIONS.staff).where({ _id: member._id, removedAt: null }).update({ data: set });
  if (updatedCount(res) !== 1) return fail('STAFF_NOT_FOUND');
  // A role that no longer sees orders no longer hears of them.
  if (p.role !== undefined && !mayRun(p.role, 'subscribeNewOrders')) await setNewOrderListener(ctx.db, shop.data, p.openid, false);
  return ok(staffRow({ ...member, ...set }));
}

export async function removeStaff(p: Payload<'shopAdmin', 'removeStaff'>, ctx: OperationContext): Promise<Result<{ openid: string }>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'removeStaff');
  if (!shop.ok) return shop;
  const member = await loadStaff(ctx.db, p.shopId, p.openid);
  if (!member) return fail('STAFF_NOT_FOUND');
  // Removing twice is fine: the first removal's time stays.
  if (member.removedAt === null) {
    await ctx.db.collection(COLLECTIONS.staff).where({ _id: member._id, removedAt: null })
      .update({ data: { removedAt: ctx.now, notifyNewOrders: false, updatedAt: ctx.now } });
  }
  await setNewOrderListener(ctx.db, shop.data, p.openid, false);
  return ok({ openid: p.openid });
}

/** A staff member who handles orders asks for (or stops) the new-order message; the owner always gets it. */
export async function subscribeNewOrders(p: Payload<'shopAdmin', 'subscribeNewOrders'>, ctx: OperationContext): Promise<Result<{ on: boolean }>> {
  const access = await shopAccess(ctx.db, p.shopId, ctx.openid, 'subscribeNewOrders');
  if (!access.ok) return access;
  if (!access.data.member) return ok({ on: true });
  await ctx.db.collection(COLLECTIONS.staff).where({ _id: staffId(p.shopId, ctx.openid), removedAt: null })
    .update({ data: { notifyNewOrders: p.on, updatedAt: ctx.now } });
  await setNewOrderListener(ctx.db, access.data.shop, ctx.openid, p.on);
  return ok({ on: p.on });
}
