import { unwrap } from './errors';
import { fen, sumFen, type Fen } from './money';
import type { ActivityDoc, CouponBenefit, CouponClaimDoc, PromotionScope } from './model';
import { quote, type Quote } from './pricing';
import { seededRandom } from './prng';
import { applyPromotions, benefitLabel, couponOff, tierOff, type PromotionOffers } from './promotions';
import { makeDelivery, makeProduct } from './testing/fixtures';
import { applyRefundPlan, linePaidFen, planRefund, type RefundableOrder } from './refund';

const NOW = Date.UTC(2026, 5, 10);
const DAY = 86_400_000;
const SHOP = 'S20240601100000shop0001';

function cart(prices: readonly [number, number][], memberPrice: number | null = null): Quote {
  const products = prices.map(([price], i) => makeProduct({
    _id: `P${i}`, shopId: SHOP, price: fen(price), memberPrice: memberPrice === null ? null : fen(memberPrice), stock: 999,
  }));
  return unwrap(quote({
    shopId: SHOP, products, lines: prices.map(([, quantity], i) => ({ productId: `P${i}`, quantity })),
    memberTags: ['vip'], delivery: makeDelivery(), deliveryMethod: 'pickup',
  }));
}

function activity(tiers: [number, number][], scope: PromotionScope = { kind: 'shop' }): ActivityDoc {
  return {
    _id: `A${tiers.length}`, shopId: SHOP, name: '满减', tiers: tiers.map(([threshold, off]) => ({ threshold: fen(threshold), off: fen(off) })),
    membersOnly: false, scope, startsAt: NOW - DAY, endsAt: NOW + DAY, status: 'active', createdAt: NOW, updatedAt: NOW,
  };
}

function claim(id: string, benefit: CouponBenefit, over: Partial<CouponClaimDoc> = {}): CouponClaimDoc {
  return {
    _id: id, couponId: id, shopId: SHOP, buyerOpenid: 'o1', k: 1, name: id, benefit, scope: { kind: 'shop' }, membersOnly: false,
    validFrom: NOW - DAY, validUntil: NOW + DAY, heldBy: null, usedBy: null, usedAt: null, usedFen: fen(0), claimedAt: NOW, ...over,
  };
}

const amount = (off: number, threshold = 0): CouponBenefit => ({ kind: 'amount', off: fen(off), threshold: fen(threshold) });
const offers = (o: Partial<PromotionOffers>): PromotionOffers => ({ activities: [], claims: [], isMember: false, categoryOf: {}, now: NOW, ...o });

describe('promotions: member prices, then one 满减, then one coupon', () => {
  test('满 30 减 5 and a ¥3 coupon on ¥36 of goods: ¥8 off, ¥28 to pay, the shares sum to the discount', () => {
    const q = unwrap(applyPromotions(cart([[1200, 2], [1200, 1]]), offers({ activities: [activity([[3000, 500]])], claims: [claim('C3', amount(300))] }), 'auto'));
    console.log(`subtotal ${q.subtotal}, 满减 ${q.discounts?.activityOff}, coupon ${q.discounts?.couponOff}, total ${q.total}, shares ${q.lines.map((l) => l.discountFen)}`);
    expect([q.discount, q.total]).toEqual([800, 2800]);
    expect(sumFen(q.lines.map((l) => l.discountFen))).toBe(800);
    expect(q.discounts).toMatchObject({ activityOff: 500, couponOff: 300, couponId: 'C3' });
  });

  test('the highest tier reached applies; thresholds count member prices', () => {
    expect(tierOff([{ threshold: fen(3000), off: fen(500) }, { threshold: fen(5000), off: fen(1000) }], fen(4999))).toBe(500);
    const member = cart([[2000, 2]], 1400); // list ¥40, member ¥28: below 满 30
    const q = unwrap(applyPromotions(member, offers({ activities: [activity([[3000, 500]])] }), 'auto'));
    expect([member.subtotal, q.discount]).toEqual([2800, 0]);
  });

  test('a coupon threshold counts what is left after the 满减, and the best combination may skip a tier', () => {
    // ¥40: 满 40 减 10 leaves ¥30, below the coupon's 满 35 减 12; the coupon alone saves 12 > 10.
    const q = unwrap(applyPromotions(cart([[4000, 1]]), offers({ activities: [activity([[4000, 1000]])], claims: [claim('C12', amount(1200, 3500))] }), 'auto'));
    expect(q.discounts).toMatchObject({ activityOff: 0, couponOff: 1200 });
  });

  test('percentages floor to the fen and respect the cap; the buyer may choose none', () => {
    expect(couponOff({ kind: 'percent', percentOff: 10, maxOff: fen(500), threshold: fen(0) }, fen(3333))).toBe(333);
    expect(couponOff({ kind: 'percent', percentOff: 10, maxOff: fen(200), threshold: fen(0) }, fen(3333))).toBe(200);
    const none = unwrap(applyPromotions(cart([[1000, 1]]), offers({ claims: [claim('C3', amount(300))] }), 'none'));
    expect([none.discount, none.couponOptions[0].saving, none.couponOptions[0].chosen]).toEqual([0, 300, false]);
  });

  test('a coupon scoped to other products does not apply; choosing it is refused', () => {
    const scoped = claim('C3', amount(300), { scope: { kind: 'products', productIds: ['P9'] } });
    const r = applyPromotions(cart([[1000, 1]]), offers({ claims: [scoped] }), 'C3');
    expect(r.ok ? 'ok' : r.code).toBe('COUPON_NOT_APPLICABLE');
  });

  test('held, used, expired and members-only coupons are not offered', () => {
    const claims = [
      claim('held', amount(100), { heldBy: 'O1' }), claim('used', amount(100), { usedBy: 'O1' }),
      claim('old', amount(100), { validUntil: NOW - 1 }), claim('vip', amount(100), { membersOnly: true }),
    ];
    expect(unwrap(applyPromotions(cart([[1000, 1]]), offers({ claims }), 'auto')).couponOptions).toEqual([]);
  });

  test('the total never goes below 1 fen', () => {
    const q = unwrap(applyPromotions(cart([[300, 1]]), offers({ claims: [claim('C5', amount(500))] }), 'auto'));
    expect([q.discount, q.total]).toEqual([299, 1]);
  });

  test('labels', () => {
    expect(benefitLabel(amount(500, 3000))).toBe('满 30 减 5');
    expect(benefitLabel({ kind: 'percent', percentOff: 10, maxOff: fen(1000), threshold: fen(0) })).toBe('无门槛9 折 最多减 10');
  });
});

