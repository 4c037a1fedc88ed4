// The product editor: prices typed in yuan are sent in fen exactly, invalid amounts are refused on the
// spot with a message and nothing is sent, and an edit sends only what changed.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fen } from '../../../core/money';
import { call } from '../../services/cloud';
import Taro from '../../testing/taro-mock';
import { ownerProduct } from '../testing/fixtures';
import { ProductEditor } from './ProductEditor';

jest.mock('../../services/cloud', () => ({ ...jest.requireActual('../../services/cloud'), call: jest.fn() }));
const mockCall = call as jest.Mock;

const type = (testId: string, value: string) => {
  const host = screen.getByTestId(testId);
  fireEvent.change(host.tagName === 'INPUT' || host.tagName === 'TEXTAREA' ? host : host.querySelector('input,textarea')!, { target: { value } });
};

beforeEach(() => {
  mockCall.mockReset();
  Taro.showToast.mockClear();
  Taro.showModal.mockClear();
});

test('"12.5" yuan is shown as 顾客将支付 ¥12.50 and created as price 1250 with the stock typed', async () => {
  const onSaved = jest.fn();
  mockCall.mockImplementation(async (_fn: string, _action: string, payload: { price: number }) => ownerProduct({ price: fen(payload.price) }));
  render(<ProductEditor shopId="S1" categories={[{ categoryId: 'C1', name: '面包', sort: 0 }]} onSaved={onSaved} />);
  type('product-name', '手工全麦面包');
  type('product-price', '12.5');
  expect(screen.getByText('顾客将支付 ¥12.50')).toBeTruthy();
  type('product-member-price', '11');
  type('product-stock', '20');
  fireEvent.click(screen.getByText('面包'));
  fireEvent.click(screen.getByTestId('save-product'));
  await waitFor(() => expect(onSaved).toHaveBeenCalled());
  expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'createProduct', expect.objectContaining({
    shopId: 'S1', kind: 'physical', name: '手工全麦面包', price: 1250, memberPrice: 1100, stock: 20, unlimited: false, categoryId: 'C1',
  }));
});

test('an amount with three decimals is refused under its field and nothing is sent', async () => {
  render(<ProductEditor shopId="S1" categories={[]} onSaved={jest.fn()} />);
  type('product-name', '肉松小贝');
  type('product-price', '8.805');
  type('product-stock', '10');
  fireEvent.click(screen.getByTestId('save-product'));
  expect((await screen.findByTestId('product-price-error')).textContent).toBe('价格请填写数字，最多两位小数，例如 12 或 12.50');
  expect(mockCall).not.toHaveBeenCalled();
  // Fixed, it goes through as 880 fen.
  type('product-price', '8.8');
  mockCall.mockResolvedValue(ownerProduct());
  fireEvent.click(screen.getByTestId('save-product'));
  await waitFor(() => expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'createProduct', expect.objectContaining({ price: 880 })));
  expect(screen.queryByTestId('product-price-error')).toBeNull();
});

test('a member price above the price and a missing stock are refused together', async () => {
  render(<ProductEditor shopId="S1" categories={[]} onSaved={jest.fn()} />);
  type('product-name', '鲜牛奶');
  type('product-price', '10');
  type('product-member-price', '10.01');
  fireEvent.click(screen.getByTestId('save-product'));
  expect((await screen.findByTestId('product-member-price-error')).textContent).toBe('会员价不能高于价格');
  expect(screen.getByTestId('product-stock-error')).toBeTruthy();
  expect(mockCall).not.toHaveBeenCalled();
});

test('editing a product sends only the changed price, in fen', async () => {
  const onSaved = jest.fn();
  const product = ownerProduct({ price: fen(1280) });
  mockCall.mockResolvedValue(ownerProduct({ price: fen(1399) }));
  render(<ProductEditor shopId="S1" product={product} categories={[]} onSaved={onSaved} />);
  expect((screen.getByTestId('product-price') as HTMLInputElement).value).toBe('12.80');
  type('product-price', '13.99');
  fireEvent.click(screen.getByTestId('save-product'));
  await waitFor(() => expect(onSaved).toHaveBeenCalled());
  expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'updateProduct', { shopId: 'S1', productId: 'P1', patch: { price: 1399 } });
});

test('a membership plan shows its tag and days; lifetime hides the days', async () => {
  mockCall.mockResolvedValue(ownerProduct({ kind: 'membership' }));
  render(<ProductEditor shopId="S1" categories={[]} initialKind="membership" onSaved={jest.fn()} />);
  expect(screen.getByTestId('membership-fields')).toBeTruthy();
  type('product-name', '年卡会员');
  type('product-price', '199');
  type('plan-tag', 'vip');
  fireEvent.click(screen.getByTestId('plan-lifetime'));
  expect(screen.queryByTestId('plan-days')).toBeNull();
  fireEvent.click(screen.getByTestId('save-product'));
  await waitFor(() => expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'createProduct', expect.objectContaining({
    kind: 'membership', price: 19900, unlimited: true, membership: { tag: 'vip', lifetime: true, days: null },
  })));
});

test('deleting asks first; cancelling the question deletes nothing', async () => {
  const onSaved = jest.fn();
  render(<ProductEditor shopId="S1" product={ownerProduct()} categories={[]} onSaved={onSaved} />);
  Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
  fireEvent.click(screen.getByTestId('delete-product'));
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
  expect(mockCall).not.toHaveBeenCalled();
  mockCall.mockResolvedValue({ productId: 'P1' });
  fireEvent.click(screen.getByTestId('delete-product'));
  await waitFor(() => expect(onSaved).toHaveBeenCalledWith(null));
  expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'deleteProduct', { shopId: 'S1', productId: 'P1' });
});
