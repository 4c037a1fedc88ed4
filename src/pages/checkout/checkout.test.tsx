// 确认订单: the server's totals, one request id per payload (a double tap or a retry cannot make two
// orders), the address rule, iOS's virtual-goods rule, and paying after placing.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fen } from '../../../core/money';
import { call, CloudError, NETWORK_ERROR } from '../../services/cloud';
import { requestPay } from '../../services/pay';
import { useCart } from '../../stores/cart';
import { quote } from '../../testing/fixtures';
import Taro, { setRouterParams, storage } from '../../testing/taro-mock';
import CheckoutPage from './index';

jest.mock('../../services/cloud', () => ({ ...jest.requireActual('../../services/cloud'), call: jest.fn() }));
jest.mock('../../services/pay', () => ({ ...jest.requireActual('../../services/pay'), requestPay: jest.fn() }));
const mockCall = call as jest.Mock;
const mockPay = requestPay as jest.Mock;

const PAYMENT = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx123', signType: 'MD5', paySign: 's' };
const placed = { orderId: 'O1abcdefgh', outTradeNo: 'O1abcdefgh', total: fen(400), paymentMethod: 'wechat', payment: PAYMENT, expiresAt: 0, replayed: false };

function serve(handlers: { quote?: () => unknown; place?: (payload: Record<string, unknown>) => unknown }) {
  mockCall.mockImplementation(async (_fn: string, action: string, payload: Record<string, unknown>) => {
    if (action === 'quote') return (handlers.quote ?? (() => quote({ deliveryMethod: (payload.deliveryMethod as 'pickup') ?? null })))();
    if (action === 'place' && handlers.place) return handlers.place(payload);
    throw new Error(`unexpected ${action}`);
  });
}
const places = () => mockCall.mock.calls.filter((c) => c[1] === 'place').map((c) => c[2] as Record<string, unknown>);

beforeEach(() => {
  storage.clear();
  mockCall.mockReset();
  mockPay.mockReset();
  Taro.redirectTo.mockClear();
  Taro.getDeviceInfo.mockReturnValue({ platform: 'android' });
  delete process.env.TARO_ENV;
  setRouterParams({ shopId: 'S1' });
  useCart.setState({ carts: { S1: [{ productId: 'P1', quantity: 2 }] } });
});

test('shows the totals of the server quote for the chosen delivery method', async () => {
  serve({ quote: () => quote({ deliveryMethod: 'local', deliveryFee: fen(500), total: fen(900) }) });
  render(<CheckoutPage />);
  expect((await screen.findByTestId('checkout-total')).textContent).toBe('¥9.00');
  expect(screen.getByTestId('checkout-totals').textContent).toContain('¥5.00');
});

test('a double tap places one order; a retry after a network failure reuses the same request id', async () => {
  let release: (v: unknown) => void = () => undefined;
  let attempt = 0;
  serve({
    place: () => {
      attempt += 1;
      if (attempt === 1) return new Promise((_r, reject) => { release = () => reject(new CloudError(NETWORK_ERROR, '网络异常，请稍后重试')); });
      return placed;
    },
  });
  mockPay.mockResolvedValue('submitted');
  render(<CheckoutPage />);
  const button = await screen.findByTestId('place-order');
  fireEvent.click(button);
  fireEvent.click(button);
  await waitFor(() => expect(places()).toHaveLength(1));
  release(undefined);
  expect((await screen.findByTestId('place-error')).textContent).toContain('网络异常');
  fireEvent.click(screen.getByTestId('place-order'));
  await waitFor(() => expect(places()).toHaveLength(2));
  const [first, second] = places();
  expect(second.requestId).toBe(first.requestId);
  expect(String(first.requestId)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(first).toMatchObject({ shopId: 'S1', lines: [{ productId: 'P1', quantity: 2 }], deliveryMethod: 'pickup', paymentMethod: 'wechat' });
  // Placed and paid: the cart line is gone and the order page waits for the server's word.
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=O1abcdefgh&payResult=ok' }));
  expect(mockPay).toHaveBeenCalledWith(PAYMENT, 'O1abcdefgh');
  // The tap asked for the buyer's subscribe messages (accepted, shipped) before placing.
  expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['KD_ORDER_ACCEPTED_0001', 'KD_ORDER_SHIPPED_0001'] }));
  expect(useCart.getState().carts.S1).toEqual([]);
});