describe('allocation, 500 random carts', () => {
  test('shares sum to the discount, never exceed a line, and line refunds never pass what a line paid', () => {
    let checked = 0;
    for (let seed = 1; seed <= 500; seed += 1) {
      const rnd = seededRandom(seed);
      const prices = Array.from({ length: rnd.between(1, 5) }, () => [rnd.between(1, 9000), rnd.between(1, 4)] as [number, number]);
      const scope: PromotionScope = rnd.next() < 0.3 ? { kind: 'products', productIds: ['P0'] } : { kind: 'shop' };
      const act = activity([[rnd.between(0, 5000), rnd.between(1, 3000)]], scope);
      const benefit: CouponBenefit = rnd.next() < 0.5 ? amount(rnd.between(1, 4000), rnd.between(0, 3000))
        : { kind: 'percent', percentOff: rnd.between(1, 90), maxOff: rnd.next() < 0.5 ? null : fen(rnd.between(1, 3000)), threshold: fen(0) };
      const q = unwrap(applyPromotions(cart(prices), offers({ activities: [act], claims: [claim('C', benefit)] }), 'auto'));
      expect(sumFen(q.lines.map((l) => l.discountFen))).toBe(q.discount);
      for (const l of q.lines) expect(l.discountFen).toBeLessThanOrEqual(l.lineTotal);
      expect(q.total).toBe(q.subtotal - q.discount + q.deliveryFee);
      expect(q.total).toBeGreaterThanOrEqual(1);
      // paid, then refunded one unit at a time: each line gets back exactly what it paid, never more
      let order: RefundableOrder = {
        status: 'paid', lines: q.lines.map((l) => ({ ...l, digital: null, soldOut: false, refundedQuantity: 0, refundedFen: fen(0) })),
        deliveryFee: q.deliveryFee, paidFen: q.total, refundedFen: fen(0), refundPendingFen: fen(0), deliveryRefundedFen: fen(0), refundCount: 0,
      };
      for (const l of q.lines) {
        for (let u = 0; u < l.quantity; u += 1) {
          const plan = planRefund(order, { mode: 'lines', lines: [{ lineNo: l.lineNo, quantity: 1 }] }, 'owner');
          if (!plan.ok) continue; // a unit whose share rounds to 0 fen
          const patch = applyRefundPlan(order, plan.data);
          for (const pl of patch.lines) expect(pl.refundedFen).toBeLessThanOrEqual(linePaidFen(pl));
          order = { ...order, lines: patch.lines, refundPendingFen: fen(0), refundedFen: fen(order.refundedFen + plan.data.amount), refundCount: 0 };
        }
      }
      const rest = planRefund(order, { mode: 'full' }, 'owner');
      if (rest.ok) order = { ...order, lines: applyRefundPlan(order, rest.data).lines };
      for (const l of order.lines) expect(l.refundedFen as Fen).toBe(linePaidFen(l));
      checked += 1;
    }
    console.log(`${checked} carts: allocation exact, every line refunded unit by unit to exactly what it paid`);
  });
});
