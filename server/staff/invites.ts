// Inviting staff (core/roles.ts): the owner makes a one-time code, good for 24 hours on the function's
// clock; a share card carries it to the invitee, who accepts it in the mini-program. The code is the
// invitation's `_id` (insert-once: a collision is a duplicate key and another code is drawn). Accepting
// is a compare-and-set of `usedBy` from null to the caller, so a code works once: a second person, or
// the same code after it expired, is refused and nothing is written. The caller who won the code and
// crashed before their staff document was written finds it theirs on retry and finishes.
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { InviteView, JoinedShop } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import { SHOP_CODE_ALPHABET } from '../../core/ids';
import type { ShopDoc, StaffDoc, StaffInviteDoc } from '../../core/model';
import { INVITE_CODE_LENGTH, INVITE_TTL_MS, MAX_STAFF_PER_SHOP, staffId } from '../../core/roles';
import type { OperationContext } from '../handler';
import { randomInt } from '../random';
import { docOf, docsOf, updatedCount } from '../store/db';
import { insertOnce } from '../store/insert-once';
import { accessibleShop, loadShop } from '../store/shops';
import { shopStaff } from '../store/staff';

/** Draws before giving up: each loss is a code collision, about n/31^8. */
const CODE_ATTEMPTS = 5;

export const joinPath = (code: string) => `owner/pages/join/index?code=${code}`;

function newCode(): string {
  return Array.from({ length: INVITE_CODE_LENGTH }, () => SHOP_CODE_ALPHABET[randomInt(SHOP_CODE_ALPHABET.length)]).join('');
}

export function inviteView(invite: StaffInviteDoc, shopName: string): InviteView {
  return {
    code: invite._id, shopId: invite.shopId, shopName, role: invite.role, name: invite.name, expiresAt: invite.expiresAt, path: joinPath(invite._id),
  };
}

/** Invitations of the shop still open (not used, not expired), newest first. */
export async function openInvites(ctx: OperationContext, shopId: string): Promise<StaffInviteDoc[]> {
  const res = await ctx.db.collection(COLLECTIONS.staffInvites).where({ shopId }).orderBy('createdAt', 'desc').limit(MAX_STAFF_PER_SHOP).get();
  return docsOf<StaffInviteDoc>(res).filter((i) => i.usedBy === null && i.expiresAt > ctx.now);
}

export async function inviteStaff(p: Payload<'shopAdmin', 'inviteStaff'>, ctx: OperationContext): Promise<Result<InviteView>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'inviteStaff');
  if (!shop.ok) return shop;
  const [staff, open] = await Promise.all([shopStaff(ctx.db, p.shopId), openInvites(ctx, p.shopId)]);
  if (staff.filter((s) => s.removedAt === null).length + open.length >= MAX_STAFF_PER_SHOP) return fail('STAFF_LIMIT', { max: MAX_STAFF_PER_SHOP });
  for (let attempt = 1; attempt <= CODE_ATTEMPTS; attempt += 1) {
    const invite: StaffInviteDoc = {
      _id: newCode(), shopId: p.shopId, role: p.role, name: p.name, refundLimit: p.refundLimit, createdBy: ctx.openid,
      createdAt: ctx.now, expiresAt: ctx.now + INVITE_TTL_MS, usedBy: null, usedAt: null,
    };
    if (await insertOnce(ctx.db, COLLECTIONS.staffInvites, invite)) return ok(inviteView(invite, shop.data.name));
  }
  throw new Error(`inviteStaff: ${CODE_ATTEMPTS} invitation codes collided`);
}

/** Checks that write nothing: the code exists, has not expired, is not someone else's, is not for the caller's own shop. */
async function usableInvite(ctx: OperationContext, code: string): Promise<Result<{ invite: StaffInviteDoc; shop: ShopDoc }>> {
  const invite = docOf<StaffInviteDoc>(await ctx.db.collection(COLLECTIONS.staffInvites).doc(code).get());
  if (!invite) return fail('INVITE_NOT_FOUND');
  if (invite.usedBy !== null && invite.usedBy !== ctx.openid) return fail('INVITE_USED');
  if (invite.usedBy === null && ctx.now >= invite.expiresAt) return fail('INVITE_EXPIRED', { expiresAt: invite.expiresAt });
  const shop = await loadShop(ctx.db, invite.shopId);
  if (!shop) return fail('SHOP_NOT_FOUND');
  if (shop.ownerOpenid === ctx.openid) return fail('INVITE_OWN_SHOP');
  return ok({ invite, shop });
}

export async function acceptInvite(p: Payload<'shopAdmin', 'acceptInvite'>, ctx: OperationContext): Promise<Result<JoinedShop>> {
  const usable = await usableInvite(ctx, p.code);
  if (!usable.ok) return usable;
  const { invite, shop } = usable.data;
  if (invite.usedBy === null) {
    const claimed = await ctx.db.collection(COLLECTIONS.staffInvites)
      .where({ _id: invite._id, usedBy: null })
      .update({ data: { usedBy: ctx.openid, usedAt: ctx.now } });
    // Someone else's accept committed between our read and our write.
    if (updatedCount(claimed) !== 1) return fail('INVITE_USED');
  }
  const { _id, ...member }: StaffDoc = {
    _id: staffId(shop._id, ctx.openid), shopId: shop._id, openid: ctx.openid, name: invite.name, role: invite.role,
    refundLimit: invite.refundLimit, notifyNewOrders: false, inviteCode: invite._id, joinedAt: invite.usedAt ?? ctx.now, removedAt: null,
    updatedAt: ctx.now,
  };
  // The whole document: a person removed earlier and invited again starts afresh.
  await ctx.db.collection(COLLECTIONS.staff).doc(_id).set({ data: member });
  return ok({ shopId: shop._id, shopName: shop.name, role: invite.role, name: invite.name });
}
