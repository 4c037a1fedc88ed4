// Cloud Pay orders against the v2 rules (docs/wechat-contracts.md §3.2, §3.4), on a fixed clock.
import { TradeBook } from './trades';
import { closeOrder, queryOrder, unifiedOrder, type PayEnv } from './orders';
import { GatewayError, chinaStamp, parseChinaStamp, signMd5 } from './wire';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 0); // 10:00 Beijing
let now = T0;
let env: PayEnv;
beforeEach(() => {
  now = T0;
  env = {
    now: () => now,
    appId: 'wxminiapp0000001',
    envId: 'local-env',
    merchant: (id) => (id === '1900000109' ? { subMchId: id, name: '测试小店' } : undefined),
    book: new TradeBook(),
  };
});

/** WeChat's own guide sample (no nonceStr, no tradeType), snake_cased as the SDK sends it. */
const sample = (over: Record<string, unknown> = {}) => ({
  body: '店名-商品', out_trade_no: 'K20250115000001', spbill_create_ip: '127.0.0.1', sub_mch_id: '1900000109',
  total_fee: 1990, env_id: 'local-env', function_name: 'payNotify', ...over,
});
const buyer = { openid: 'oBUYER', functionName: 'confirmOrder' };

describe('unifiedOrder', () => {
  test('the guide sample without nonceStr/tradeType gets a prepay and a signed payment for requestPayment', () => {
    const r = unifiedOrder(env, sample(), buyer);
    expect(r).toMatchObject({ return_code: 'SUCCESS', result_code: 'SUCCESS', trade_type: 'JSAPI', sub_mch_id: '1900000109' });
    const payment = r.payment as Record<string, string>;
    expect(payment.package).toBe(`prepay_id=${String(r.prepay_id)}`);
    expect(payment).toMatchObject({ appId: 'wxminiapp0000001', signType: 'MD5', timeStamp: String(T0 / 1000) });
    const { paySign, ...signed } = payment;
    expect(paySign).toBe(signMd5(signed));
    expect(r.sign).toBe(signMd5(r));
  });

  test('the prepay is bound to the invocation OPENID (sub_openid in the ledger)', () => {
    unifiedOrder(env, sample(), buyer);
    expect(env.book.get('1900000109', 'K20250115000001')?.payer).toBe('oBUYER');
  });

  test.each([['a string', '1990'], ['a float', 19.9]])('totalFee as %s is refused by the gateway with -202', (_label, fee) => {
    expect(() => unifiedOrder(env, sample({ total_fee: fee }), buyer)).toThrow(GatewayError);
    expect(() => unifiedOrder(env, sample({ total_fee: fee }), buyer)).toThrow(/wx api error: -202/);
  });

  test('totalFee 0 is a business failure INVALID_REQUEST', () => {
    expect(unifiedOrder(env, sample({ total_fee: 0 }), buyer)).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'INVALID_REQUEST' });
  });

  test('an outTradeNo over 32 chars or with other characters is refused', () => {
    expect(unifiedOrder(env, sample({ out_trade_no: 'x'.repeat(33) }), buyer).err_code).toBe('INVALID_REQUEST');
    expect(unifiedOrder(env, sample({ out_trade_no: '订单1' }), buyer).err_code).toBe('INVALID_REQUEST');
    expect(unifiedOrder(env, sample({ out_trade_no: 'a|b*c@d_e-f' }), buyer).result_code).toBe('SUCCESS');
  });

  test('body counts characters: 128 汉字 pass, 129 fail', () => {
    expect(unifiedOrder(env, sample({ body: '字'.repeat(128) }), buyer).result_code).toBe('SUCCESS');
    expect(unifiedOrder(env, sample({ out_trade_no: 'B2', body: '字'.repeat(129) }), buyer).err_code).toBe('INVALID_REQUEST');
  });

  test('missing body / spbillCreateIp are LACK_PARAMS; missing envId/functionName are gateway errors', () => {
    expect(unifiedOrder(env, sample({ body: undefined }), buyer)).toMatchObject({ result_code: 'FAIL', err_code: 'LACK_PARAMS' });
    expect(unifiedOrder(env, sample({ spbill_create_ip: undefined }), buyer).err_code).toBe('LACK_PARAMS');
    expect(() => unifiedOrder(env, sample({ function_name: undefined }), buyer)).toThrow(/-202/);
    expect(() => unifiedOrder(env, sample({ env_id: 'other-env' }), buyer)).toThrow(/not this environment/);
  });

  test('an unregistered sub-merchant fails like an unbound one (return_code FAIL)', () => {
    expect(unifiedOrder(env, sample({ sub_mch_id: '1234567890' }), buyer)).toEqual({ return_code: 'FAIL', return_msg: '受理关系不存在' });
  });

  test('without a payer (no OPENID, no sub_openid) JSAPI is refused', () => {
    expect(unifiedOrder(env, sample(), {})).toEqual({ return_code: 'FAIL', return_msg: 'JSAPI支付必须传openid' });
  });

  test('the same outTradeNo with the same parameters returns the same prepay; other parameters are refused', () => {
    const first = unifiedOrder(env, sample({ nonce_str: 'a' }), buyer);
    const again = unifiedOrder(env, sample({ nonce_str: 'b', spbill_create_ip: '10.0.0.1' }), buyer);
    expect(again.prepay_id).toBe(first.prepay_id);
    expect(unifiedOrder(env, sample({ total_fee: 2000 }), buyer)).toMatchObject({ err_code: 'INVALID_REQUEST', err_code_des: '201 商户订单号重复' });
    expect(unifiedOrder(env, sample(), { openid: 'oSOMEONE_ELSE' }).err_code).toBe('INVALID_REQUEST');
  });

  test('timeExpire must be a Beijing yyyyMMddHHmmss at least 5 minutes ahead, and closes the order when reached', () => {
    expect(unifiedOrder(env, sample({ time_expire: '2025-01-15' }), buyer).err_code).toBe('INVALID_REQUEST');
    expect(unifiedOrder(env, sample({ time_expire: chinaStamp(T0 + 4 * 60_000) }), buyer).err_code_des).toMatch(/time_expire时间过短/);
    const r = unifiedOrder(env, sample({ time_expire: chinaStamp(T0 + 15 * 60_000) }), buyer);
    expect(r.result_code).toBe('SUCCESS');
    now = T0 + 15 * 60_000;
    expect(queryOrder(env, { sub_mch_id: '1900000109', out_trade_no: 'K20250115000001' }).trade_state).toBe('CLOSED');
    expect(unifiedOrder(env, sample({ time_expire: chinaStamp(T0 + 15 * 60_000) }), buyer).err_code).toBe('ORDERCLOSED');
  });
});

