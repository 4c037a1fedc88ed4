// The owner's promotions (shopAdmin, core/contracts/coupons.ts): coupons and 满减 activities, created,
// edited and stopped, with each coupon's figures — issued (its guarded counter), used and the revenue of
// the orders that used it (the shop's used coupons, read at once).
import type { Payload } from '../../core/contracts/registry';
import type { ActivityRow, CouponRow, PromotionsView } from '../../core/contracts/coupons';
import { COLLECTIONS } from '../../core/collections';
import { fail, ok, type Result } from '../../core/errors';
import { newId, SHOP_CODE_ALPHABET } from '../../core/ids';
import { addFen, ZERO_FEN, type Fen } from '../../core/money';
import type { ActivityDoc, CouponClaimDoc, CouponDoc } from '../../core/model';
import { activityRow, couponRow } from '../../core/present-promotions';
import { STACKING_RULE } from '../../core/promotions';
import type { OperationContext } from '../handler';
import { randomInt } from '../random';
import { docOf, docsOf, isDuplicateKey, updatedCount } from '../store/db';
import { accessibleShop } from '../store/shops';

/** A small shop's promotions fit in one page. */
const MAX_LISTED = 100;
/** Used coupons counted for the figures (a tiny shop's whole history; past it the figures say at least). */
const MAX_USED_READ = 1000;

function couponCode(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += SHOP_CODE_ALPHABET[randomInt(SHOP_CODE_ALPHABET.length)];
  return code;
}

export async function listPromotions(p: Payload<'shopAdmin', 'listPromotions'>, ctx: OperationContext): Promise<Result<PromotionsView>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'listPromotions');
  if (!shop.ok) return shop;
  const _ = ctx.db.command;
  const [coupons, activities, used] = await Promise.all([
    ctx.db.collection(COLLECTIONS.coupons).where({ shopId: p.shopId }).orderBy('createdAt', 'desc').limit(MAX_LISTED).get(),
    ctx.db.collection(COLLECTIONS.activities).where({ shopId: p.shopId }).orderBy('endsAt', 'desc').limit(MAX_LISTED).get(),
    ctx.db.collection(COLLECTIONS.couponClaims).where({ shopId: p.shopId, usedBy: _.neq(null) }).limit(MAX_USED_READ).get(),
  ]);
  const figures = new Map<string, { used: number; revenue: Fen }>();
  for (const c of docsOf<CouponClaimDoc>(used)) {
    const f = figures.get(c.couponId) ?? { used: 0, revenue: ZERO_FEN };
    figures.set(c.couponId, { used: f.used + 1, revenue: addFen(f.revenue, c.usedFen) });
  }
  return ok({
    coupons: docsOf<CouponDoc>(coupons).map((c) => couponRow(c, figures.get(c._id))),
    activities: docsOf<ActivityDoc>(activities).map(activityRow),
    stackingRule: STACKING_RULE,
  });
}

export async function saveCoupon(p: Payload<'shopAdmin', 'saveCoupon'>, ctx: OperationContext): Promise<Result<CouponRow>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'saveCoupon');
  if (!shop.ok) return shop;
  const terms = {
    name: p.name, benefit: p.benefit, validity: p.validity, quantity: p.quantity, perBuyer: p.perBuyer, membersOnly: p.membersOnly,
    scope: p.scope, public: p.public, updatedAt: ctx.now,
  } as const;
  const coupons = ctx.db.collection(COLLECTIONS.coupons);
  if (p.couponId) {
    const _ = ctx.db.command;
    // The quantity never drops below what was already claimed (the guard), so the counter stays ≤ quantity.
    const res = await coupons.where({ _id: p.couponId, shopId: p.shopId, issued: _.lte(p.quantity) })
      .update({ data: { ...terms, benefit: _.set(p.benefit), validity: _.set(p.validity), scope: _.set(p.scope) } });
    const doc = docOf<CouponDoc>(await coupons.doc(p.couponId).get());
    if (!doc || doc.shopId !== p.shopId) return fail('COUPON_NOT_FOUND');
    if (updatedCount(res) !== 1) {
      return fail('VALIDATION_FAILED', { path: 'quantity', reason: `已发放 ${doc.issued} 张，总量不能少于已发放数` });
    }
    return ok(couponRow(doc));
  }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const doc: CouponDoc = {
      _id: newId('K', ctx.now, randomInt), shopId: p.shopId, ...terms, issued: 0, code: couponCode(), status: 'active', createdAt: ctx.now,
    };
    try {
      await coupons.add({ data: doc });
      return ok(couponRow(doc));
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new Error('saveCoupon: no free coupon code after 3 tries');
}

export async function stopCoupon(p: Payload<'shopAdmin', 'stopCoupon'>, ctx: OperationContext): Promise<Result<CouponRow>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'stopCoupon');
  if (!shop.ok) return shop;
  const coupons = ctx.db.collection(COLLECTIONS.coupons);
  await coupons.where({ _id: p.couponId, shopId: p.shopId }).update({ data: { status: 'stopped', updatedAt: ctx.now } });
  const doc = docOf<CouponDoc>(await coupons.doc(p.couponId).get());
  return doc && doc.shopId === p.shopId ? ok(couponRow(doc)) : fail('COUPON_NOT_FOUND');
}

export async function saveActivity(p: Payload<'shopAdmin', 'saveActivity'>, ctx: OperationContext): Promise<Result<ActivityRow>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'saveActivity');
  if (!shop.ok) return shop;
  const tiers = [...p.tiers].sort((a, b) => a.threshold - b.threshold);
  const activities = ctx.db.collection(COLLECTIONS.activities);
  if (p.activityId) {
    const _ = ctx.db.command;
    await activities.where({ _id: p.activityId, shopId: p.shopId }).update({
      data: { name: p.name, tiers: _.set(tiers), membersOnly: p.membersOnly, scope: _.set(p.scope), startsAt: p.startsAt, endsAt: p.endsAt, updatedAt: ctx.now },
    });
    const doc = docOf<ActivityDoc>(await activities.doc(p.activityId).get());
    return doc && doc.shopId === p.shopId ? ok(activityRow(doc)) : fail('PROMOTION_NOT_FOUND');
  }
  const doc: ActivityDoc = {
    _id: newId('A', ctx.now, randomInt), shopId: p.shopId, name: p.name, tiers, membersOnly: p.membersOnly, scope: p.scope,
    startsAt: p.startsAt, endsAt: p.endsAt, status: 'active', createdAt: ctx.now, updatedAt: ctx.now,
  };
  await activities.add({ data: doc });
  return ok(activityRow(doc));
}

export async function stopActivity(p: Payload<'shopAdmin', 'stopActivity'>, ctx: OperationContext): Promise<Result<ActivityRow>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'stopActivity');
  if (!shop.ok) return shop;
  const activities = ctx.db.collection(COLLECTIONS.activities);
  await activities.where({ _id: p.activityId, shopId: p.shopId }).update({ data: { status: 'stopped', updatedAt: ctx.now } });
  const doc = docOf<ActivityDoc>(await activities.doc(p.activityId).get());
  return doc && doc.shopId === p.shopId ? ok(activityRow(doc)) : fail('PROMOTION_NOT_FOUND');
}
