// 重试退款: only a refund WeChat Pay refused offers it; it asks first (a "no" sends nothing), then asks
// again with the refund's own outRefundNo and reloads the order, whether it went through or not.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { RefundRow } from '../../../core/contracts/views';
import { fen } from '../../../core/money';
import { call, CloudError } from '../../services/cloud';
import Taro from '../../testing/taro-mock';
import { FailedRefunds } from './FailedRefunds';

jest.mock('../../services/cloud', () => ({ ...jest.requireActual('../../services/cloud'), call: jest.fn() }));
const mockCall = call as jest.Mock;

const refund = (over: Partial<RefundRow>): RefundRow => ({ outRefundNo: 'R1', amount: fen(880), status: 'succeeded', failReason: null, createdAt: 0, ...over });
const refunds = [refund({}), refund({ outRefundNo: 'O20261122100000abcdefghR2', amount: fen(1250), status: 'failed', failReason: 'NOTENOUGH' }), refund({ outRefundNo: 'R3', status: 'pending' })];
const asked = () => (Taro.showModal.mock.calls as unknown as [{ content: string }][])[0][0].content;

beforeEach(() => {
  mockCall.mockReset();
  mockCall.mockResolvedValue({ orderId: 'O1', outRefundNo: 'O20261122100000abcdefghR2', amount: 1250, full: false, status: 'refunding' });
  Taro.showModal.mockReset();
  Taro.showModal.mockResolvedValue({ confirm: true, cancel: false });
  Taro.showToast.mockClear();
});

test('only the failed refund offers a retry, with its amount, number and reason', () => {
  render(<FailedRefunds shopId="S1" refunds={refunds} onChanged={jest.fn()} />);
  expect(screen.getAllByTestId('failed-refund')).toHaveLength(1);
  expect(screen.getByTestId('failed-refund').textContent).toContain('退款 ¥12.50 失败');
  expect(screen.getByTestId('failed-refund').textContent).toContain('O20261122100000abcdefghR2');
  expect(screen.getByTestId('failed-refund').textContent).toContain('NOTENOUGH');
  expect(screen.getByTestId('retry-refund').textContent).toBe('重试退款');
});

test('no failed refund: nothing is shown', () => {
  render(<FailedRefunds shopId="S1" refunds={[refund({})]} onChanged={jest.fn()} />);
  expect(screen.queryByTestId('failed-refunds')).toBeNull();
});

test('retrying asks first, then sends the refund’s own number and reloads the order', async () => {
  const onChanged = jest.fn();
  render(<FailedRefunds shopId="S1" refunds={refunds} onChanged={onChanged} />);
  fireEvent.click(screen.getByTestId('retry-refund'));
  await waitFor(() => expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'retryRefund', { shopId: 'S1', outRefundNo: 'O20261122100000abcdefghR2' }));
  expect(asked()).toBe('重新向微信支付申请退款 ¥12.50（使用原退款单号，不会重复退款）。确定吗？');
  await waitFor(() => expect(onChanged).toHaveBeenCalled());
  expect(Taro.showToast).toHaveBeenCalledWith({ title: '已重新申请退款', icon: 'success', duration: 1000 });
});

test('saying no sends nothing', async () => {
  Taro.showModal.mockResolvedValue({ confirm: false, cancel: true });
  const onChanged = jest.fn();
  render(<FailedRefunds shopId="S1" refunds={refunds} onChanged={onChanged} />);
  fireEvent.click(screen.getByTestId('retry-refund'));
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
  expect(mockCall).not.toHaveBeenCalled();
  expect(onChanged).not.toHaveBeenCalled();
});

test('a refusal is shown as its Chinese message and the order is reloaded', async () => {
  mockCall.mockRejectedValue(new CloudError('REFUND_FAILED', '退款失败，请稍后重试'));
  const onChanged = jest.fn();
  render(<FailedRefunds shopId="S1" refunds={refunds} onChanged={onChanged} />);
  fireEvent.click(screen.getByTestId('retry-refund'));
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '退款失败，请稍后重试', icon: 'none' }));
  expect(onChanged).toHaveBeenCalled();
});
