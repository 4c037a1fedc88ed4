// The promotion views (core/contracts/coupons.ts), mapped field by field like present.ts: a new
// document field is never shown by accident.
import type { ActivityRow, ClaimableCoupon, CouponRow, MyCoupon } from './contracts/coupons';
import { fen, ZERO_FEN, type Fen } from './money';
import type { ActivityDoc, CouponClaimDoc, CouponDoc } from './model';
import { benefitLabel } from './promotions';

const yuan = (f: Fen) => (f % 100 === 0 ? String(f / 100) : (f / 100).toFixed(2));

export function tiersLabel(a: Pick<ActivityDoc, 'tiers'>): string {
  return a.tiers.map((t) => `满 ${yuan(t.threshold)} 减 ${yuan(t.off)}`).join('，');
}

export function couponRow(c: CouponDoc, figures: { used: number; revenue: Fen } = { used: 0, revenue: ZERO_FEN }): CouponRow {
  return {
    couponId: c._id, name: c.name, label: benefitLabel(c.benefit), benefit: { ...c.benefit }, validity: { ...c.validity },
    quantity: c.quantity, perBuyer: c.perBuyer, membersOnly: c.membersOnly, scope: structuredClone(c.scope), public: c.public,
    code: c.code, status: c.status, issued: c.issued, used: figures.used, revenue: fen(figures.revenue),
  };
}

export function activityRow(a: ActivityDoc): ActivityRow {
  return {
    activityId: a._id, name: a.name, label: tiersLabel(a), tiers: a.tiers.map((t) => ({ ...t })), membersOnly: a.membersOnly,
    scope: structuredClone(a.scope), startsAt: a.startsAt, endsAt: a.endsAt, status: a.status,
  };
}

export function claimableCoupon(c: CouponDoc, claimed: number): ClaimableCoupon {
  const soldOut = c.issued >= c.quantity;
  return {
    couponId: c._id, name: c.name, label: benefitLabel(c.benefit), membersOnly: c.membersOnly, claimed,
    canClaim: !soldOut && claimed < c.perBuyer, soldOut, validity: { ...c.validity },
  };
}

export function couponState(c: CouponClaimDoc, now: number): MyCoupon['state'] {
  if (c.usedBy !== null) return 'used';
  if (now >= c.validUntil) return 'expired';
  return c.heldBy !== null ? 'held' : 'usable';
}

export function myCoupon(c: CouponClaimDoc, now: number): MyCoupon {
  return {
    couponId: c._id, shopId: c.shopId, name: c.name, label: benefitLabel(c.benefit), state: couponState(c, now),
    validFrom: c.validFrom, validUntil: c.validUntil, usedBy: c.usedBy,
  };
}
