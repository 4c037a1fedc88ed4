// Order status: "支付确认中" from the buyer's "I have paid" until the server says paid — the client
// never decides — and the buyer's actions come from the server's `actions`.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { OrderStatusView } from '../../components/OrderStatusView';
import { call, CloudError } from '../../services/cloud';
import { order } from '../../testing/fixtures';
import Taro, { setRouterParams, storage } from '../../testing/taro-mock';
import OrderPage from './index';

jest.mock('../../services/cloud', () => ({ ...jest.requireActual('../../services/cloud'), call: jest.fn() }));
const mockCall = call as jest.Mock;

beforeEach(() => {
  storage.clear();
  mockCall.mockReset();
  Taro.showModal.mockClear();
  delete process.env.TARO_ENV;
});

describe('OrderStatusView', () => {
  test('an unpaid order the buyer says is paid reads 支付确认中', () => {
    render(<OrderStatusView order={order()} phase="confirming" />);
    expect(screen.getByTestId('order-status-label').textContent).toBe('支付确认中');
  });
  test('otherwise the status label of core/order-state, with the fulfilment kind once fulfilled', () => {
    const { rerender } = render(<OrderStatusView order={order({ status: 'paid' })} phase="confirming" />);
    expect(screen.getByTestId('order-status-label').textContent).toBe('待接单');
    rerender(<OrderStatusView order={order({ status: 'fulfilled', fulfilment: { kind: 'ready_for_pickup', at: 0, carrier: null, trackingNo: null, note: '', shippingUploaded: false } })} phase="idle" />);
    expect(screen.getByTestId('order-status-label').textContent).toBe('待自提');
    rerender(<OrderStatusView order={order()} phase="idle" />);
    expect(screen.getByTestId('order-status').textContent).toContain('请在 2026-11-22 10:15 前完成支付');
  });
});

describe('order page', () => {
  test('back from paying it shows 支付确认中 until the server reports the order paid', async () => {
    setRouterParams({ id: 'O1', payResult: 'ok' });
    let serverStatus: 'unpaid' | 'paid' = 'unpaid';
    const confirmations: (() => void)[] = [];
    mockCall.mockImplementation(async (_fn: string, action: string) => {
      if (action === 'detail') return order({ status: serverStatus, actions: serverStatus === 'unpaid' ? ['cancel', 'repay'] : [] });
      if (action === 'confirmPaid') {
        // WeChat Pay has not answered yet: the page must keep waiting, not decide.
        await new Promise<void>((resolve) => confirmations.push(resolve));
        throw new CloudError('PAYMENT_PENDING', '尚未收到支付结果，请稍后刷新');
      }
      throw new Error(action);
    });
    render(<OrderPage />);
    await waitFor(() => expect(confirmations).toHaveLength(1));
    expect(screen.getByTestId('order-status-label').textContent).toBe('支付确认中');
    expect(screen.queryByTestId('repay')).toBeNull();
    // The notify arrives on the server; the next round sees it.
    serverStatus = 'paid';
    await act(async () => confirmations[0]());
    await waitFor(() => expect(screen.getByTestId('order-status-label').textContent).toBe('待接单'));
    expect(mockCall.mock.calls.filter((c) => c[1] === 'confirmPaid')).toHaveLength(1);
  });

  test('an unpaid order offers cancel and pay; cancelling asks first and reloads', async () => {
    setRouterParams({ id: 'O1' });
    let status: 'unpaid' | 'cancelled' = 'unpaid';
    mockCall.mockImplementation(async (_fn: string, action: string) => {
      if (action === 'detail') return order({ status, actions: status === 'unpaid' ? ['cancel', 'repay'] : [] });
      if (action === 'cancel') {
        status = 'cancelled';
        return { orderId: 'O1', status };
      }
      throw new Error(action);
    });
    render(<OrderPage />);
    expect((await screen.findByTestId('order-status-label')).textContent).toBe('待付款');
    expect(screen.getByTestId('repay')).toBeTruthy();
    fireEvent.click(screen.getByTestId('cancel-order'));
    await waitFor(() => expect(screen.getByTestId('order-status-label').textContent).toBe('已取消'));
    expect(Taro.showModal).toHaveBeenCalled();
    expect(mockCall).toHaveBeenCalledWith('orders', 'cancel', { orderId: 'O1' });
  });

  test('a missing order shows the error state', async () => {
    setRouterParams({ id: 'nope' });
    mockCall.mockRejectedValue(new CloudError('ORDER_NOT_FOUND', '订单不存在'));
    render(<OrderPage />);
    expect((await screen.findByTestId('state-error')).textContent).toContain('订单不存在');
  });
});
