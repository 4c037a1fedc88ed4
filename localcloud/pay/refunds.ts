// Cloud Pay refunds: refund and queryRefund (docs/wechat-contracts.md §3.4), v2 semantics. "调用退款接口成功，
// 并不代表退款成功" — a refund starts PROCESSING; the sandbox settles it later on the virtual clock
// and then notifies the refund `functionName`.
import { PAID_STATES, refreshState, refundedFee, type Refund, type Trade } from './trades';
import { businessFail, chinaDateTime, envelope, newRefundId, type V2Reply } from './wire';
import { OUT_REFUND_NO, firstMissing, has, requireIntegers, requireStrings, str, type Params } from './validate';
import { locateTrade, type PayEnv } from './orders';

/** v2: at most 50 partial refunds per order. */
export const MAX_REFUNDS = 50;
/** v2: refunds within one year of payment ("TRADE_OVERDUE 订单已经超过退款期限"). */
const REFUND_WINDOW_MS = 365 * 24 * 60 * 60 * 1000;
/** v2 queryRefund pages refunds by ten (`offset`). */
const REFUND_PAGE = 10;

export interface RefundOutcome {
  reply: V2Reply;
  /** Set when this call created a refund (a repeat with the same out_refund_no returns the first). */
  created?: { trade: Trade; refund: Refund };
}

export function refund(env: PayEnv, p: Params): RefundOutcome {
  requireStrings(p, ['sub_mch_id', 'transaction_id', 'out_trade_no', 'out_refund_no', 'refund_desc', 'env_id', 'function_name', 'nonce_str']);
  requireIntegers(p, ['total_fee', 'refund_fee']);
  const subMchId = str(p, 'sub_mch_id') ?? '';
  const fail = (code: string, des: string): RefundOutcome => ({ reply: businessFail(env.appId, subMchId, code, des) });
  const missing = firstMissing(p, ['sub_mch_id', 'out_refund_no', 'total_fee', 'refund_fee']);
  if (missing) return fail('LACK_PARAMS', `缺少参数 ${missing}`);
  const trade = locateTrade(env, p);
  if (trade === 'missing') return fail('LACK_PARAMS', 'transaction_id 和 out_trade_no 必须二选一');
  if (!trade) return fail('ORDERNOTEXIST', '订单不存在');
  const outRefundNo = str(p, 'out_refund_no')!;
  const totalFee = p.total_fee as number;
  const refundFee = p.refund_fee as number;
  if (!OUT_REFUND_NO.test(outRefundNo)) return fail('PARAM_ERROR', 'out_refund_no 参数格式错误：最长 64 位，只能是数字、大小写字母_-|*@');

  // The same out_refund_no again is the same refund (retry-safe, §3.4); other amounts are refused.
  const previous = trade.refunds.find((r) => r.outRefundNo === outRefundNo);
  if (previous) {
    if (previous.totalFee !== totalFee || previous.refundFee !== refundFee) {
      return fail('PARAM_ERROR', '订单金额或退款金额与之前请求不一致，请核实后再试');
    }
    return { reply: refundReply(trade, previous) };
  }
  if (env.book.findRefund(subMchId, { outRefundNo })) return fail('PARAM_ERROR', 'out_refund_no 已用于其他订单');

  const now = env.now();
  const state = refreshState(trade, now);
  if (!PAID_STATES.has(state)) return fail('TRADE_STATE_ERROR', '订单状态错误：订单未支付');
  if (trade.paidAt !== undefined && now - trade.paidAt > REFUND_WINDOW_MS) return fail('TRADE_OVERDUE', '订单已经超过退款期限');
  if (totalFee !== trade.totalFee) return fail('PARAM_ERROR', 'total_fee 与订单金额不一致');
  if (refundFee <= 0) return fail('PARAM_ERROR', 'refund_fee 必须为大于 0 的整数（单位：分）');
  if (refundedFee(trade) + refundFee > trade.totalFee) return fail('ERROR', '累计退款金额大于支付金额');
  if (trade.refunds.length >= MAX_REFUNDS) return fail('ERROR', `该订单已超过 ${MAX_REFUNDS} 次部分退款`);

  const created: Refund = {
    outRefundNo, refundId: newRefundId(now), refundFee, totalFee, status: 'PROCESSING',
    refundDesc: str(p, 'refund_desc'), functionName: str(p, 'function_name'), createdAt: now,
  };
  trade.refunds.push(created);
  trade.state = 'REFUND';
  return { reply: refundReply(trade, created), created: { trade, refund: created } };
}

