// The shop page: products at this buyer's prices, marks, the member badge or the join banner, a cart
// bar that follows the cart, and the shelf read page by page (全部 and each category).
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fen } from '../../../core/money';
import { call } from '../../services/cloud';
import { useCart } from '../../stores/cart';
import { useShop } from '../../stores/shop';
import { card, home, product } from '../../testing/fixtures';
import { hooks, setRouterParams, storage } from '../../testing/taro-mock';
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
  expect(useCart.getState().carts.S1).toEqual([{ productId: 'P1', quantity: 1, price: 200 }, { productId: 'P2', quantity: 2, price: 650 }]);
});

test('sold-out and members-only products are marked and cannot be added', async () => {
  mockCall.mockResolvedValue(home({
    products: [
      card({ productId: 'P1', soldOut: true, stock: 0 }),
      card({ productId: 'P2', name: '会员专享咖啡豆', membersOnly: true, locked: true }),
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
  mockCall.mockResolvedValueOnce(home({ plans: [plan] }));
  const { unmount } = render(<ShopPage />);
  expect(await screen.findByTestId('join-banner')).toBeTruthy();
  expect(screen.queryByTestId('member-badge')).toBeNull();
  unmount();

  useShop.getState().invalidate();
  mockCall.mockResolvedValueOnce(home({
    products: [card({ productId: 'P2', name: '乐事薯片', price: fen(650), memberPrice: fen(550), payPrice: fen(550), memberPriceApplied: true })],
    plans: [plan],
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

const cards = (from: number, n: number, categoryId = 'C1') =>
  Array.from({ length: n }, (_, i) => card({ productId: `P${from + i}`, name: `商品 ${from + i}`, categoryId }));

test('the shelf comes 20 at a time: scrolling to the bottom reads the next page until 没有更多了', async () => {
  mockCall.mockImplementation(async (_fn: string, action: string, payload: { offset?: number; categoryId?: string }) => {
    if (action === 'home') return home({ products: cards(0, 20), hasMore: true });
    if (action !== 'products') return { coupons: [], activities: [] };
    const offset = payload.offset ?? 0;
    return { items: cards(offset, Math.min(20, 45 - offset)), offset, limit: 20, hasMore: offset + 20 < 45 };
  });
  render(<ShopPage />);
  await screen.findByTestId('shop-name');
  expect(screen.getAllByTestId('product-card')).toHaveLength(20);
  // The page's latest onReachBottom (each render registers its own).
  act(() => hooks.reachBottom[hooks.reachBottom.length - 1]());
  await waitFor(() => expect(screen.getAllByTestId('product-card')).toHaveLength(40));
  fireEvent.click(screen.getByTestId('shelf-more'));
  await waitFor(() => expect(screen.getAllByTestId('product-card')).toHaveLength(45));
  expect(screen.getByTestId('shelf-end').textContent).toBe('没有更多了');
  expect(screen.queryByTestId('shelf-more')).toBeNull();
  expect(mockCall.mock.calls.filter(([, a]) => a === 'products').map(([, , p]) => p)).toEqual([
    { shopId: 'S1', offset: 20, limit: 20 }, { shopId: 'S1', offset: 40, limit: 20 },
  ]);
});

test('a category reads its own shelf once; a failed page keeps what was shown and offers a retry', async () => {
  const { CloudError } = jest.requireActual('../../services/cloud');
  let failNext = true;
  mockCall.mockImplementation(async (_fn: string, action: string, payload: { offset?: number; categoryId?: string }) => {
    if (action === 'home') return home({ products: cards(0, 20), hasMore: true, categories: [{ categoryId: 'C1', name: '饮料', sort: 0 }, { categoryId: 'C2', name: '零食', sort: 1 }] });
    if (action !== 'products') return { coupons: [], activities: [] };
    if (payload.categoryId === 'C2' && (payload.offset ?? 0) === 0) return { items: cards(100, 20, 'C2'), offset: 0, limit: 20, hasMore: true };
    if (failNext) {
      failNext = false;
      throw new CloudError('INTERNAL_ERROR', '网络不太好');
    }
    return { items: cards(120, 3, 'C2'), offset: 20, limit: 20, hasMore: false };
  });
  render(<ShopPage />);
  await screen.findByTestId('shop-name');
  fireEvent.click(screen.getByText('零食'));
  await waitFor(() => expect(screen.getAllByTestId('product-card')[0].textContent).toContain('商品 100'));
  fireEvent.click(screen.getByTestId('shelf-more'));
  await waitFor(() => expect(screen.getByTestId('shelf-more').textContent).toBe('没加载出来，点这里再试一次'));
  expect(screen.getAllByTestId('product-card')).toHaveLength(20);
  fireEvent.click(screen.getByTestId('shelf-more'));
  await waitFor(() => expect(screen.getAllByTestId('product-card')).toHaveLength(23));
  // Back to 全部 and to 零食 again: both shelves are kept, nothing is read twice.
  fireEvent.click(screen.getByText('全部'));
  expect(screen.getAllByTestId('product-card')[0].textContent).toContain('商品 0');
  fireEvent.click(screen.getByText('零食'));
  expect(screen.getAllByTestId('product-card')).toHaveLength(23);
  expect(mockCall.mock.calls.filter(([, a]) => a === 'products')).toHaveLength(3);
});

test('coming back to the page (onShow) refreshes the first page and keeps the place in the list and the category', async () => {
  let price = 200;
  mockCall.mockImplementation(async (_fn: string, action: string, payload: { offset?: number; categoryId?: string }) => {
    if (action === 'home') {
      return home({ products: cards(0, 20).map((c) => ({ ...c, payPrice: fen(price) })), hasMore: true, categories: [{ categoryId: 'C1', name: '饮料', sort: 0 }, { categoryId: 'C2', name: '零食', sort: 1 }] });
    }
    if (action !== 'products') return { coupons: [], activities: [] };
    if (payload.categoryId === 'C2') return { items: cards(100, 5, 'C2'), offset: 0, limit: 20, hasMore: false };
    return { items: cards(20, 20), offset: 20, limit: 20, hasMore: true };
  });
  render(<ShopPage />);
  await screen.findByTestId('shop-name');
  fireEvent.click(screen.getByTestId('shelf-more'));
  await waitFor(() => expect(screen.getAllByTestId('product-card')).toHaveLength(40));
  price = 150;
  await act(() => useShop.getState().load({ shopId: 'S1' }).then(() => undefined));
  expect(screen.getAllByTestId('product-card')).toHaveLength(40);
  expect(screen.getAllByTestId('product-card')[0].textContent).toContain('¥1.50');
  fireEvent.click(screen.getByText('零食'));
  await waitFor(() => expect(screen.getAllByTestId('product-card')).toHaveLength(5));
  await act(() => useShop.getState().load({ shopId: 'S1' }).then(() => undefined));
  expect(screen.getAllByTestId('product-card')).toHaveLength(5);
  // A persona switch forgets the shop: the category's shelf is read again, not left loading.
  await act(async () => {
    useShop.getState().invalidate();
    await useShop.getState().load({ shopId: 'S1' });
  });
  await waitFor(() => expect(screen.getAllByTestId('product-card')).toHaveLength(5));
  expect(mockCall.mock.calls.filter(([, a, p]) => a === 'products' && (p as { categoryId?: string }).categoryId === 'C2')).toHaveLength(2);
});
