// The membership function (core/contracts/membership.ts): a buyer's memberships across shops, and the
// owner's members list, gifts and revocations. Owner operations start with shopAccess (NOT_SHOP_OWNER
// before anything is written).
import { fail, ok, type Result } from '../../core/errors';
import { COLLECTIONS } from '../../core/collections';
import type { GiftResult, MemberRow, MembershipView, Page } from '../../core/contracts/views';
import type { Payload } from '../../core/contracts/registry';
import { grantKey, membershipId } from '../../core/ids';
import { revokeMembership } from '../../core/membership';
import type { MembershipDoc, MembershipGrantDoc, ShopDoc } from '../../core/model';
import { memberRow, pageOf } from '../../core/present';
import { buyerIdentities } from '../store/buyers';
import { docOf, docsOf, inTransaction, txGet } from '../store/db';
import type { OperationContext, OperationMap } from '../handler';
import { accessibleShop } from '../store/shops';
import { isCustomer } from './customers';
import { applyGrant, sameGrant, takeBack, termOf } from '../store/grants';
import { membershipView } from '../store/catalogue-views';

const MINE_LIMIT = 200;

async function mine(_payload: Payload<'membership', 'mine'>, ctx: OperationContext): Promise<Result<MembershipView[]>> {
  const ms = docsOf<MembershipDoc>(
    await ctx.db.collection(COLLECTIONS.memberships).where({ buyerOpenid: ctx.openid }).orderBy('expiresAt', 'desc').limit(MINE_LIMIT).get(),
  );
  if (ms.length === 0) return ok([]);
  const _ = ctx.db.command;
  const shopIds = [...new Set(ms.map((m) => m.shopId))];
  const shops = docsOf<Pick<ShopDoc, '_id' | 'name'>>(
    await ctx.db.collection(COLLECTIONS.shops).where({ _id: _.in(shopIds) }).field({ _id: true, name: true }).limit(shopIds.length).get(),
  );
  const names = new Map(shops.map((s) => [s._id, s.name]));
  return ok(ms.map((m) => membershipView(m, names.get(m.shopId) ?? '', ctx.now)));
}

async function members(p: Payload<'membership', 'members'>, ctx: OperationContext): Promise<Result<Page<MemberRow>>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'members');
  if (!shop.ok) return shop;
  const _ = ctx.db.command;
  const base: Record<string, unknown> = { shopId: p.shopId };
  if (p.tag !== undefined) base.tag = p.tag;
  const where =
    p.state === 'active' ? _.and([base, _.or([{ lifetime: true }, { expiresAt: _.gt(ctx.now) }])])
      : p.state === 'expired' ? { ...base, lifetime: false, expiresAt: _.lte(ctx.now) }
        : base;
  const rows = docsOf<MembershipDoc>(
    await ctx.db.collection(COLLECTIONS.memberships).where(where).orderBy('expiresAt', 'desc').skip(p.offset).limit(p.limit + 1).get(),
  );
  // Named as the owner knows them (core/buyers.ts): two members never read alike.
  const who = await buyerIdentities(ctx.db, p.shopId, rows.slice(0, p.limit).map((m) => m.buyerOpenid));
  return ok(pageOf(rows.map((m) => memberRow(m, ctx.now, who.get(m.buyerOpenid)?.name)), p.offset, p.limit));
}

async function gift(p: Payload<'membership', 'gift'>, ctx: OperationContext): Promise<Result<GiftResult>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'gift');
  if (!shop.ok) return shop;
  const sourceKey = grantKey({ type: 'gift', shopId: p.shopId, giftId: p.giftId });
  const wanted = {
    shopId: p.shopId, buyerOpenid: p.buyerOpenid, tag: p.tag,
    length: p.lifetime ? { lifetime: true as const } : { days: p.days as number },
  };
  // The same giftId is the same gift (Stripe-style idempotency key): another buyer, tag or length is
  // IDEMPOTENCY_MISMATCH, checked here for a retry and again inside the grant's transaction for a race.
  // The note is not part of the gift (it is not stored).
  const mismatch = () => fail('IDEMPOTENCY_MISMATCH', { giftId: p.giftId });
  const previous = docOf<MembershipGrantDoc>(await ctx.db.collection(COLLECTIONS.membershipGrants).doc(sourceKey).get());
  if (previous) {
    if (!sameGrant(previous, wanted)) return mismatch();
    const m = docOf<MembershipDoc>(await ctx.db.collection(COLLECTIONS.memberships).doc(previous.membershipId).get());
    if (!m) return fail('MEMBERSHIP_NOT_FOUND');
    return ok({ member: memberRow(m, ctx.now), replayed: true });
  }
  if (!(await isCustomer(ctx.db, p.shopId, p.buyerOpenid))) return fail('CUSTOMER_NOT_FOUND');
  const outcome = await applyGrant(ctx.db, { ...wanted, source: { type: 'gift', giftId: p.giftId, by: ctx.openid }, sourceKey }, ctx.now);
  if (outcome.status === 'mismatch') return mismatch();
  return ok({ member: memberRow(outcome.membership, ctx.now), replayed: outcome.status === 'replayed' });
}

async function revoke(p: Payload<'membership', 'revoke'>, ctx: OperationContext): Promise<Result<MemberRow>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'revoke');
  if (!shop.ok) return shop;
  const mid = membershipId(p.shopId, p.buyerOpenid, p.tag);
  // In a transaction so a grant committing at the same moment cannot resurrect the old term.
  const revoked = await inTransaction(ctx.db, async (tx) => {
    const m = await txGet<MembershipDoc>(tx, COLLECTIONS.memberships, mid);
    if (!m) return null;
    const term = revokeMembership(termOf(m), ctx.now);
    await tx.collection(COLLECTIONS.memberships).doc(mid).update({ data: { ...term, revokedAt: ctx.now, updatedAt: ctx.now } });
    return { ...m, ...term, revokedAt: ctx.now, updatedAt: ctx.now };
  });
  if (!revoked) return fail('MEMBERSHIP_NOT_FOUND');
  // The grants that made it are spent: recording the reason on them also makes a later refund of one
  // of those orders take nothing back from a membership that already ended.
  await ctx.db.collection(COLLECTIONS.membershipGrants).where({ membershipId: mid, revokedAt: null })
    .update({ data: { revokedAt: ctx.now, revokeReason: p.reason } });
  return ok(memberRow(revoked, ctx.now));
}

async function revokeGift(p: Payload<'membership', 'revokeGift'>, ctx: OperationContext): Promise<Result<MemberRow>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'revokeGift');
  if (!shop.ok) return shop;
  const outcome = await takeBack(ctx.db, grantKey({ type: 'gift', shopId: p.shopId, giftId: p.giftId }), p.reason, ctx.now);
  if (!outcome) return fail('GRANT_NOT_FOUND');
  if (!outcome.membership) return fail('MEMBERSHIP_NOT_FOUND');
  return ok(memberRow(outcome.membership, ctx.now));
}

export const membershipOperations: OperationMap<'membership'> = { mine, members, gift, revoke, revokeGift };
