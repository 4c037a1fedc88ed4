import { activityPayload, chinaDayStart, couponPayload, EMPTY_ACTIVITY, EMPTY_COUPON } from './promotion-form';

describe('the promotion forms', () => {
  test('a ¥3 coupon, 7 days after claiming, 100 of them, one each', () => {
    const r = couponPayload({ ...EMPTY_COUPON, name: '新客立减 3 元', off: '3' }, 'S1');
    expect(r).toEqual({
      ok: true,
      data: {
        shopId: 'S1', name: '新客立减 3 元', benefit: { kind: 'amount', off: 300, threshold: 0 }, validity: { kind: 'days', days: 7 },
        quantity: 100, perBuyer: 1, membersOnly: false, public: true, scope: { kind: 'shop' },
      },
    });
  });

  test('8.5 折 up to ¥10 becomes 15% off with a cap; 8.55 折 is refused', () => {
    const ok = couponPayload({ ...EMPTY_COUPON, name: '会员 85 折', kind: 'percent', rate: '8.5', maxOff: '10' }, 'S1');
    expect(ok.ok && ok.data.benefit).toEqual({ kind: 'percent', percentOff: 15, maxOff: 1000, threshold: 0 });
    expect(couponPayload({ ...EMPTY_COUPON, name: 'x', kind: 'percent', rate: '8.55' }, 'S1').ok).toBe(false);
  });

  test('fixed dates run from the first day to the end of the last, China time', () => {
    const r = couponPayload({ ...EMPTY_COUPON, name: '六月券', off: '5', validity: 'dates', from: '2026-06-01', until: '2026-06-30' }, 'S1');
    expect(r.ok && r.data.validity).toEqual({ kind: 'dates', from: Date.UTC(2026, 4, 31, 16), until: Date.UTC(2026, 5, 30, 16) });
    expect(chinaDayStart('6/1')).toBeNull();
  });

  test('满减 tiers must take off less than their threshold', () => {
    const base = { ...EMPTY_ACTIVITY, name: '满 30 减 5', from: '2026-06-01', until: '2026-06-30' };
    expect(activityPayload({ ...base, tiers: [{ threshold: '30', off: '5' }] }, 'S1').ok).toBe(true);
    expect(activityPayload({ ...base, tiers: [{ threshold: '5', off: '5' }] }, 'S1')).toEqual({ ok: false, error: '减免金额要小于门槛' });
  });
});
