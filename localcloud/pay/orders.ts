// Cloud Pay orders: unifiedOrder, queryOrder, closeOrder (docs/wechat-contracts.md §3.2, §3.4), v2 semantics.
// Each takes the snake_case request the SDK sent and returns the snake_case v2 reply.
import type { MerchantConfig } from '../config';
import { PAID_STATES, TRADE_STATE_DESC, refreshState, type Trade, type TradeBook } from './trades';
import {
  PREPAY_TTL_MS, businessFail, chinaStamp, envelope, newPrepayId, parseChinaStamp, platformOpenid, returnFail, signMd5, wxApiError,
  type V2Reply,
} from './wire';
import { OUT_TRADE_NO, charLength, firstMissing, has, requireIntegers, requireStrings, str, type Params } from './validate';

export interface PayEnv {
  now(): number;
  /** The mini-program's appid (`sub_appid`; `payment.appId`). */
  appId: string;
  envId: string;
  merchant(subMchId: string): MerchantConfig | undefined;
  book: TradeBook;
}

/** Who called: the function invocation behind the admin request (its OPENID is the payer). */
export interface Caller {
  openid?: string;
  functionName?: string;
}

const STRING_FIELDS = [
  'body', 'out_trade_no', 'sub_mch_id', 'env_id', 'function_name', 'spbill_create_ip', 'nonce_str', 'trade_type',
  'attach', 'detail', 'time_start', 'time_expire', 'fee_type', 'goods_tag', 'limit_pay', 'device_info', 'sub_openid',
];
/** What must match when the same outTradeNo is ordered again (v2 "订单重入时，要求参数值与原请求一致"). */
const FINGERPRINT_FIELDS = [
  'body', 'total_fee', 'attach', 'detail', 'fee_type', 'goods_tag', 'time_start', 'time_expire', 'limit_pay',
  'device_info', 'function_name', 'env_id',
];
/** v2: "time_expire时间过短，刷卡至少1分钟，其他5分钟". */
const MIN_EXPIRE_MS = 5 * 60 * 1000;

export function unifiedOrder(env: PayEnv, p: Params, caller: Caller): V2Reply {
  // 1. The Cloud Pay gateway checks JSON types first: `totalFee: '100'` → `wx api error: -202` (§7.3).
  requireStrings(p, STRING_FIELDS);
  requireIntegers(p, ['total_fee']);
  // 2. The cloud fields that route the notify (§3.2: envId must be the real env id, §7.9).
  if (!has(p, 'env_id') || !has(p, 'function_name')) throw wxApiError('envId and functionName are required');
  if (p.env_id !== env.envId) throw wxApiError(`envId "${String(p.env_id)}" is not this environment ("${env.envId}")`);
  const subMchId = str(p, 'sub_mch_id');
  if (!subMchId) return businessFail(env.appId, '', 'LACK_PARAMS', '缺少参数 sub_mch_id');
  // 3. A sub-merchant not bound to this environment fails as an unbound one does [INF/COMM].
  if (!env.merchant(subMchId)) return returnFail('受理关系不存在');
  const fail = (code: string, des: string) => businessFail(env.appId, subMchId, code, des);
  const missing = firstMissing(p, ['body', 'out_trade_no', 'total_fee', 'spbill_create_ip']);
  if (missing) return fail('LACK_PARAMS', `缺少参数 ${missing}`);
  const outTradeNo = str(p, 'out_trade_no')!;
  const totalFee = p.total_fee as number;
  const now = env.now();
  if (!OUT_TRADE_NO.test(outTradeNo)) return fail('INVALID_REQUEST', 'out_trade_no 参数格式错误：最长 32 位，只能是数字、大小写字母_-|*@');
  if (charLength(str(p, 'body')!) > 128) return fail('INVALID_REQUEST', 'body 参数长度有误，最长 128');
  if (charLength(str(p, 'attach') ?? '') > 127) return fail('INVALID_REQUEST', 'attach 参数长度有误，最长 127');
  if (charLength(str(p, 'detail') ?? '') > 6000) return fail('INVALID_REQUEST', 'detail 参数长度有误，最长 6000');
  if ((str(p, 'nonce_str') ?? '').length > 32) return fail('INVALID_REQUEST', 'nonce_str 参数长度有误，最长 32');
  if (totalFee <= 0) return fail('INVALID_REQUEST', 'total_fee 参数错误：必须为大于 0 的整数（单位：分）');
  if ((str(p, 'trade_type') ?? 'JSAPI') !== 'JSAPI') return fail('INVALID_REQUEST', 'trade_type 参数错误：小程序支付只能是 JSAPI');
  let expiresAt: number | undefined;
  if (has(p, 'time_expire')) {
    const t = parseChinaStamp(str(p, 'time_expire')!);
    if (t === null) return fail('INVALID_REQUEST', 'time_expire 参数格式错误：yyyyMMddHHmmss');
    expiresAt = t;
  }
  // 4. The payer: an explicit sub_openid, else the OPENID of the invocation (§3.2 [INF/COMM]).
  const payer = str(p, 'sub_openid') ?? caller.openid;
  if (!payer) return returnFail('JSAPI支付必须传openid');
  const fingerprint = JSON.stringify([...FINGERPRINT_FIELDS.map((k) => p[k] ?? null), payer]);

  // 5. The same outTradeNo again: same parameters → the same prepay; different → refused.
  const existing = env.book.get(subMchId, outTradeNo);
  if (existing) {
    const state = refreshState(existing, now);
    if (PAID_STATES.has(state)) return fail('ORDERPAID', '该订单已支付');
    if (state === 'CLOSED' || state === 'REVOKED') return fail('ORDERCLOSED', '该订单已关闭');
    if (existing.fingerprint !== fingerprint) return fail('INVALID_REQUEST', '201 商户订单号重复');
    if (now >= existing.prepayExpiresAt) {
      existing.prepayId = newPrepayId(now);
      existing.prepayExpiresAt = now + PREPAY_TTL_MS;
    }
    return prepayReply(env, existing, now);
  }
  if (expiresAt !== undefined && expiresAt - now < MIN_EXPIRE_MS) return fail('INVALID_REQUEST', 'time_expire时间过短，刷卡至少1分钟，其他5分钟');
  const trade: Trade = {
    outTradeNo, subMchId, subAppid: env.appId, prepayId: newPrepayId(now), payer,
    body: str(p, 'body')!, attach: str(p, 'attach'), totalFee,
    functionName: str(p, 'function_name')!, envId: str(p, 'env_id')!, fingerprint,
    state: 'NOTPAY', createdAt: now, prepayExpiresAt: now + PREPAY_TTL_MS, expiresAt, refunds: [],
  };
  env.book.add(trade);
  return prepayReply(env, trade, now);
}

