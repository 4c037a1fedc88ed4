// Options: SKU ids from value ids, combinations in order, and the plan for a change of options that
// never drops a SKU with units in it.
import { fen } from './money';
import { combinations, lowestPrices, offerOf, planOptions, type OptionsInput } from './options';
import { makeOptions, makeProduct } from './testing/fixtures';

const sku = (values: number[], price = 1200, stock: number | null = 5) => ({ values, price: fen(price), memberPrice: null, unlimited: false, stock, onShelf: true });

describe('options', () => {
  const stored = makeOptions([['颜色', ['白色', '黑色']], ['尺码', ['M', 'L']]]);

  test('combinations run the first group slowest; SKU ids are the value ids joined', () => {
    expect(combinations(stored.options!)).toEqual([['v1', 'v3'], ['v1', 'v4'], ['v2', 'v3'], ['v2', 'v4']]);
    expect(Object.keys(stored.skus!)).toEqual(['v1v3', 'v1v4', 'v2v3', 'v2v4']);
  });

  test('a product with options is bought by SKU; an off one is OFF_SHELF', () => {
    const p = makeProduct({ ...stored, skus: { ...stored.skus!, v2v4: { ...stored.skus!.v2v4, onShelf: false } } });
    expect(offerOf(p, null)).toEqual({ ok: false, problem: 'SKU_REQUIRED' });
    expect(offerOf(p, 'v9v9')).toEqual({ ok: false, problem: 'SKU_NOT_FOUND' });
    expect(offerOf(p, 'v2v4')).toEqual({ ok: false, problem: 'OFF_SHELF' });
    expect(offerOf(p, 'v1v3')).toMatchObject({ ok: true, offer: { label: '白色 / M', stock: 10 } });
    expect(offerOf(makeProduct(), 'v1v3')).toEqual({ ok: false, problem: 'SKU_NOT_FOUND' });
  });

  test('removing a value: a SKU that held or sold units is retired, a never-touched one dropped; new values get new ids', () => {
    const held = { ...stored, skus: { ...stored.skus!, v1v3: { ...stored.skus!.v1v3, reserved: 2, holds: { O1: 2 } } } };
    const input: OptionsInput = {
      groups: [
        { name: '颜色', values: [{ id: 'v2', name: '墨黑', photo: null }] },
        { name: '尺码', values: [{ id: 'v3', name: 'M', photo: null }, { id: 'v4', name: 'L', photo: null }, { id: null, name: 'XL', photo: null }] },
      ],
      skus: [sku([0, 0], 1200, null), sku([0, 1], 1300, 8), sku([0, 2], 1500, 3)],
    };
    const planned = planOptions(held, input);
    if (!planned.ok) throw new Error(planned.reason);
    const { plan } = planned;
    expect([plan.retire, plan.drop.sort(), Object.keys(plan.create), plan.optionSeq]).toEqual([['v1v3'], ['v1v4'], ['v2v5'], 6]);
    expect(plan.keep.map((k) => [k.skuId, k.set.label, k.stockDelta])).toEqual([['v2v3', '墨黑 / M', 0], ['v2v4', '墨黑 / L', -2]]);
    expect(plan.prices).toEqual({ price: 1200, memberPrice: null });
  });

  test('a value id from elsewhere is refused', () => {
    const r = planOptions(stored, { groups: [{ name: '颜色', values: [{ id: 'v77', name: '红', photo: null }] }], skus: [sku([0])] });
    expect(r).toMatchObject({ ok: false, path: 'options.groups.0.values.0.id' });
  });

  test('the listed price is the lowest on sale; a member price only when below it', () => {
    expect(lowestPrices([{ price: fen(1000), memberPrice: null, onShelf: true }, { price: fen(2000), memberPrice: fen(1500), onShelf: true }]))
      .toEqual({ price: 1000, memberPrice: null });
    expect(lowestPrices([{ price: fen(1000), memberPrice: fen(800), onShelf: true }, { price: fen(500), memberPrice: null, onShelf: false }]))
      .toEqual({ price: 1000, memberPrice: 800 });
  });
});
