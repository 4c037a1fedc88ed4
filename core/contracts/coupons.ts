// Promotions (core/promotions.ts): the owner's coupons and 满减 activities (shopAdmin), the buyer's
// claims and 我的优惠券 (orders). Amounts are fen; a percentage is the part taken off (10 = 9 折).
import * as v from 'valibot';
import type { Fen } from '../money';
import { MAX_ORDER_TOTAL_FEN, MAX_PRICE_FEN } from '../money';
import type { CouponBenefit, CouponValidity, PromotionScope, PromotionStatus, PromotionTier } from '../model';
import { fen, id, name } from './fields';

/** A buyer's coupon: `<couponId>.<openid>.<k>` (server/store/coupons.ts claimId). */
export const COUPON_CLAIM_PATTERN = /^[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{1,64}\.\d{1,3}$/;
export const COUPON_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{8}$/;
export const MAX_COUPON_QUANTITY = 100_000;
export const MAX_PER_BUYER = 20;
export const MAX_VALID_DAYS = 366;
export const MAX_TIERS = 5;
export const MAX_SCOPE_IDS = 100;

const off = v.pipe(fen, v.minValue(1 as Fen), v.maxValue(MAX_PRICE_FEN));
const threshold = v.pipe(fen, v.maxValue(MAX_ORDER_TOTAL_FEN));
const time = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const int = (min: number, max: number) => v.pipe(v.number(), v.safeInteger(), v.minValue(min), v.maxValue(max));
const ids = v.pipe(v.array(id), v.minLength(1), v.maxLength(MAX_SCOPE_IDS));

export const couponChoice = v.union([v.literal('auto'), v.literal('none'), v.pipe(v.string(), v.regex(COUPON_CLAIM_PATTERN, 'invalid coupon'))]);
export const couponCode = v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(COUPON_CODE_PATTERN, 'invalid coupon code'));

const scope = v.variant('kind', [
  v.strictObject({ kind: v.literal('shop') }),
  v.strictObject({ kind: v.literal('products'), productIds: ids }),
  v.strictObject({ kind: v.literal('categories'), categoryIds: ids }),
]);

const benefit = v.variant('kind', [
  v.strictObject({ kind: v.literal('amount'), off, threshold: v.optional(threshold, 0) }),
  v.strictObject({ kind: v.literal('percent'), percentOff: int(1, 99), maxOff: v.optional(v.nullable(off), null), threshold: v.optional(threshold, 0) }),
]);

const validity = v.variant('kind', [
  v.pipe(v.strictObject({ kind: v.literal('dates'), from: time, until: time }), v.check((d) => d.until > d.from, 'the end must be after the start')),
  v.strictObject({ kind: v.literal('days'), days: int(1, MAX_VALID_DAYS) }),
]);

const tiers = v.pipe(v.array(v.strictObject({ threshold, off })), v.minLength(1), v.maxLength(MAX_TIERS));

export const couponActions = {
  /** The shop's coupons and 满减 activities with their figures. */
  listPromotions: v.strictObject({ shopId: id }),
  /** Create (no couponId) or edit. Edits apply to coupons claimed from now on; the quantity never drops below those issued. */
  saveCoupon: v.strictObject({
    shopId: id, couponId: v.optional(id), name, benefit, validity,
    quantity: int(1, MAX_COUPON_QUANTITY), perBuyer: v.optional(int(1, MAX_PER_BUYER), 1),
    membersOnly: v.optional(v.boolean(), false), scope: v.optional(scope, { kind: 'shop' }), public: v.optional(v.boolean(), true),
  }),
  /** Stop handing it out; coupons already claimed stay usable until they expire. */
  stopCoupon: v.strictObject({ shopId: id, couponId: id }),
  saveActivity: v.pipe(
    v.strictObject({
      shopId: id, activityId: v.optional(id), name, tiers,
      membersOnly: v.optional(v.boolean(), false), scope: v.optional(scope, { kind: 'shop' }), startsAt: time, endsAt: time,
    }),
    v.check((a) => a.endsAt > a.startsAt, 'the end must be after the start'),
    v.check((a) => a.tiers.every((t) => t.off < t.threshold), 'each tier takes off less than its threshold'),
  ),
  stopActivity: v.strictObject({ shopId: id, activityId: id }),
};

export const buyerCouponActions = {
  /** What a shop (or one product's page) offers: claimable coupons and running 满减. */
  shopPromotions: v.strictObject({ shopId: id, productId: v.optional(id) }),
  /** Claim from the shop page (couponId) or by a code / share card (code). */
  claimCoupon: v.pipe(
    v.strictObject({ couponId: v.optional(id), code: v.optional(couponCode) }),
    v.check((p) => (p.couponId === undefined) !== (p.code === undefined), 'give exactly one of couponId and code'),
  ),
  /** 我的优惠券: usable, used or expired, in all shops or one. */
  myCoupons: v.strictObject({ shopId: v.optional(id), state: v.optional(v.picklist(['usable', 'used', 'expired']), 'usable') }),
};

export interface CouponRow {
  couponId: string;
  name: string;
  label: string;
  benefit: CouponBenefit;
  validity: CouponValidity;
  quantity: number;
  perBuyer: number;
  membersOnly: boolean;
  scope: PromotionScope;
  public: boolean;
  code: string;
  status: PromotionStatus;
  issued: number;
  used: number;
  /** What the orders that used it paid. */
  revenue: Fen;
}

export interface ActivityRow {
  activityId: string;
  name: string;
  label: string;
  tiers: PromotionTier[];
  membersOnly: boolean;
  scope: PromotionScope;
  startsAt: number;
  endsAt: number;
  status: PromotionStatus;
}

export interface PromotionsView {
  coupons: CouponRow[];
  activities: ActivityRow[];
  /** The stacking rule, word for word what buyers read (promotions.ts STACKING_RULE). */
  stackingRule: string;
}

export interface ClaimableCoupon {
  couponId: string;
  name: string;
  label: string;
  membersOnly: boolean;
  /** 已领 n: how many of it the caller holds; canClaim false at the per-buyer limit or when none are left. */
  claimed: number;
  canClaim: boolean;
  soldOut: boolean;
  validity: CouponValidity;
}

export interface ShopPromotionsView {
  coupons: ClaimableCoupon[];
  activities: { activityId: string; name: string; label: string; endsAt: number }[];
  stackingRule: string;
}

export interface MyCoupon {
  couponId: string;
  shopId: string;
  name: string;
  label: string;
  state: 'usable' | 'held' | 'used' | 'expired';
  validFrom: number;
  validUntil: number;
  usedBy: string | null;
}

export interface CouponResponses {
  listPromotions: PromotionsView;
  saveCoupon: CouponRow;
  stopCoupon: CouponRow;
  saveActivity: ActivityRow;
  stopActivity: ActivityRow;
}

export interface BuyerCouponResponses {
  shopPromotions: ShopPromotionsView;
  claimCoupon: MyCoupon;
  myCoupons: MyCoupon[];
}
