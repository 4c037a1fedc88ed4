// Promotions at checkout (docs/product.md §19): 满减 activities (automatic, the highest tier
// reached) and the buyer's coupons (one per order). Pure: the server passes in what is active and what
// the buyer holds; `applyPromotions` returns the quote with its discount, each line's share, and the
// buyer's coupons with what each would save.
//
// The stacking rule (the owner and the buyer read STACKING_RULE):
//   1. member prices first (pricing.ts): every threshold counts what the buyer pays after them;
//   2. then one 满减 activity, its tier chosen on the products in its scope;
//   3. then one coupon, its threshold and its percentage on what its products cost after the 满减.
// The server picks the combination that saves the most; the buyer may pick another coupon or none.
// The discount never takes the total below 1 fen (WeChat Pay cannot take 0). Each part is allocated to
// the lines in its scope by largest remainder (money.ts prorate, as refunds are), so a line's
// `discountFen` never exceeds its total and the parts sum exactly to the discount: a partial refund
// later returns exactly the paid share of a line (refund.ts linePaidFen).
import { fail, ok, type Result } from './errors';
import { addFen, fen, minFen, prorate, subFen, sumFen, ZERO_FEN, type Fen } from './money';
import type { ActivityDoc, AppliedDiscounts, CouponBenefit, CouponClaimDoc, PromotionScope } from './model';
import type { Quote } from './pricing';

export const STACKING_RULE = '先按会员价计算，再减满减（按会员价后的金额算门槛），最后可叠加一张优惠券（按满减后的金额算门槛）；系统自动选最省的组合，买家也可换券或不用券。';

/** The buyer's choice at checkout: the best coupon, no coupon, or one coupon (a claim `_id`). */
export type CouponChoice = 'auto' | 'none' | string;

export interface PromotionOffers {
  /** Activities of the shop, active now (the server filters by status and dates; this checks again). */
  activities: readonly ActivityDoc[];
  /** The buyer's coupons in this shop (usableClaim filters). */
  claims: readonly CouponClaimDoc[];
  /** The buyer holds an active member tag of the shop. */
  isMember: boolean;
  /** Each product's category, for category scopes. */
  categoryOf: Readonly<Record<string, string | null>>;
  now: number;
}

export interface CouponOption {
  couponId: string;
  name: string;
  benefit: CouponBenefit;
  validUntil: number;
  /** Applies to this cart (with the best 满减 beside it). */
  applicable: boolean;
  /** What this coupon itself takes off with that 满减; 0 when not applicable. */
  saving: Fen;
  /** The chosen one (auto: the best). */
  chosen: boolean;
}

type Line = Quote['lines'][number];

/** A coupon the buyer may use now: within its dates, neither held by an unpaid order nor used. */
export function usableClaim(c: CouponClaimDoc, now: number): boolean {
  return c.heldBy === null && c.usedBy === null && c.validFrom <= now && now < c.validUntil;
}

export function inScope(scope: PromotionScope, productId: string, categoryOf: PromotionOffers['categoryOf']): boolean {
  if (scope.kind === 'shop') return true;
  if (scope.kind === 'products') return scope.productIds.includes(productId);
  const category = categoryOf[productId] ?? null;
  return category !== null && scope.categoryIds.includes(category);
}

/** The highest tier reached by `base`: its amount off (at most the base), or 0. */
export function tierOff(tiers: ActivityDoc['tiers'], base: Fen): Fen {
  let best = ZERO_FEN;
  for (const t of tiers) if (base >= t.threshold && t.off > best) best = t.off;
  return minFen(best, base);
}

/** A coupon's amount off `base` (what its products cost after the 满减), or 0 below its threshold. */
export function couponOff(b: CouponBenefit, base: Fen): Fen {
  if (base === 0 || base < b.threshold) return ZERO_FEN;
  if (b.kind === 'amount') return minFen(b.off, base);
  const off = fen(Math.floor((base * b.percentOff) / 100));
  return minFen(b.maxOff === null ? off : minFen(off, b.maxOff), base);
}

/** Splits `amount` over the lines (weights: what each still costs), only those `inPart`. */
export function allocate(amount: Fen, weights: readonly Fen[], inPart: readonly boolean[]): Fen[] {
  const scoped = weights.map((w, i) => (inPart[i] ? w : 0));
  if (amount === 0) return weights.map(() => ZERO_FEN);
  return prorate(amount, scoped);
}

interface Combination {
  activity: ActivityDoc | null;
  activityShares: Fen[];
  claim: CouponClaimDoc | null;
  couponShares: Fen[];
  activityOff: Fen;
  couponOff: Fen;
}

