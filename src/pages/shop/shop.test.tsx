// The shop page: products at this buyer's prices, marks, the member badge or the join banner, and a
// cart bar that follows the cart.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fen } from '../../../core/money';
import { call } from '../../services/cloud';
import { useCart } from '../../stores/cart';
import { useShop } from '../../stores/shop';
import { home, product } from '../../testing/fixtures';
import { setRouterParams, storage } from '../../testing/taro-mock';
import ShopPage from './index';

jest.mock('../../services/cloud', () => ({ ...jest.requireActual('../../services/cloud'), call: jest.fn() }));
const mockCall = call as jest.Mock;

beforeEach(() => {
  storage.clear();
  mockCall.mockReset();
  useCart.setState({ carts: {} });
  useShop.getState().invalidate();
  setRouterParams({ id: 'S1' });
});

test('tapping + on two products fills the cart bar with their count and total', async () => {
  mockCall.mockResolvedValue(home());
  render(<ShopPage />);
  expect((await screen.findByTestId('shop-name')).textContent).toBe('街角小卖部');
  expect(screen.getByTestId('cart-bar').textContent).toContain('购物车是空的');
  const adds = screen.getAllByTestId('add-to-cart');
  fireEvent.click(adds[0]);
  fireEvent.click(adds[1]);
  fireEvent.click(adds[1]);
  expect(screen.getByTestId('cart-count').textContent).toBe('3');
  expect(screen.getByTestId('cart-total').textContent).toBe('¥15.00');
  expect(useCart.getState().carts.S1).toEqual([{ productId: 'P1', quantity: 1 }, { productId: 'P2', quantity: 2 }]);
});

test('sold-out and members-only products are marked and cannot be added', async () => {
  mockCall.mockResolvedValue(home({
    products: [
      product({ productId: 'P1', soldOut: true, stock: 0 }),
      product({ productId: 'P2', name: '会员专享咖啡豆', membersOnly: true, locked: true }),
    ],
  }));
  render(<ShopPage />);
  await screen.findByTestId('shop-name');
  expect(screen.getAllByText('已售罄').length).toBeGreaterThan(0);
  expect(screen.getByText('会员专享')).toBeTruthy();
  expect(screen.queryAllByTestId('add-to-cart')).toHaveLength(0);
});

test('a member sees the badge and member prices; a non-member sees the join banner', async () => {
  const plan = product({ productId: 'PM', kind: 'membership', name: '月卡', membership: { tag: 'vip', lifetime: false, days: 30 } });
  mockCall.mockResolvedValueOnce(home({ products: [...home().products, plan] }));
  const { unmount } = render(<ShopPage />);
  expect(await screen.findByTestId('join-banner')).toBeTruthy();
  expect(screen.queryByTestId('member-badge')).toBeNull();
  unmount();

  useShop.getState().invalidate();
  mockCall.mockResolvedValueOnce(home({
    products: [product({ productId: 'P2', name: '乐事薯片', price: fen(650), memberPrice: fen(550), payPrice: fen(550), memberPriceApplied: true }), plan],
    memberships: [{ shopId: 'S1', shopName: '街角小卖部', tag: 'vip', state: 'active', expiresAt: Date.UTC(2026, 11, 22), lifetime: false, daysLeft: 30 }],
  }));
  render(<ShopPage />);
  expect((await screen.findByTestId('member-badge')).textContent).toBe('会员 vip · 2026-12-22 到期');
  expect(screen.queryByTestId('join-banner')).toBeNull();
  expect(screen.getAllByTestId('product-card')[0].textContent).toContain('¥5.50');
});

test('a poster code (?scene=s%3DABC234) opens the shop by its code', async () => {
  setRouterParams({ scene: 's%3DABC234' });
  mockCall.mockResolvedValue(home());
  render(<ShopPage />);
  await screen.findByTestId('shop-name');
  expect(mockCall).toHaveBeenCalledWith('storefront', 'home', { shopCode: 'ABC234' });
});

test('an unknown shop shows the error state with a retry', async () => {
  const { CloudError } = jest.requireActual('../../services/cloud');
  mockCall.mockRejectedValueOnce(new CloudError('SHOP_NOT_FOUND', '店铺不存在')).mockResolvedValueOnce(home());
  render(<ShopPage />);
  expect((await screen.findByTestId('state-error')).textContent).toContain('店铺不存在');
  fireEvent.click(screen.getByText('重试'));
  await waitFor(() => expect(screen.getByTestId('shop-name').textContent).toBe('街角小卖部'));
});
