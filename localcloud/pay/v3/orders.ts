// APIv3 business rules of the sandbox (docs/wechat-contracts.md §4.1): JSAPI prepay in direct and partner
// (服务商) modes, idempotent by out_trade_no with WeChat's codes for a changed or finished order, query,
// close, refund and refund query — on the same trade book as Cloud Pay, so the cashier pays both.
import { PAID_STATES, TRADE_STATE_DESC, refreshState, refundedFee, type Refund, type Trade, type TradeBook } from '../trades';
import { PREPAY_TTL_MS, newPrepayId, newRefundId } from '../wire';
import { rfc3339 } from './wire';

export type Mode = 'direct' | 'partner';

export interface V3Merchant {
  mchid: string;
  name: string;
  /** The merchant API certificate serial its Authorization names, and its public key (PEM). */
  serialNo: string;
  publicKey: string;
  /** The APIv3 key notifies and certificates are encrypted with (32 bytes). */
  apiV3Key: string;
  /** Appids bound to the merchant (the mini-program). */
  appids: string[];
  /** Sub-merchants of a service provider (partner mode). */
  subMchids: string[];
  /** Which Wechatpay-Serial answers and notifies carry (§4.5). */
  mode: 'public_key' | 'certificate';
}

/** A v3 answer: HTTP status and JSON body (null: no body, e.g. 204). */
export interface V3Answer {
  status: number;
  body: Record<string, unknown> | null;
}

const err = (status: number, code: string, message: string): V3Answer => ({ status, body: { code, message } });
const OUT_TRADE_NO = /^[0-9A-Za-z_\-*|]{6,32}$/;
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const s = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export interface V3Env {
  now(): number;
  book: TradeBook;
}

/** Which merchant account the trade belongs to, given the caller (sp or direct) and the body/query. */
export function tradeMerchant(mode: Mode, caller: V3Merchant, sub: string | undefined): { ok: true; merchantId: string } | { ok: false; answer: V3Answer } {
  if (mode === 'direct') return { ok: true, merchantId: caller.mchid };
  if (!sub) return { ok: false, answer: err(400, 'PARAM_ERROR', '缺少参数 sub_mchid') };
  if (!caller.subMchids.includes(sub)) return { ok: false, answer: err(403, 'NO_AUTH', '服务商与特约商户的受理关系不存在') };
  return { ok: true, merchantId: sub };
}

export function jsapi(env: V3Env, mode: Mode, caller: V3Merchant, b: Record<string, unknown>): V3Answer {
  const now = env.now();
  const appid = s(mode === 'partner' ? b.sub_appid ?? b.sp_appid : b.appid);
  const signer = s(mode === 'partner' ? b.sp_mchid : b.mchid);
  if (signer !== caller.mchid) return err(400, 'PARAM_ERROR', `${mode === 'partner' ? 'sp_mchid' : 'mchid'} 与请求签名的商户号不一致`);
  const where = tradeMerchant(mode, caller, s(b.sub_mchid));
  if (!where.ok) return where.answer;
  if (!appid || !caller.appids.includes(appid)) return err(403, 'NO_AUTH', 'appid 和 mch_id 不匹配');
  const amount = obj(b.amount);
  const payer = obj(b.payer);
  const openid = s(mode === 'partner' ? payer.sub_openid ?? payer.sp_openid : payer.openid);
  for (const [k, v] of [['description', b.description], ['out_trade_no', b.out_trade_no], ['notify_url', b.notify_url]] as const) {
    if (!s(v)) return err(400, 'PARAM_ERROR', `缺少参数 ${k}`);
  }
  if (!openid) return err(400, 'PARAM_ERROR', 'JSAPI支付必须传openid');
  if (!Number.isSafeInteger(amount.total) || (amount.total as number) < 1) return err(400, 'PARAM_ERROR', 'amount.total 必须为大于 0 的整数（单位：分）');
  const outTradeNo = s(b.out_trade_no)!;
  if (!OUT_TRADE_NO.test(outTradeNo)) return err(400, 'PARAM_ERROR', 'out_trade_no 格式错误：6-32 位数字、大小写字母或 _-|*');
  if ([...s(b.description)!].length > 127) return err(400, 'PARAM_ERROR', 'description 最长 127 个字符');
  const notifyUrl = s(b.notify_url)!;
  if (!/^https:\/\/[^?]+$|^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/[^?]*$/.test(notifyUrl)) return err(400, 'PARAM_ERROR', 'notify_url 必须是 https 地址且不能携带参数');
  let expiresAt: number | undefined;
  if (b.time_expire !== undefined) {
    const t = typeof b.time_expire === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$/.test(b.time_expire) ? Date.parse(b.time_expire) : NaN;
    if (!Number.isFinite(t)) return err(400, 'PARAM_ERROR', 'time_expire 格式错误，应为 RFC 3339');
    expiresAt = t;
  }
  const fingerprint = JSON.stringify([mode, appid, b.description, amount.total, amount.currency ?? 'CNY', b.time_expire ?? null, b.attach ?? null, notifyUrl, openid]);
  const existing = env.book.get(where.merchantId, outTradeNo);
  if (existing) {
    const state = refreshState(existing, now);
    if (PAID_STATES.has(state)) return err(400, 'ORDERPAID', '该订单已支付');
    if (state === 'CLOSED' || state === 'REVOKED') return err(400, 'ORDER_CLOSED', '该订单已失效');
    if (existing.fingerprint !== fingerprint) return err(400, 'OUT_TRADE_NO_USED', '商户订单号重复：请求重入时，参数与首次请求时不一致');
    if (now >= existing.prepayExpiresAt) {
      existing.prepayId = newPrepayId(now);
      existing.prepayExpiresAt = now + PREPAY_TTL_MS;
    }
    return { status: 200, body: { prepay_id: existing.prepayId } };
  }
  if (expiresAt !== undefined && expiresAt <= now) return err(400, 'PARAM_ERROR', 'time_expire 不能早于当前时间');
  const trade: Trade = {
    outTradeNo, subMchId: where.merchantId, subAppid: appid, prepayId: newPrepayId(now), payer: openid, body: s(b.description)!,
    attach: s(b.attach), totalFee: amount.total as number, functionName: notifyUrl, envId: '', fingerprint, state: 'NOTPAY',
    createdAt: now, prepayExpiresAt: now + PREPAY_TTL_MS, expiresAt, refunds: [],
    v3: { mode, mchid: caller.mchid, notifyUrl },
  };
  env.book.add(trade);
  return { status: 200, body: { prepay_id: trade.prepayId } };
}