describe('queryOrder and closeOrder', () => {
  test('an unpaid order reads NOTPAY with no payment fields', () => {
    unifiedOrder(env, sample(), buyer);
    const q = queryOrder(env, { sub_mch_id: '1900000109', out_trade_no: 'K20250115000001' });
    expect(q).toMatchObject({ result_code: 'SUCCESS', trade_state: 'NOTPAY', trade_state_desc: '订单未支付', total_fee: 1990 });
    expect(q).not.toHaveProperty('transaction_id');
  });

  test('an unknown order is ORDERNOTEXIST; neither key is LACK_PARAMS', () => {
    expect(queryOrder(env, { sub_mch_id: '1900000109', out_trade_no: 'nope' }).err_code).toBe('ORDERNOTEXIST');
    expect(queryOrder(env, { sub_mch_id: '1900000109' }).err_code).toBe('LACK_PARAMS');
  });

  test('a paid order reads SUCCESS with transactionId, timeEnd and the payer, also by transaction_id', () => {
    unifiedOrder(env, sample(), buyer);
    const trade = env.book.get('1900000109', 'K20250115000001')!;
    Object.assign(trade, { state: 'SUCCESS', transactionId: '4200000000202501150000000001', paidAt: T0 });
    const q = queryOrder(env, { sub_mch_id: '1900000109', transaction_id: trade.transactionId });
    expect(q).toMatchObject({ trade_state: 'SUCCESS', sub_openid: 'oBUYER', time_end: '20250115100000', cash_fee: 1990 });
  });

  test('closing an unpaid order works once; closing a paid order fails with ORDERPAID', () => {
    unifiedOrder(env, sample(), buyer);
    expect(closeOrder(env, { sub_mch_id: '1900000109', out_trade_no: 'K20250115000001' }).result_code).toBe('SUCCESS');
    expect(closeOrder(env, { sub_mch_id: '1900000109', out_trade_no: 'K20250115000001' }).err_code).toBe('ORDERCLOSED');
    unifiedOrder(env, sample({ out_trade_no: 'PAID1' }), buyer);
    env.book.get('1900000109', 'PAID1')!.state = 'SUCCESS';
    expect(closeOrder(env, { sub_mch_id: '1900000109', out_trade_no: 'PAID1' })).toMatchObject({ result_code: 'FAIL', err_code: 'ORDERPAID' });
  });
});

describe('wire helpers', () => {
  test('Beijing stamps round-trip and impossible dates are refused', () => {
    expect(parseChinaStamp(chinaStamp(T0))).toBe(T0);
    expect(parseChinaStamp('20250230120000')).toBeNull();
  });
});
