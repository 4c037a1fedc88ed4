import { buyerLabel, buyerName } from './buyers';

describe('buyer names', () => {
  test('two demo buyers whose openids end alike get different, stable labels', () => {
    const a = buyerLabel('o_demo_buyer_a_00000000000001');
    const b = buyerLabel('o_demo_buyer_b_00000000000001');
    expect(a).not.toBe(b);
    expect(buyerLabel('o_demo_buyer_a_00000000000001')).toBe(a);
    expect(a).toMatch(/^顾客 [2-9A-Z]{4}$/);
    console.log(`labels: ${a} / ${b}`);
  });

  test('1000 openids differing in one character get 1000 labels', () => {
    const labels = new Set(Array.from({ length: 1000 }, (_, i) => buyerLabel(`oBUYER_${String(i).padStart(21, '0')}`)));
    expect(labels.size).toBeGreaterThanOrEqual(999);
  });

  test('the nickname wins, then the delivery name, then the label', () => {
    expect(buyerName('oX', { nickname: ' 小林 ', addressName: '林先生' })).toBe('小林');
    expect(buyerName('oX', { nickname: '', addressName: '林先生' })).toBe('林先生');
    expect(buyerName('oX')).toBe(buyerLabel('oX'));
  });
});