function refundReply(trade: Trade, r: Refund): V2Reply {
  return envelope(trade.subAppid, trade.subMchId, {
    result_code: 'SUCCESS', transaction_id: trade.transactionId, out_trade_no: trade.outTradeNo,
    out_refund_no: r.outRefundNo, refund_id: r.refundId, refund_fee: r.refundFee, total_fee: trade.totalFee,
    cash_fee: trade.totalFee, cash_refund_fee: r.refundFee, coupon_refund_fee: 0, coupon_refund_count: 0, refund_channel: '',
  });
}

/** The refund reached the buyer: SUCCESS with a success time (v2 refund_status). */
export function settleRefund(r: Refund, now: number): void {
  if (r.status !== 'PROCESSING') return;
  r.status = 'SUCCESS';
  r.successAt = now;
}

export function queryRefund(env: PayEnv, p: Params): V2Reply {
  requireStrings(p, ['sub_mch_id', 'refund_id', 'out_refund_no', 'transaction_id', 'out_trade_no', 'nonce_str']);
  requireIntegers(p, ['offset']);
  const subMchId = str(p, 'sub_mch_id') ?? '';
  if (!subMchId) return businessFail(env.appId, '', 'LACK_PARAMS', '缺少参数 sub_mch_id');
  // v2 priority: refund_id > out_refund_no > transaction_id > out_trade_no; a refund key lists one refund.
  let trade: Trade | undefined;
  let refunds: Refund[] = [];
  if (has(p, 'refund_id') || has(p, 'out_refund_no')) {
    const hit = env.book.findRefund(subMchId, { refundId: str(p, 'refund_id'), outRefundNo: str(p, 'out_refund_no') });
    if (hit) [trade, refunds] = [hit.trade, [hit.refund]];
  } else {
    const found = locateTrade(env, p);
    if (found === 'missing') return businessFail(env.appId, subMchId, 'LACK_PARAMS', 'refund_id、out_refund_no、transaction_id、out_trade_no 必须四选一');
    if (found) [trade, refunds] = [found, found.refunds];
  }
  if (!trade || refunds.length === 0) return businessFail(env.appId, subMchId, 'REFUNDNOTEXIST', 'not exist');
  const offset = typeof p.offset === 'number' ? p.offset : 0;
  const page = refunds.slice(offset, offset + REFUND_PAGE);
  const fields: V2Reply = {
    result_code: 'SUCCESS', transaction_id: trade.transactionId, out_trade_no: trade.outTradeNo,
    total_fee: trade.totalFee, cash_fee: trade.totalFee, total_refund_count: refunds.length, refund_count: page.length,
    refund_fee: page.reduce((s, r) => s + r.refundFee, 0),
  };
  // v2 numbers the per-refund fields `_$n`; the SDK's camelCase turns `refund_fee_0` into `refundFee_0`.
  page.forEach((r, i) => {
    const n = offset + i;
    Object.assign(fields, {
      [`out_refund_no_${n}`]: r.outRefundNo, [`refund_id_${n}`]: r.refundId, [`refund_channel_${n}`]: 'ORIGINAL',
      [`refund_fee_${n}`]: r.refundFee, [`settlement_refund_fee_${n}`]: r.refundFee, [`coupon_refund_fee_${n}`]: 0,
      [`refund_status_${n}`]: r.status, [`refund_account_${n}`]: 'REFUND_SOURCE_UNSETTLED_FUNDS',
      [`refund_recv_accout_${n}`]: '支付用户的零钱',
      ...(r.successAt === undefined ? {} : { [`refund_success_time_${n}`]: chinaDateTime(r.successAt) }),
    });
  });
  return envelope(trade.subAppid, trade.subMchId, fields);
}
