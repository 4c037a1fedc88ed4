// services/cloud.ts and pay.ts: the gateway request the h5 build sends, callFunction in weapp, error
// codes to the one table of messages, and waiting for the server to say paid.
import Taro from '../testing/taro-mock';
import { call, CloudError, NETWORK_ERROR } from './cloud';
import { cashierUrl, waitUntilPaid } from './pay';

const fetchMock = jest.fn();
beforeEach(() => {
  fetchMock.mockReset();
  (globalThis as { fetch?: unknown }).fetch = fetchMock;
  Taro.cloud.callFunction.mockReset();
  delete process.env.TARO_ENV;
});

const reply = (status: number, body: unknown) => ({ ok: status < 300, status, json: async () => body });

describe('cloud.call', () => {
  test('h5 posts {data: {action, payload}} to the gateway as the chosen persona and returns data', async () => {
    process.env.TARO_ENV = 'h5';
    fetchMock.mockResolvedValue(reply(200, { result: { ok: true, data: { hello: 1 } }, requestID: 'r1' }));
    await expect(call('storefront', 'home', { shopId: 'S1' })).resolves.toEqual({ hello: 1 });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://127.0.0.1:9797/gateway/functions/storefront');
    expect(JSON.parse(init.body)).toEqual({ data: { action: 'home', payload: { shopId: 'S1' } } });
    expect(init.headers['x-wx-openid']).toBe('o_demo_buyer_a_00000000000001');
  });

  test('weapp calls Taro.cloud.callFunction after init', async () => {
    Taro.cloud.callFunction.mockResolvedValue({ result: { ok: true, data: [] }, requestID: 'r', errMsg: 'cloud.callFunction:ok' });
    await expect(call('membership', 'mine', {})).resolves.toEqual([]);
    expect(Taro.cloud.init).toHaveBeenCalled();
    expect(Taro.cloud.callFunction).toHaveBeenCalledWith({ name: 'membership', data: { action: 'mine', payload: {} } });
  });

  test('{ok: false, code} becomes a CloudError with the Chinese message of core/errors', async () => {
    Taro.cloud.callFunction.mockResolvedValue({ result: { ok: false, code: 'OUT_OF_STOCK', message: 'x' } });
    await expect(call('orders', 'detail', { orderId: 'O1' })).rejects.toMatchObject({ code: 'OUT_OF_STOCK', message: '库存不足' });
  });

  test('a gateway failure (function crashed, timeout) is a network error, not a business outcome', async () => {
    process.env.TARO_ENV = 'h5';
    fetchMock.mockResolvedValue(reply(504, { errCode: -504003, errMsg: 'timeout' }));
    const err = await call('orders', 'detail', { orderId: 'O1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect((err as CloudError).code).toBe(NETWORK_ERROR);
    expect((err as CloudError).message).toBe('网络异常，请稍后重试');
  });
});

describe('pay', () => {
  test('the h5 cashier URL carries the prepay id and comes back to the order page', () => {
    const url = new URL(cashierUrl({ timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx42', signType: 'MD5', paySign: 's' }, 'O1', 'http://127.0.0.1:10086'));
    expect(url.pathname).toBe('/cashier');
    expect(url.searchParams.get('prepay')).toBe('wx42');
    expect(url.searchParams.get('redirect')).toBe('http://127.0.0.1:10086/pages/order/index?id=O1');
  });

  test('waitUntilPaid keeps asking while the server says PAYMENT_PENDING and stops at its first paid status', async () => {
    const answers = ['pending', 'pending', 'paid'];
    Taro.cloud.callFunction.mockImplementation(async ({ data }: { data: { action: string } }) => {
      if (data.action === 'confirmPaid') {
        const next = answers.shift();
        return { result: next === 'paid' ? { ok: true, data: { orderId: 'O1', status: 'paid', paid: true } } : { ok: false, code: 'PAYMENT_PENDING', message: '' } };
      }
      return { result: { ok: true, data: { status: 'unpaid' } } };
    });
    const slept: number[] = [];
    const status = await waitUntilPaid('O1', { sleep: async (ms) => void slept.push(ms), intervalMs: 10 });
    expect(status).toBe('paid');
    expect(slept).toEqual([10, 10]);
  });

  test('waitUntilPaid gives up after its attempts and returns null (the page offers a refresh)', async () => {
    Taro.cloud.callFunction.mockImplementation(async ({ data }: { data: { action: string } }) =>
      ({ result: data.action === 'confirmPaid' ? { ok: false, code: 'PAYMENT_PENDING', message: '' } : { ok: true, data: { status: 'unpaid' } } }));
    await expect(waitUntilPaid('O1', { attempts: 3, sleep: async () => undefined })).resolves.toBeNull();
  });
});
