// The spec sheet's choice: values that no buyable SKU has with the other choices cannot be picked.
import { product } from '../testing/fixtures';
import { fen } from '../../core/money';
import { chosenSku, initialChoice, toggleValue, valueEnabled } from './spec';

const sku = (values: string[], over: { stock?: number | null; onShelf?: boolean } = {}) => ({
  skuId: values.join(''), values, label: values.join(' / '), price: fen(1000), memberPrice: null, payPrice: fen(1000), memberPriceApplied: false,
  stock: over.stock === undefined ? 3 : over.stock, soldOut: over.stock === 0, onShelf: over.onShelf ?? true,
});
const tee = product({
  options: [
    { name: '颜色', values: [{ id: 'v1', name: '白色', photo: null }, { id: 'v2', name: '黑色', photo: null }] },
    { name: '尺码', values: [{ id: 'v3', name: 'M', photo: null }, { id: 'v4', name: 'L', photo: null }] },
  ],
  skus: [sku(['v1', 'v3']), sku(['v1', 'v4'], { onShelf: false }), sku(['v2', 'v3'], { stock: 0 }), sku(['v2', 'v4'], { stock: null })],
});

test('sold-out and switched-off combinations cannot be picked; a full choice names its SKU', () => {
  let choice = initialChoice(tee);
  expect(choice).toEqual([null, null]);
  choice = toggleValue(choice, 0, 'v1');
  expect([valueEnabled(tee, choice, 1, 'v3'), valueEnabled(tee, choice, 1, 'v4')]).toEqual([true, false]);
  choice = toggleValue(choice, 0, 'v2');
  expect([valueEnabled(tee, choice, 1, 'v3'), valueEnabled(tee, choice, 1, 'v4')]).toEqual([false, true]);
  choice = toggleValue(choice, 1, 'v4');
  expect(chosenSku(tee, choice)?.label).toBe('v2 / v4');
  expect(toggleValue(choice, 1, 'v4')).toEqual(['v2', null]);
});
