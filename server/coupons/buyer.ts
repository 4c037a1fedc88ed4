// The buyer's coupons (orders function, core/contracts/coupons.ts): what a shop or a product page offers,
// claiming one (from the page, or by its code / share card), and 我的优惠券. The caller is always
// getWXContext().OPENID. Claiming is race-free (store/coupons.ts claimCoupon).
import type { Payload } from '../../core/contracts/registry';
import type { MyCoupon, ShopPromotionsView } from '../../core/contracts/coupons';
import { COLLECTIONS } from '../../core/collections';
import { fail, ok, type Result } from '../../core/errors';
import { activeTags } from '../../core/membership';
import type { CouponClaimDoc, CouponDoc, MembershipDoc, ProductDoc } from '../../core/model';
import { activityRow, claimableCoupon, couponState, myCoupon } from '../../core/present-promotions';
import { inScope, STACKING_RULE } from '../../core/promotions';
import type { OperationContext } from '../handler';
import { docOf, docsOf } from '../store/db';
import { activeActivities, buyerClaims, claimCoupon as claim, loadCoupon } from '../store/coupons';

const MAX_SHOWN = 20;
const MAX_MINE = 100;

async function isMember(ctx: OperationContext, shopId: string): Promise<boolean> {
  const res = await ctx.db.collection(COLLECTIONS.memberships).where({ shopId, buyerOpenid: ctx.openid }).limit(100).get();
  return activeTags(docsOf<MembershipDoc>(res), ctx.now).length > 0;
}

async function loadProduct(ctx: OperationContext, productId: string): Promise<ProductDoc | null> {
  return docOf<ProductDoc>(await ctx.db.collection(COLLECTIONS.products).doc(productId).get());
}

export async function shopPromotions(p: Payload<'orders', 'shopPromotions'>, ctx: OperationContext): Promise<Result<ShopPromotionsView>> {
  const [couponsRes, activities, mine, product] = await Promise.all([
    ctx.db.collection(COLLECTIONS.coupons).where({ shopId: p.shopId, status: 'active', public: true }).orderBy('createdAt', 'desc').limit(MAX_SHOWN).get(),
    activeActivities(ctx.db, p.shopId, ctx.now),
    ctx.openid ? buyerClaims(ctx.db, p.shopId, ctx.openid) : Promise.resolve([] as CouponClaimDoc[]),
    p.productId ? loadProduct(ctx, p.productId) : Promise.resolve(null),
  ]);
  const categoryOf = product ? { [product._id]: product.categoryId } : {};
  // On a product page, only what counts for this product.
  const forPage = (scope: CouponDoc['scope']) => !product || inScope(scope, product._id, categoryOf);
  const live = (c: CouponDoc) => c.validity.kind === 'days' || c.validity.until > ctx.now;
  const coupons = docsOf<CouponDoc>(couponsRes).filter((c) => live(c) && forPage(c.scope))
    .map((c) => claimableCoupon(c, mine.filter((m) => m.couponId === c._id).length));
  return ok({
    coupons,
    activities: activities.filter((a) => a.startsAt <= ctx.now && forPage(a.scope)).map(activityRow)
      .map((a) => ({ activityId: a.activityId, name: a.name, label: a.label, endsAt: a.endsAt })),
    stackingRule: STACKING_RULE,
  });
}

export async function claimCoupon(p: Payload<'orders', 'claimCoupon'>, ctx: OperationContext): Promise<Result<MyCoupon>> {
  const coupon = p.couponId
    ? await loadCoupon(ctx.db, p.couponId)
    : docsOf<CouponDoc>(await ctx.db.collection(COLLECTIONS.coupons).where({ code: p.code }).limit(1).get())[0] ?? null;
  // A coupon only found by id must be one the shop shows; a code (or a share card carrying it) reaches any coupon.
  if (!coupon || coupon.status !== 'active' || (p.couponId && !coupon.public)) return fail('COUPON_NOT_FOUND');
  if (coupon.validity.kind === 'dates' && coupon.validity.until <= ctx.now) return fail('COUPON_NOT_FOUND');
  if (coupon.membersOnly && !(await isMember(ctx, coupon.shopId))) return fail('COUPON_MEMBERS_ONLY');
  const claimed = await claim(ctx.db, coupon, ctx.openid, ctx.now);
  return claimed.ok ? ok(myCoupon(claimed.data, ctx.now)) : claimed;
}

export async function myCoupons(p: Payload<'orders', 'myCoupons'>, ctx: OperationContext): Promise<Result<MyCoupon[]>> {
  const where = p.shopId ? { buyerOpenid: ctx.openid, shopId: p.shopId } : { buyerOpenid: ctx.openid };
  const res = await ctx.db.collection(COLLECTIONS.couponClaims).where(where).orderBy('validUntil', 'desc').limit(MAX_MINE).get();
  // 可用 lists the ones held by an unpaid order too (the order may still be cancelled): they say so.
  const wanted = (c: CouponClaimDoc) => {
    const state = couponState(c, ctx.now);
    return p.state === 'usable' ? state === 'usable' || state === 'held' : state === p.state;
  };
  return ok(docsOf<CouponClaimDoc>(res).filter(wanted).map((c) => myCoupon(c, ctx.now)));
}