test('local delivery needs a complete address before anything is sent (h5 form)', async () => {
  process.env.TARO_ENV = 'h5';
  serve({
    quote: () => quote({ deliveryMethod: 'local', requiresAddress: true }),
    place: () => ({ ...placed, payment: null, paymentMethod: 'on_pickup' }),
  });
  render(<CheckoutPage />);
  fireEvent.click(await screen.findByTestId('place-order'));
  // Said next to the address, scrolled to, and in a toast: not at the bottom where the bar hides it.
  expect((await screen.findByTestId('address-error')).textContent).toBe('请把收货地址填写完整');
  expect(Taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#checkout-address' }));
  expect(places()).toHaveLength(0);
  const fill = (name: string, value: string) => fireEvent.change(document.querySelector(`input[name="${name}"]`)!, { target: { value } });
  fill('userName', '张三');
  fill('telNumber', '138-abc');
  fill('provinceName', '广东省');
  fill('cityName', '深圳市');
  fill('detailInfo', '南山区科技园 1 号');
  fireEvent.click(screen.getByTestId('place-order'));
  expect((await screen.findByTestId('address-error')).textContent).toBe('手机号格式不正确，请检查');
  expect(places()).toHaveLength(0);
  fill('telNumber', '13800000000');
  fireEvent.click(screen.getByTestId('place-order'));
  await waitFor(() => expect(places()).toHaveLength(1));
  expect(places()[0].address).toMatchObject({ userName: '张三', cityName: '深圳市', detailInfo: '南山区科技园 1 号' });
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=O1abcdefgh' }));
});

test('on iOS a membership shows WeChat\'s rule instead of a pay button', async () => {
  Taro.getDeviceInfo.mockReturnValue({ platform: 'ios' });
  setRouterParams({ shopId: 'S1', buy: 'PM30' });
  serve({ quote: () => quote({ hasPhysical: false, hasVirtual: true, lines: [{ ...quote().lines[0], productId: 'PM30', kind: 'membership', quantity: 1 }] }) });
  render(<CheckoutPage />);
  expect((await screen.findByTestId('ios-rule')).textContent).toContain('iOS');
  expect(screen.queryByTestId('place-order')).toBeNull();
  // A direct purchase quotes exactly one unit of the plan, not the cart.
  expect(mockCall).toHaveBeenCalledWith('confirmOrder', 'quote', expect.objectContaining({ lines: [{ productId: 'PM30', skuId: null, quantity: 1 }], clientPlatform: 'ios' }));
});

test('a refused order shows the message from the one table and keeps the cart', async () => {
  serve({ place: () => Promise.reject(new CloudError('OUT_OF_STOCK', '库存不足')) });
  render(<CheckoutPage />);
  fireEvent.click(await screen.findByTestId('place-order'));
  expect((await screen.findByTestId('place-error')).textContent).toBe('库存不足');
  expect(useCart.getState().carts.S1).toEqual([{ productId: 'P1', quantity: 2 }]);
  expect(mockPay).not.toHaveBeenCalled();
});

test('a line that sold out while the buyer was paying is named next to the line, scrolled to and toasted', async () => {
  serve({ place: () => Promise.reject(new CloudError('OUT_OF_STOCK', '库存不足', { productId: 'P1', skuId: null, available: null })) });
  render(<CheckoutPage />);
  fireEvent.click(await screen.findByTestId('place-order'));
  expect((await screen.findByTestId('line-error')).textContent).toBe('刚刚被买完了，请返回购物车调整');
  expect(Taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#line-P1_' }));
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '刚刚被买完了，请返回购物车调整' }));
  expect(useCart.getState().carts.S1).toEqual([{ productId: 'P1', quantity: 2 }]);
});

test('立即购买 checks out one SKU without touching the cart; unticked cart lines are not checked out', async () => {
  setRouterParams({ shopId: 'S1', buy: 'P9', sku: 'v1v3', qty: '2' });
  serve({ place: () => ({ ...placed, payment: null, paymentMethod: 'on_pickup' }) });
  render(<CheckoutPage />);
  fireEvent.click(await screen.findByTestId('place-order'));
  await waitFor(() => expect(places()).toHaveLength(1));
  expect(places()[0].lines).toEqual([{ productId: 'P9', skuId: 'v1v3', quantity: 2 }]);
  expect(useCart.getState().carts.S1).toEqual([{ productId: 'P1', quantity: 2 }]);
});

test('a shop without WeChat Pay says so at once and cannot submit', async () => {
  serve({ quote: () => quote({ deliveryMethod: 'pickup', acceptsWechatPay: false }) });
  render(<CheckoutPage />);
  expect((await screen.findByTestId('no-pay')).textContent).toBe('店铺尚未开通微信支付，暂时无法下单');
  expect((screen.getByTestId('place-order') as HTMLButtonElement).hasAttribute('disabled')).toBe(true);
});
