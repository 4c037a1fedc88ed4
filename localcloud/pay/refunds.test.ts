// Cloud Pay refunds against the v2 rules (docs/wechat-contracts.md §3.4): partial refunds up to the paid
// amount, at most 50, the same out_refund_no is the same refund, queryRefund numbering.
import { TradeBook } from './trades';
import { unifiedOrder, type PayEnv } from './orders';
import { MAX_REFUNDS, queryRefund, refund, settleRefund } from './refunds';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
let now = T0;
let env: PayEnv;
const MCH = '1900000109';

beforeEach(() => {
  now = T0;
  env = { now: () => now, appId: 'wxminiapp0000001', envId: 'local-env', merchant: (id) => (id === MCH ? { subMchId: id, name: '店' } : undefined), book: new TradeBook() };
  unifiedOrder(env, {
    body: '商品', out_trade_no: 'ORDER1', spbill_create_ip: '127.0.0.1', sub_mch_id: MCH, total_fee: 10000,
    env_id: 'local-env', function_name: 'payNotify',
  }, { openid: 'oBUYER' });
  Object.assign(env.book.get(MCH, 'ORDER1')!, { state: 'SUCCESS', transactionId: '4200000000202501150000000009', paidAt: T0 });
});

const ask = (outRefundNo: string, refundFee: number, over: Record<string, unknown> = {}) =>
  refund(env, { sub_mch_id: MCH, out_trade_no: 'ORDER1', out_refund_no: outRefundNo, total_fee: 10000, refund_fee: refundFee, function_name: 'refundNotify', env_id: 'local-env', ...over });

test('a partial refund is accepted PROCESSING and the order reads REFUND', () => {
  const r = ask('R1', 3000);
  expect(r.reply).toMatchObject({ result_code: 'SUCCESS', out_refund_no: 'R1', refund_fee: 3000, total_fee: 10000 });
  expect(r.created?.refund.status).toBe('PROCESSING');
  expect(env.book.get(MCH, 'ORDER1')!.state).toBe('REFUND');
});

test('refunds add up to the paid amount and no further: 3000 + 7000 pass, 1 more fen fails', () => {
  expect(ask('R1', 3000).reply.result_code).toBe('SUCCESS');
  expect(ask('R2', 7000).reply.result_code).toBe('SUCCESS');
  expect(ask('R3', 1).reply).toMatchObject({ result_code: 'FAIL', err_code: 'ERROR', err_code_des: '累计退款金额大于支付金额' });
});

test('the same outRefundNo again returns the same refund and refunds nothing more', () => {
  const first = ask('R1', 3000);
  const again = ask('R1', 3000);
  expect(again.created).toBeUndefined();
  expect(again.reply.refund_id).toBe(first.reply.refund_id);
  expect(env.book.get(MCH, 'ORDER1')!.refunds).toHaveLength(1);
  expect(ask('R1', 2000).reply).toMatchObject({ err_code: 'PARAM_ERROR', err_code_des: '订单金额或退款金额与之前请求不一致，请核实后再试' });
});

test(`at most ${MAX_REFUNDS} refunds per order`, () => {
  for (let i = 0; i < MAX_REFUNDS; i++) expect(ask(`R${i}`, 1).reply.result_code).toBe('SUCCESS');
  expect(ask('R-one-more', 1).reply).toMatchObject({ result_code: 'FAIL', err_code: 'ERROR' });
});

test('an unpaid order, a wrong total, a zero refund and an unknown order are refused', () => {
  unifiedOrder(env, { body: 'x', out_trade_no: 'UNPAID', spbill_create_ip: '1.1.1.1', sub_mch_id: MCH, total_fee: 5, env_id: 'local-env', function_name: 'f' }, { openid: 'o' });
  expect(ask('U1', 1, { out_trade_no: 'UNPAID', total_fee: 5 }).reply.err_code).toBe('TRADE_STATE_ERROR');
  expect(ask('W1', 1, { total_fee: 9999 }).reply.err_code).toBe('PARAM_ERROR');
  expect(ask('Z1', 0).reply.err_code).toBe('PARAM_ERROR');
  expect(ask('N1', 1, { out_trade_no: 'NOPE' }).reply.err_code).toBe('ORDERNOTEXIST');
  expect(() => ask('S1', '100' as unknown as number)).toThrow(/-202/);
});

test('more than a year after payment the refund is TRADE_OVERDUE', () => {
  now = T0 + 366 * 24 * 3600 * 1000;
  expect(ask('LATE', 1).reply.err_code).toBe('TRADE_OVERDUE');
});

test('queryRefund numbers each refund (_0, _1 …) and shows settlement', () => {
  const r1 = ask('R1', 3000).created!.refund;
  ask('R2', 2000);
  settleRefund(r1, T0 + 5000);
  const q = queryRefund(env, { sub_mch_id: MCH, out_trade_no: 'ORDER1' });
  expect(q).toMatchObject({
    result_code: 'SUCCESS', refund_count: 2, total_refund_count: 2, refund_fee: 5000,
    out_refund_no_0: 'R1', refund_status_0: 'SUCCESS', refund_success_time_0: '2025-01-15 10:00:05',
    out_refund_no_1: 'R2', refund_status_1: 'PROCESSING',
  });
  expect(q).not.toHaveProperty('refund_success_time_1');
  const one = queryRefund(env, { sub_mch_id: MCH, out_refund_no: 'R2' });
  expect(one).toMatchObject({ refund_count: 1, out_refund_no_0: 'R2' });
  expect(queryRefund(env, { sub_mch_id: MCH, out_refund_no: 'NONE' }).err_code).toBe('REFUNDNOTEXIST');
});
