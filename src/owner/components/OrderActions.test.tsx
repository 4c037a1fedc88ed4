// The owner's order actions: each button is one of the server's `actions`; marking lines sold out shows
// the refund before anything is sent and the confirmation names it; destructive steps ask first and a
// "no" sends nothing; reasons and tracking numbers are required where the contract requires them.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { OrderDetailView } from '../../../core/contracts/views';
import { fen } from '../../../core/money';
import { call } from '../../services/cloud';
import { order } from '../../testing/fixtures';
import Taro from '../../testing/taro-mock';
import { OrderActions } from './OrderActions';

jest.mock('../../services/cloud', () => ({ ...jest.requireActual('../../services/cloud'), call: jest.fn() }));
const mockCall = call as jest.Mock;

const base = order().lines[0];
function paidOrder(over: Partial<OrderDetailView> = {}): OrderDetailView {
  return order({
    orderId: 'O1', status: 'paid', paymentMethod: 'wechat', paidFen: fen(2630), total: fen(2630), subtotal: fen(2130), deliveryFee: fen(500),
    delivery: { method: 'pickup', fee: fen(500), address: null },
    lines: [
      { ...base, lineNo: 1, name: '手工全麦面包', quantity: 1, unitPrice: fen(1250), listPrice: fen(1250), lineTotal: fen(1250) },
      { ...base, lineNo: 2, name: '肉松小贝', quantity: 1, unitPrice: fen(880), listPrice: fen(880), lineTotal: fen(880) },
    ],
    actions: ['accept', 'reject', 'markSoldOut', 'refund'],
    ...over,
  });
}

const type = (testId: string, value: string) => {
  const el = screen.getAllByTestId(testId).pop()!;
  fireEvent.change(el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' ? el : el.querySelector('input,textarea')!, { target: { value } });
};

/** What the first confirmation asked. */
const asked = () => (Taro.showModal.mock.calls as unknown as [{ content: string }][])[0][0].content;

beforeEach(() => {
  mockCall.mockReset();
  mockCall.mockResolvedValue({ orderId: 'O1', status: 'paid' });
  Taro.showModal.mockReset();
  Taro.showModal.mockResolvedValue({ confirm: true, cancel: false });
  Taro.showToast.mockClear();
});

test('a paid order offers exactly the server’s actions: accept, reject, mark sold out, refund', () => {
  render(<OrderActions shopId="S1" order={paidOrder()} onChanged={jest.fn()} />);
  expect(screen.getAllByRole('button').map((b) => b.getAttribute('data-testid'))).toEqual(['action-refund', 'action-reject', 'action-markSoldOut', 'action-accept']);
});

test('marking one of two lines sold out shows ¥8.80 before confirming, asks with the amount, then sends that line', async () => {
  const onChanged = jest.fn();
  render(<OrderActions shopId="S1" order={paidOrder()} onChanged={onChanged} />);
  fireEvent.click(screen.getByTestId('action-markSoldOut'));
  expect(screen.getByTestId('sold-out-preview').textContent).toBe('请选择缺货的商品');
  fireEvent.click(screen.getAllByTestId('sold-out-line')[1]);
  expect(screen.getByTestId('sold-out-preview').textContent).toBe('将退款 ¥8.80');
  expect(mockCall).not.toHaveBeenCalled();
  fireEvent.click(screen.getByTestId('sheet-confirm'));
  await waitFor(() => expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'markSoldOut', { shopId: 'S1', orderId: 'O1', lineNos: [2], reason: '' }));
  expect(asked()).toBe('将 “肉松小贝” 标记为缺货，并退款 ¥8.80 给顾客。确定吗？');
  expect(onChanged).toHaveBeenCalled();
});

test('every line sold out previews the full refund, the delivery fee included', () => {
  render(<OrderActions shopId="S1" order={paidOrder()} onChanged={jest.fn()} />);
  fireEvent.click(screen.getByTestId('action-markSoldOut'));
  for (const line of screen.getAllByTestId('sold-out-line')) fireEvent.click(line);
  expect(screen.getByTestId('sold-out-preview').textContent).toBe('将退款 ¥26.30（全部商品缺货时，订单全额退款）');
});

test('saying no to the confirmation sends nothing', async () => {
  Taro.showModal.mockResolvedValue({ confirm: false, cancel: true });
  render(<OrderActions shopId="S1" order={paidOrder()} onChanged={jest.fn()} />);
  fireEvent.click(screen.getByTestId('action-markSoldOut'));
  fireEvent.click(screen.getAllByTestId('sold-out-line')[0]);
  fireEvent.click(screen.getByTestId('sheet-confirm'));
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
  expect(mockCall).not.toHaveBeenCalled();
  expect(screen.getByTestId('sold-out-sheet')).toBeTruthy();
});

