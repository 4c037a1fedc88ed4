// The dashboard: the shop's figures and the 7-day chart drawn as bars; a caller who does not own the shop
// sees the server's reason (NOT_SHOP_OWNER → core/errors.ts message), never an empty console.
import { render, screen, waitFor } from '@testing-library/react';
import { defaultShopSettings } from '../../../../core/checkout';
import { fen } from '../../../../core/money';
import { call, CloudError } from '../../../services/cloud';
import Taro, { setRouterParams } from '../../../testing/taro-mock';
import { barHeights, shortYuan, weekdayOf } from '../../components/RevenueChart';
import DashboardPage from './index';

jest.mock('../../../services/cloud', () => ({ ...jest.requireActual('../../../services/cloud'), call: jest.fn() }));
const mockCall = call as jest.Mock;

const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']
  .map((key, i) => ({ key, paidOrders: i, revenue: fen([0, 1250, 0, 5000, 880, 0, 2500][i]) }));

beforeEach(() => {
  mockCall.mockReset();
  setRouterParams({ shopId: 'S1' });
});

test('bars are proportional to the best day; a small day stays visible; an empty week draws no bars', () => {
  expect(barHeights(days)).toEqual([0, 25, 0, 100, 18, 0, 50]);
  expect(barHeights([{ revenue: fen(1) }, { revenue: fen(100_000) }])).toEqual([4, 100]);
  expect(barHeights(days.map((d) => ({ ...d, revenue: fen(0) })))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  expect(weekdayOf('2026-11-22')).toBe('周日');
  expect([shortYuan(fen(125_000)), shortYuan(fen(1250)), shortYuan(fen(1255))]).toEqual(['¥1250', '¥13', '¥13']);
});

test('the owner sees today’s revenue, orders waiting, members and the chart of the server’s days', async () => {
  mockCall.mockImplementation(async (_fn: string, action: string) => {
    if (action === 'getShop') return { shopId: 'S1', code: 'ABC234', name: '阿婆烘焙', role: 'owner', logoReviewing: false, logo: null, phone: '1', description: '', settings: { ...defaultShopSettings(), subMchId: '1900000222' }, createdAt: 0 };
    if (action === 'dashboard') return { today: days[6], waiting: 2, activeMembers: 5, days };
    if (action === 'listProducts') return { items: [{ productId: 'P1' }], offset: 0, limit: 1, hasMore: false };
    throw new Error(action);
  });
  render(<DashboardPage />);
  expect((await screen.findByTestId('today-revenue')).textContent).toBe('¥25.00');
  expect(screen.getByTestId('today-orders').textContent).toBe('6');
  expect(screen.getByTestId('waiting').textContent).toBe('2');
  expect(screen.getByTestId('active-members').textContent).toBe('5');
  expect(screen.getByTestId('chart-total').textContent).toBe('¥96.30');
  expect(screen.getAllByTestId('chart-bar').map((b) => b.getAttribute('data-revenue'))).toEqual(['0', '1250', '0', '5000', '880', '0', '2500']);
  // Products and a merchant number: the first steps are done and gone.
  expect(screen.queryByTestId('first-steps')).toBeNull();
});

test('someone who does not own the shop is told why, with the way back', async () => {
  mockCall.mockRejectedValue(new CloudError('NOT_SHOP_OWNER', '只有店主可以进行此操作'));
  render(<DashboardPage />);
  expect((await screen.findByTestId('not-owner')).textContent).toContain('只有店主可以进行此操作');
  expect(screen.queryByTestId('today-revenue')).toBeNull();
});

test('unread alerts show an entry with their count that opens the alerts page; no alerts, no entry', async () => {
  const alerts = { items: [
    { alertId: 'A1', kind: 'refund_failed', orderId: 'O1', message: 'x', at: 0, read: false },
    { alertId: 'A2', kind: 'late_payment_refunded', orderId: 'O2', message: 'y', at: 0, read: true },
  ], offset: 0, limit: 20, hasMore: false };
  const answer = (withAlerts: boolean) => async (_fn: string, action: string) => {
    if (action === 'getShop') return { shopId: 'S1', code: 'ABC234', name: '阿婆烘焙', role: 'owner', logoReviewing: false, logo: null, phone: '1', description: '', settings: defaultShopSettings(), createdAt: 0 };
    if (action === 'dashboard') return { today: days[6], waiting: 0, activeMembers: 0, days };
    if (action === 'listProducts') return { items: [], offset: 0, limit: 1, hasMore: false };
    if (action === 'alerts') return withAlerts ? alerts : { ...alerts, items: [] };
    throw new Error(action);
  };
  mockCall.mockImplementation(answer(true));
  const { unmount } = render(<DashboardPage />);
  expect((await screen.findByTestId('alerts-unread')).textContent).toBe('1 条未读');
  Taro.navigateTo.mockClear();
  screen.getByTestId('alerts-entry').click();
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/owner/pages/alerts/index?shopId=S1' });
  unmount();

  mockCall.mockImplementation(answer(false));
  render(<DashboardPage />);
  await screen.findByTestId('today-revenue');
  await waitFor(() => expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'alerts', { shopId: 'S1', limit: 20 }));
  expect(screen.queryByTestId('alerts-entry')).toBeNull();
});