/** The transaction resource: the query answer and the notify plaintext alike (§4.4). */
export function transactionResource(trade: Trade, now: number): Record<string, unknown> {
  const state = refreshState(trade, now);
  const partner = trade.v3?.mode === 'partner';
  const ids = partner
    ? { sp_appid: trade.subAppid, sp_mchid: trade.v3!.mchid, sub_appid: trade.subAppid, sub_mchid: trade.subMchId }
    : { appid: trade.subAppid, mchid: trade.subMchId };
  const paid = PAID_STATES.has(state);
  return {
    ...ids, out_trade_no: trade.outTradeNo, trade_type: 'JSAPI', trade_state: state, trade_state_desc: TRADE_STATE_DESC[state],
    ...(trade.attach === undefined ? {} : { attach: trade.attach }),
    ...(paid ? { transaction_id: trade.transactionId, bank_type: trade.bankType ?? 'OTHERS', success_time: rfc3339(trade.paidAt ?? now) } : {}),
    payer: partner ? { sub_openid: trade.payer } : { openid: trade.payer },
    amount: { total: trade.totalFee, payer_total: paid ? trade.totalFee : 0, currency: 'CNY', payer_currency: 'CNY' },
  };
}

export function query(env: V3Env, trade: Trade | undefined): V3Answer {
  if (!trade?.v3) return err(404, 'ORDER_NOT_EXIST', '订单不存在');
  return { status: 200, body: transactionResource(trade, env.now()) };
}

export function close(env: V3Env, trade: Trade | undefined): V3Answer {
  if (!trade?.v3) return err(404, 'ORDER_NOT_EXIST', '订单不存在');
  const state = refreshState(trade, env.now());
  if (PAID_STATES.has(state)) return err(400, 'ORDERPAID', '订单已支付，不能关单');
  trade.state = 'CLOSED';
  return { status: 204, body: null };
}

export function refundResource(trade: Trade, r: Refund): Record<string, unknown> {
  const status = r.status === 'REFUNDCLOSE' ? 'CLOSED' : r.status === 'CHANGE' ? 'ABNORMAL' : r.status;
  return {
    refund_id: r.refundId, out_refund_no: r.outRefundNo, transaction_id: trade.transactionId, out_trade_no: trade.outTradeNo,
    channel: 'ORIGINAL', user_received_account: '支付用户零钱', create_time: rfc3339(r.createdAt),
    ...(r.successAt ? { success_time: rfc3339(r.successAt) } : {}), status,
    amount: { total: trade.totalFee, refund: r.refundFee, payer_total: trade.totalFee, payer_refund: r.refundFee, currency: 'CNY' },
    ...(trade.v3?.mode === 'partner' ? { sp_mchid: trade.v3.mchid, sub_mchid: trade.subMchId } : { mchid: trade.subMchId }),
  };
}

export function refund(env: V3Env, trade: Trade | undefined, b: Record<string, unknown>): { answer: V3Answer; created?: Refund } {
  if (!trade?.v3) return { answer: err(404, 'RESOURCE_NOT_EXISTS', '订单不存在') };
  const amount = obj(b.amount);
  const outRefundNo = s(b.out_refund_no);
  if (!outRefundNo || !/^[0-9A-Za-z_\-*|@]{1,64}$/.test(outRefundNo)) return { answer: err(400, 'PARAM_ERROR', 'out_refund_no 格式错误') };
  const previous = trade.refunds.find((r) => r.outRefundNo === outRefundNo);
  if (previous) return { answer: { status: 200, body: refundResource(trade, previous) } };
  if (!PAID_STATES.has(refreshState(trade, env.now()))) return { answer: err(400, 'INVALID_REQUEST', '订单未支付，不能退款') };
  if (amount.total !== trade.totalFee) return { answer: err(400, 'PARAM_ERROR', 'amount.total 与订单金额不一致') };
  const fee = amount.refund;
  if (!Number.isSafeInteger(fee) || (fee as number) < 1) return { answer: err(400, 'PARAM_ERROR', 'amount.refund 必须为大于 0 的整数') };
  if (refundedFee(trade) + (fee as number) > trade.totalFee) return { answer: err(403, 'NOT_ENOUGH', '退款金额超过订单可退金额') };
  const now = env.now();
  const created: Refund = {
    outRefundNo, refundId: newRefundId(now), refundFee: fee as number, totalFee: trade.totalFee, status: 'PROCESSING',
    refundDesc: s(b.reason), functionName: s(b.notify_url), createdAt: now,
  };
  trade.refunds.push(created);
  trade.state = 'REFUND';
  return { answer: { status: 200, body: refundResource(trade, created) }, created };
}