test('rejecting needs a reason, then asks with the full refund and sends the reason', async () => {
  render(<OrderActions shopId="S1" order={paidOrder()} onChanged={jest.fn()} />);
  fireEvent.click(screen.getByTestId('action-reject'));
  fireEvent.click(screen.getByTestId('sheet-confirm'));
  expect(screen.getByText('请填写原因')).toBeTruthy();
  expect(Taro.showModal).not.toHaveBeenCalled();
  type('reason-input', '今天店休');
  fireEvent.click(screen.getByTestId('sheet-confirm'));
  await waitFor(() => expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'rejectOrder', { shopId: 'S1', orderId: 'O1', reason: '今天店休' }));
  expect(asked()).toBe('拒单后将全额退款 ¥26.30 给顾客。确定拒单吗？');
});

test('accept is sent at once (nothing is lost by accepting)', async () => {
  render(<OrderActions shopId="S1" order={paidOrder()} onChanged={jest.fn()} />);
  fireEvent.click(screen.getByTestId('action-accept'));
  await waitFor(() => expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'acceptOrder', { shopId: 'S1', orderId: 'O1' }));
});

test('fulfilling a pickup order offers only ready for pickup; shipping it anyway is warned and needs a carrier and a valid tracking number', async () => {
  const accepted = paidOrder({ status: 'accepted', actions: ['fulfil', 'markSoldOut', 'refund'] });
  const { unmount } = render(<OrderActions shopId="S1" order={accepted} onChanged={jest.fn()} />);
  fireEvent.click(screen.getByTestId('action-fulfil'));
  expect(screen.getByTestId('fulfil-ready_for_pickup').className).toContain('choice--on');
  fireEvent.click(screen.getByTestId('sheet-confirm'));
  await waitFor(() => expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'fulfilOrder', { shopId: 'S1', orderId: 'O1', kind: 'ready_for_pickup', note: '' }));
  unmount();

  mockCall.mockClear();
  render(<OrderActions shopId="S1" order={accepted} onChanged={jest.fn()} />);
  fireEvent.click(screen.getByTestId('action-fulfil'));
  expect(screen.queryByTestId('fulfil-shipped')).toBeNull();
  fireEvent.click(screen.getByTestId('fulfil-other'));
  fireEvent.click(screen.getByTestId('fulfil-shipped'));
  expect(screen.getByTestId('fulfil-warning').textContent).toBe('顾客选的是「到店自提」，确定改为「快递已发出」吗？');
  type('tracking-no', '12');
  fireEvent.click(screen.getByTestId('sheet-confirm'));
  expect(screen.getByText('请填写快递公司')).toBeTruthy();
  expect(screen.getByText('快递单号为 4-40 位字母、数字或 -')).toBeTruthy();
  type('carrier', '顺丰速运');
  type('tracking-no', 'SF1234567890');
  fireEvent.click(screen.getByTestId('sheet-confirm'));
  await waitFor(() => expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'fulfilOrder', {
    shopId: 'S1', orderId: 'O1', kind: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890', note: '',
  }));
});

test('a pay-on-pickup order is marked paid on handover after confirming the amount', async () => {
  render(<OrderActions shopId="S1" order={paidOrder({ status: 'unpaid', paymentMethod: 'on_pickup', paidFen: fen(0), actions: ['markPaid', 'cancel'] })} onChanged={jest.fn()} />);
  fireEvent.click(screen.getByTestId('action-markPaid'));
  await waitFor(() => expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'markPaid', { shopId: 'S1', orderId: 'O1' }));
  expect(asked()).toBe('确认已当面收到 ¥26.30 吗？');
});

test('a partial refund typed in yuan is sent in fen; more than is refundable is refused', async () => {
  render(<OrderActions shopId="S1" order={paidOrder({ status: 'completed', actions: ['refund'] })} onChanged={jest.fn()} />);
  fireEvent.click(screen.getByTestId('action-refund'));
  fireEvent.click(screen.getByTestId('refund-partial'));
  type('refund-amount', '26.31');
  type('reason-input', '面包压坏了');
  fireEvent.click(screen.getByTestId('sheet-confirm'));
  expect(screen.getByTestId('refund-amount-error').textContent).toBe('最多可退 ¥26.30，金额最多两位小数');
  type('refund-amount', '5.5');
  fireEvent.click(screen.getByTestId('sheet-confirm'));
  await waitFor(() => expect(mockCall).toHaveBeenCalledWith('shopAdmin', 'refundOrder', { shopId: 'S1', orderId: 'O1', mode: 'amount', amount: 550, reason: '面包压坏了' }));
  expect(asked()).toBe('将退款 ¥5.50 给顾客，退款后无法撤回。确定吗？');
});

test('a server refusal is shown as its Chinese message and the sheet stays open', async () => {
  const { CloudError } = jest.requireActual('../../services/cloud');
  mockCall.mockRejectedValue(new CloudError('INVALID_TRANSITION', '订单状态已变化，请刷新后重试'));
  render(<OrderActions shopId="S1" order={paidOrder()} onChanged={jest.fn()} />);
  fireEvent.click(screen.getByTestId('action-markSoldOut'));
  fireEvent.click(screen.getAllByTestId('sold-out-line')[0]);
  fireEvent.click(screen.getByTestId('sheet-confirm'));
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '订单状态已变化，请刷新后重试', icon: 'none' }));
  expect(screen.getByTestId('sold-out-sheet')).toBeTruthy();
});