/** §3.2: the reply, with `payment` — exactly what `wx.requestPayment` takes. */
function prepayReply(env: PayEnv, trade: Trade, now: number): V2Reply {
  const reply = envelope(trade.subAppid, trade.subMchId, { result_code: 'SUCCESS', trade_type: 'JSAPI', prepay_id: trade.prepayId });
  const payment: Record<string, string> = {
    appId: trade.subAppid,
    timeStamp: String(Math.floor(now / 1000)),
    nonceStr: String(reply.nonce_str),
    package: `prepay_id=${trade.prepayId}`,
    signType: 'MD5',
  };
  payment.paySign = signMd5(payment);
  return { ...reply, payment };
}

/** Find the trade a query names: `transaction_id` first, else `out_trade_no` (v2 "二选一"). */
export function locateTrade(env: PayEnv, p: Params): Trade | 'missing' | undefined {
  const subMchId = str(p, 'sub_mch_id') ?? '';
  if (has(p, 'transaction_id')) return env.book.byTransactionId(subMchId, String(p.transaction_id));
  if (has(p, 'out_trade_no')) return env.book.get(subMchId, String(p.out_trade_no));
  return 'missing';
}

export function queryOrder(env: PayEnv, p: Params): V2Reply {
  requireStrings(p, ['sub_mch_id', 'out_trade_no', 'transaction_id', 'nonce_str']);
  const subMchId = str(p, 'sub_mch_id') ?? '';
  if (!subMchId) return businessFail(env.appId, '', 'LACK_PARAMS', '缺少参数 sub_mch_id');
  const trade = locateTrade(env, p);
  if (trade === 'missing') return businessFail(env.appId, subMchId, 'LACK_PARAMS', 'transaction_id 和 out_trade_no 必须二选一');
  if (!trade) return businessFail(env.appId, subMchId, 'ORDERNOTEXIST', 'order not exist');
  const state = refreshState(trade, env.now());
  const fields: V2Reply = {
    result_code: 'SUCCESS', out_trade_no: trade.outTradeNo, trade_state: state, trade_state_desc: TRADE_STATE_DESC[state],
    // [INF] v2 documents total_fee for paid orders; the sandbox reports it in every state.
    total_fee: trade.totalFee, attach: trade.attach,
  };
  if (PAID_STATES.has(state)) Object.assign(fields, paidFields(trade));
  return envelope(trade.subAppid, trade.subMchId, fields);
}

/** The payment fields of v2 query replies and pay notifies (§3.3, §3.4). */
export function paidFields(trade: Trade): V2Reply {
  return {
    openid: platformOpenid(trade.payer), is_subscribe: 'N', sub_openid: trade.payer, sub_is_subscribe: 'N',
    trade_type: 'JSAPI', bank_type: trade.bankType ?? 'OTHERS', fee_type: 'CNY', cash_fee: trade.totalFee,
    cash_fee_type: 'CNY', transaction_id: trade.transactionId, time_end: trade.paidAt === undefined ? undefined : chinaStamp(trade.paidAt),
  };
}

export function closeOrder(env: PayEnv, p: Params): V2Reply {
  requireStrings(p, ['sub_mch_id', 'out_trade_no', 'nonce_str']);
  const subMchId = str(p, 'sub_mch_id') ?? '';
  if (!subMchId) return businessFail(env.appId, '', 'LACK_PARAMS', '缺少参数 sub_mch_id');
  if (!has(p, 'out_trade_no')) return businessFail(env.appId, subMchId, 'LACK_PARAMS', '缺少参数 out_trade_no');
  const trade = env.book.get(subMchId, String(p.out_trade_no));
  if (!trade) return businessFail(env.appId, subMchId, 'ORDERNOTEXIST', 'order not exist');
  const state = refreshState(trade, env.now());
  // v2: a paid order cannot be closed (refund it instead); closing twice is refused.
  if (PAID_STATES.has(state)) return businessFail(env.appId, subMchId, 'ORDERPAID', '订单已支付，不能发起关单');
  if (state === 'CLOSED' || state === 'REVOKED') return businessFail(env.appId, subMchId, 'ORDERCLOSED', '订单已关闭，无法重复关单');
  trade.state = 'CLOSED';
  return envelope(trade.subAppid, trade.subMchId, { result_code: 'SUCCESS', result_msg: 'OK' });
}