function combine(lines: readonly Line[], activity: ActivityDoc | null, claim: CouponClaimDoc | null, o: PromotionOffers, cap: Fen): Combination {
  const totals = lines.map((l) => l.lineTotal);
  const inAct = lines.map((l) => activity !== null && inScope(activity.scope, l.productId, o.categoryOf));
  const actBase = sumFen(totals.filter((_, i) => inAct[i]));
  const activityOff = activity ? minFen(tierOff(activity.tiers, actBase), cap) : ZERO_FEN;
  const activityShares = allocate(activityOff, totals, inAct);
  const after = totals.map((t, i) => subFen(t, activityShares[i]));
  const inCoupon = lines.map((l) => claim !== null && inScope(claim.scope, l.productId, o.categoryOf));
  const couponBase = sumFen(after.filter((_, i) => inCoupon[i]));
  const off = claim ? minFen(couponOff(claim.benefit, couponBase), subFen(cap, activityOff)) : ZERO_FEN;
  return { activity, activityShares, claim, couponShares: allocate(off, after, inCoupon), activityOff, couponOff: off };
}

const saving = (c: Combination) => addFen(c.activityOff, c.couponOff);

function bestWith(lines: readonly Line[], activities: readonly (ActivityDoc | null)[], claim: CouponClaimDoc | null, o: PromotionOffers, cap: Fen): Combination {
  let best = combine(lines, null, claim, o, cap);
  for (const a of activities) {
    const c = combine(lines, a, claim, o, cap);
    if (saving(c) > saving(best)) best = c;
  }
  return best;
}

/** The quote with its promotions applied; COUPON_NOT_APPLICABLE when the chosen coupon cannot be used on this cart. */
export function applyPromotions(q: Quote, o: PromotionOffers, choice: CouponChoice): Result<Quote> {
  const eligible = (m: boolean) => !m || o.isMember;
  const activities = o.activities.filter((a) => a.status === 'active' && a.startsAt <= o.now && o.now < a.endsAt && eligible(a.membersOnly));
  const claims = o.claims.filter((c) => usableClaim(c, o.now) && eligible(c.membersOnly));
  // The total stays ≥ 1 fen: the discount takes at most subtotal + delivery − 1 (and never past the subtotal).
  const cap = q.lines.length === 0 ? ZERO_FEN : minFen(q.subtotal, fen(Math.max(0, q.subtotal + q.deliveryFee - 1)));
  const perClaim = claims.map((c) => bestWith(q.lines, activities, c, o, cap));
  const noCoupon = bestWith(q.lines, activities, null, o, cap);
  let chosen = noCoupon;
  if (choice === 'auto') {
    for (const c of perClaim) if (c.couponOff > 0 && saving(c) > saving(chosen)) chosen = c;
  } else if (choice !== 'none') {
    const picked = perClaim.find((c) => c.claim?._id === choice);
    // Held by another unpaid order of the buyer: say so (it comes back if that order is cancelled).
    if (!picked && o.claims.some((c) => c._id === choice && c.heldBy !== null && c.usedBy === null)) return fail('COUPON_IN_USE', { couponId: choice });
    if (!picked || picked.couponOff === 0) return fail('COUPON_NOT_APPLICABLE', { couponId: choice });
    chosen = picked;
  }
  const couponOptions: CouponOption[] = claims.map((c, i) => ({
    couponId: c._id, name: c.name, benefit: c.benefit, validUntil: c.validUntil,
    applicable: perClaim[i].couponOff > 0, saving: perClaim[i].couponOff, chosen: chosen.claim?._id === c._id,
  }));
  couponOptions.sort((a, b) => b.saving - a.saving || a.validUntil - b.validUntil);
  const discount = saving(chosen);
  const lines = q.lines.map((l, i) => ({ ...l, discountFen: addFen(chosen.activityShares[i], chosen.couponShares[i]) }));
  const discounts: AppliedDiscounts | null = discount === 0 ? null : {
    activityId: chosen.activityOff > 0 ? chosen.activity!._id : null,
    activityName: chosen.activityOff > 0 ? chosen.activity!.name : null,
    activityOff: chosen.activityOff,
    couponId: chosen.couponOff > 0 ? chosen.claim!._id : null,
    couponName: chosen.couponOff > 0 ? chosen.claim!.name : null,
    couponOff: chosen.couponOff,
    total: discount,
  };
  return ok({ ...q, lines, discount, discounts, couponOptions, total: addFen(subFen(q.subtotal, discount), q.deliveryFee) });
}

/** "满 30 减 5", "无门槛减 3", "9 折 最多减 10": how a coupon or a tier reads. */
export function benefitLabel(b: CouponBenefit): string {
  const yuan = (f: Fen) => (f % 100 === 0 ? String(f / 100) : (f / 100).toFixed(2));
  const head = b.threshold > 0 ? `满 ${yuan(b.threshold)} ` : '无门槛';
  if (b.kind === 'amount') return `${head}减 ${yuan(b.off)}`;
  const rate = (100 - b.percentOff) / 10;
  return `${head}${rate} 折${b.maxOff !== null ? ` 最多减 ${yuan(b.maxOff)}` : ''}`;
}
