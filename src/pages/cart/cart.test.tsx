// The cart page shows the server's quote, flags lines that became unavailable, and re-quotes when a
// stepper changes a quantity.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fen } from '../../../core/money';
import { call } from '../../services/cloud';
import { useCart } from '../../stores/cart';
import { quote } from '../../testing/fixtures';
import { setRouterParams, storage } from '../../testing/taro-mock';
import CartPage from './index';

jest.mock('../../services/cloud', () => ({ ...jest.requireActual('../../services/cloud'), call: jest.fn() }));
const mockCall = call as jest.Mock;

beforeEach(() => {
  storage.clear();
  mockCall.mockReset();
  setRouterParams({ shopId: 'S1' });
  useCart.setState({ carts: { S1: [{ productId: 'P1', quantity: 2 }, { productId: 'P3', quantity: 4 }] } });
});

test('a line over the stock left is cut down to it and says 仅剩 N 件; a line still over it is flagged', async () => {
  mockCall.mockResolvedValue(quote({
    unavailable: [{ productId: 'P3', skuId: null, name: '鲜牛奶', skuLabel: null, quantity: 4, reason: 'OUT_OF_STOCK', available: 1 }],
  }));
  render(<CartPage />);
  expect((await screen.findByTestId('quote-total')).textContent).toContain('¥4.00');
  expect(screen.getAllByTestId('cart-line')).toHaveLength(1);
  expect(screen.getByTestId('unavailable-line').textContent).toContain('鲜牛奶');
  expect(screen.getByTestId('unavailable-line').textContent).toContain('库存不足 · 仅剩 1 件');
  // Checkout waits until the unavailable line is dealt with.
  expect((screen.getByTestId('go-checkout') as HTMLButtonElement).hasAttribute('disabled')).toBe(true);
  expect(mockCall).toHaveBeenCalledWith('confirmOrder', 'quote', expect.objectContaining({
    shopId: 'S1', lines: [{ productId: 'P1', skuId: null, quantity: 2 }, { productId: 'P3', skuId: null, quantity: 4 }], deliveryMethod: null,
  }));
  // The 4 asked for became the 1 left (the quote here keeps saying 1 is left, so the line stays flagged).
  expect(useCart.getState().carts.S1).toEqual([{ productId: 'P1', quantity: 2 }, { productId: 'P3', quantity: 1 }]);
});

test('a stepper tap changes the cart and asks the server for a new quote', async () => {
  mockCall.mockImplementation(async (_fn: string, _action: string, payload: { lines: { productId: string; quantity: number }[] }) => {
    const q = payload.lines.find((l) => l.productId === 'P1')!.quantity;
    return quote({ lines: [{ ...quote().lines[0], quantity: q, lineTotal: fen(200 * q) }], subtotal: fen(200 * q), total: fen(200 * q) });
  });
  useCart.setState({ carts: { S1: [{ productId: 'P1', quantity: 2 }] } });
  render(<CartPage />);
  expect((await screen.findByTestId('quote-total')).textContent).toContain('¥4.00');
  fireEvent.click(screen.getByTestId('stepper-inc'));
  await waitFor(() => expect(screen.getByTestId('quote-total').textContent).toContain('¥6.00'));
  expect(useCart.getState().carts.S1).toEqual([{ productId: 'P1', quantity: 3 }]);
  expect((screen.getByTestId('go-checkout') as HTMLButtonElement).hasAttribute('disabled')).toBe(false);
});

test('an empty cart shows the empty state without calling the server', () => {
  useCart.setState({ carts: {} });
  render(<CartPage />);
  expect(screen.getByTestId('state-empty').textContent).toContain('购物车是空的');
  expect(mockCall).not.toHaveBeenCalled();
});

test('a failed quote shows the error with a retry', async () => {
  const { CloudError } = jest.requireActual('../../services/cloud');
  mockCall.mockRejectedValueOnce(new CloudError('SHOP_NOT_FOUND', '店铺不存在')).mockResolvedValueOnce(quote());
  render(<CartPage />);
  expect((await screen.findByTestId('state-error')).textContent).toContain('店铺不存在');
  fireEvent.click(screen.getByText('重试'));
  expect((await screen.findByTestId('quote-total')).textContent).toContain('¥4.00');
});

test('全选 and per-line ticks: the total and the checkout count only the ticked lines', async () => {
  useCart.setState({ carts: { S1: [{ productId: 'P1', quantity: 2 }, { productId: 'P2', skuId: 'v1v3', quantity: 1 }] } });
  mockCall.mockResolvedValue(quote({
    lines: [
      { ...quote().lines[0] },
      { ...quote().lines[0], lineNo: 2, productId: 'P2', skuId: 'v1v3', skuLabel: '白色 / M', name: '纯棉T恤', unitPrice: fen(5900), listPrice: fen(5900), lineTotal: fen(5900), quantity: 1 },
    ],
  }));
  render(<CartPage />);
  expect((await screen.findByTestId('quote-total')).textContent).toBe('¥63.00');
  expect(screen.getAllByTestId('cart-sku').map((e) => e.textContent)).toEqual(['白色 / M']);
  fireEvent.click(screen.getAllByTestId('line-select')[1]);
  await waitFor(() => expect(screen.getByTestId('quote-total').textContent).toBe('¥4.00'));
  fireEvent.click(screen.getByTestId('select-all'));
  await waitFor(() => expect(screen.getByTestId('quote-total').textContent).toBe('¥63.00'));
  fireEvent.click(screen.getByTestId('select-all'));
  await waitFor(() => expect(screen.getByTestId('quote-total').textContent).toBe('¥0.00'));
  expect((screen.getByTestId('go-checkout') as HTMLButtonElement).hasAttribute('disabled')).toBe(true);
});
