// The alerts page: each alert named by its kind with the server's message, one about an order opens that
// order, the list is paged; an empty shop says so, a failed read offers a retry, a non-owner is told why.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AlertRow } from '../../../../core/contracts/views';
import { call, CloudError } from '../../../services/cloud';
import Taro, { setRouterParams } from '../../../testing/taro-mock';
import AlertsPage from './index';

jest.mock('../../../services/cloud', () => ({ ...jest.requireActual('../../../services/cloud'), call: jest.fn() }));
const mockCall = call as jest.Mock;

const at = Date.UTC(2026, 10, 22, 2, 0, 0);
const alert = (over: Partial<AlertRow>): AlertRow => ({ alertId: 'A', kind: 'refund_failed', orderId: null, message: '', at, read: false, byName: null, ...over });
const failedRefund = alert({ alertId: 'refund_failed.R1', kind: 'refund_failed', orderId: 'O1', message: '退款 ¥8.80 被微信支付拒绝：余额不足' });
const latePaid = alert({ alertId: 'late_payment_refunded.T1', kind: 'late_payment_refunded', orderId: 'O2', message: '订单已取消后收到付款，已自动退回', read: true });
const lateReserved = alert({ alertId: 'late_payment_reserved.X', kind: 'late_payment_reserved', orderId: null, message: '超时付款已保留' });

beforeEach(() => {
  mockCall.mockReset();
  Taro.navigateTo.mockClear();
  setRouterParams({ shopId: 'S1' });
});

test('alerts are listed newest first by kind and message; one about an order opens it, one without an order has no link', async () => {
  mockCall.mockResolvedValue({ items: [failedRefund, latePaid, lateReserved], offset: 0, limit: 20, hasMore: false });
  render(<AlertsPage />);
  await screen.findAllByTestId('alert');
  expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'alerts', { shopId: 'S1', offset: 0, limit: 20 });
  expect(screen.getAllByTestId('alert-kind').map((e) => e.textContent)).toEqual(['退款失败', '超时付款已退回', '超时付款']);
  expect(screen.getAllByTestId('alert-message')[0].textContent).toBe('退款 ¥8.80 被微信支付拒绝：余额不足');
  expect(screen.getAllByTestId('alert-order')).toHaveLength(2);
  expect(screen.getAllByTestId('alert')[1].className).toContain('alerts__row--read');

  fireEvent.click(screen.getAllByTestId('alert')[0]);
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/owner/pages/order/index?shopId=S1&orderId=O1' });
  Taro.navigateTo.mockClear();
  fireEvent.click(screen.getAllByTestId('alert')[2]);
  expect(Taro.navigateTo).not.toHaveBeenCalled();
});

test('more alerts are read from where the list ends', async () => {
  mockCall.mockResolvedValueOnce({ items: [failedRefund], offset: 0, limit: 20, hasMore: true });
  mockCall.mockResolvedValueOnce({ items: [latePaid], offset: 1, limit: 20, hasMore: false });
  render(<AlertsPage />);
  fireEvent.click(await screen.findByTestId('alerts-more'));
  await waitFor(() => expect(screen.getAllByTestId('alert')).toHaveLength(2));
  expect(mockCall).toHaveBeenLastCalledWith('shopAdmin', 'alerts', { shopId: 'S1', offset: 1, limit: 20 });
  expect(screen.getByText('没有更多了')).toBeTruthy();
});

test('no alerts: the empty state', async () => {
  mockCall.mockResolvedValue({ items: [], offset: 0, limit: 20, hasMore: false });
  render(<AlertsPage />);
  expect((await screen.findByTestId('state-empty')).textContent).toContain('没有需要处理的提醒');
});

test('a failed read shows the error with a retry that reads again', async () => {
  mockCall.mockRejectedValueOnce(new CloudError('NETWORK_ERROR', '网络不太好，请稍后重试'));
  mockCall.mockResolvedValueOnce({ items: [failedRefund], offset: 0, limit: 20, hasMore: false });
  render(<AlertsPage />);
  expect((await screen.findByTestId('state-error')).textContent).toContain('网络不太好，请稍后重试');
  fireEvent.click(screen.getByRole('button'));
  expect(await screen.findByTestId('alert')).toBeTruthy();
});

test('someone who does not own the shop is told why', async () => {
  mockCall.mockRejectedValue(new CloudError('NOT_SHOP_OWNER', '只有店主可以进行此操作'));
  render(<AlertsPage />);
  expect((await screen.findByTestId('not-owner')).textContent).toContain('只有店主可以进行此操作');
});
