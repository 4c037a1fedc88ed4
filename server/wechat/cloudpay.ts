// Typed wrappers over `cloud.cloudPay.*` (docs/wechat-contracts.md §3). The SDK camelCases the v2 reply and
// always sets `errCode: 0, errMsg: 'cloudPay.<api>:ok'` on anything that came back as JSON (§3.1), so
// success is only `returnCode === 'SUCCESS' && resultCode === 'SUCCESS'` (§3.2); a business refusal is
// `resultCode: 'FAIL'` with `errCodeDes` (the v2 `err_code` is overwritten by the SDK's errCode 0 —
// see test/conformance/pay.test.ts), a channel refusal is `returnCode: 'FAIL'` + `returnMsg` (unbound
// sub-merchant), and gateway / permission / network failures are thrown Errors (`-202`, `-604101`, -1).
// Every wrapper answers a PayResult and never throws, so callers decide what is transient.
import { sdk } from './sdk';
import type { RequestPaymentParams } from '../../core/model';

export type PayFailureKind =
  /** resultCode FAIL: WeChat Pay understood the request and refused it (ORDERPAID, ORDERCLOSED, not exist …). */
  | 'business'
  /** returnCode FAIL: the channel refused it (sub-merchant not bound to this environment, no payer openid). */
  | 'rejected'
  /** The SDK threw: gateway (-202), permission (-604101), network or timeout. Usually worth a retry. */
  | 'error';

export interface PayFailure {
  ok: false;
  kind: PayFailureKind;
  /**
   * A thrown SDK error's `errCode` (number: -202, -604101, -1 …); for a business failure the v2
   * `errCodeDes` text (the SDK overwrites the v2 `err_code` with 0, so the text is all there is).
   */
  errCode: number | string | null;
  message: string;
  /** Set on a business failure that says the order / refund does not exist (ORDERNOTEXIST, REFUNDNOTEXIST). */
  notFound?: boolean;
}

export type PayResult<T> = { ok: true; data: T } | PayFailure;

type Reply = Record<string, unknown>;

const NOT_EXIST = /not exist|不存在|NOTEXIST/i;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);

/** The v2 `result_code FAIL` text: `errCodeDes`, else whatever describes it. */
function businessText(r: Reply): string {
  return str(r.errCodeDes) ?? str(r.returnMsg) ?? str(r.resultMsg) ?? 'FAIL';
}

async function call(api: string, params: Reply): Promise<PayResult<Reply>> {
  let reply: Reply;
  try {
    // index.d.ts does not declare cloudPay (it is a proxy, §3.1); the bundle exports it.
    const cloudPay = (sdk() as unknown as { cloudPay: Record<string, (p: Reply) => Promise<Reply>> }).cloudPay;
    reply = await cloudPay[api](params);
  } catch (err) {
    const e = err as { errCode?: unknown; errMsg?: unknown; message?: unknown } | null;
    const errCode = typeof e?.errCode === 'number' ? e.errCode : -1;
    return { ok: false, kind: 'error', errCode, message: String(e?.errMsg ?? e?.message ?? err) };
  }
  if (reply.returnCode !== 'SUCCESS') {
    return { ok: false, kind: 'rejected', errCode: null, message: str(reply.returnMsg) ?? 'returnCode FAIL' };
  }
  if (reply.resultCode !== 'SUCCESS') {
    return { ok: false, kind: 'business', errCode: str(reply.errCodeDes), message: businessText(reply) };
  }
  return { ok: true, data: reply };
}

// ---------- unifiedOrder (§3.2) ----------

export interface UnifiedOrderInput {
  subMchId: string;
  outTradeNo: string;
  /** Integer fen (a string or float is `-202`, §7.3). */
  totalFee: number;
  body: string;
  /** yyyyMMddHHmmss Beijing time (core/time.ts formatPayTime); at least 5 minutes ahead. */
  timeExpire?: string;
  attach?: string;
  /** The function receiving the pay notify ('payNotify'). */
  functionName: string;
  /** The real env id: getWXContext().ENV (§3.2, §7.9). */
  envId: string;
}

export interface UnifiedOrderReply {
  prepayId: string;
  /** Passed to wx.requestPayment as is (§3.2). */
  payment: RequestPaymentParams;
}

/** Must run in an invocation of the paying buyer: the payer is the invocation's OPENID (§3.2). */
export async function unifiedOrder(input: UnifiedOrderInput): Promise<PayResult<UnifiedOrderReply>> {
  const r = await call('unifiedOrder', {
    ...input,
    spbillCreateIp: '127.0.0.1',
    tradeType: 'JSAPI',
  });
  if (!r.ok) return r;
  const prepayId = str(r.data.prepayId);
  const payment = r.data.payment as RequestPaymentParams | undefined;
  if (!prepayId || !payment || typeof payment !== 'object') {
    return { ok: false, kind: 'error', errCode: null, message: 'unifiedOrder: reply without prepayId/payment' };
  }
  return { ok: true, data: { prepayId, payment } };
}

// ---------- queryOrder (§3.4) ----------

export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

export interface QueryOrderReply {
  tradeState: TradeState;
  outTradeNo: string;
  subMchId: string;
  /** The order amount in fen (null when WeChat did not report it). */
  totalFee: number | null;
  /** Set once paid (SUCCESS / REFUND). */
  transactionId: string | null;
  /** yyyyMMddHHmmss Beijing time, once paid. */
  timeEnd: string | null;
  /** The payer under our mini-program (§3.3). */
  subOpenid: string | null;
  tradeStateDesc: string | null;
  /** The appid the payment was made under, when the channel says (v3); checked by verify.ts. */
  appid: string | null;
}

/** `notFound: true` when WeChat Pay has no such order (ORDERNOTEXIST). */
export async function queryOrder(subMchId: string, outTradeNo: string): Promise<PayResult<QueryOrderReply>> {
  const r = await call('queryOrder', { subMchId, outTradeNo });
  if (!r.ok) return r.kind === 'business' && NOT_EXIST.test(`${String(r.errCode ?? '')} ${r.message}`) ? { ...r, notFound: true } : r;
  const d = r.data;
  return {
    ok: true,
    data: {
      tradeState: String(d.tradeState) as TradeState,
      outTradeNo: str(d.outTradeNo) ?? outTradeNo,
      subMchId: str(d.subMchId) ?? '',
      totalFee: int(d.totalFee),
      transactionId: str(d.transactionId),
      timeEnd: str(d.timeEnd),
      subOpenid: str(d.subOpenid),
      tradeStateDesc: str(d.tradeStateDesc),
      appid: str(d.subAppid),
    },
  };
}

// ---------- closeOrder (§3.4) ----------

export type CloseOutcome = 'closed' | 'already_closed' | 'paid' | 'not_found';

/**
 * Close an unpaid Cloud Pay order. `paid` means the buyer's payment beat the close: the caller must
 * apply it instead of cancelling. `already_closed` and `not_found` leave nothing payable.
 */
export async function closeOrder(subMchId: string, outTradeNo: string): Promise<PayResult<CloseOutcome>> {
  const r = await call('closeOrder', { subMchId, outTradeNo });
  if (r.ok) return { ok: true, data: 'closed' };
  if (r.kind !== 'business') return r;
  const text = `${String(r.errCode ?? '')} ${r.message}`;
  if (/ORDERPAID|已支付/.test(text)) return { ok: true, data: 'paid' };
  if (/ORDERCLOSED|已关闭|重复关单/.test(text)) return { ok: true, data: 'already_closed' };
  if (NOT_EXIST.test(text)) return { ok: true, data: 'not_found' };
  return r;
}

// ---------- refund, queryRefund (§3.4) ----------

export interface RefundInput {
  subMchId: string;
  outTradeNo: string;
  /** Reuse the same outRefundNo when retrying (§3.4): WeChat then returns the first refund. */
  outRefundNo: string;
  /** The order's paid total (must equal what was paid). */
  totalFee: number;
  refundFee: number;
  refundDesc?: string;
  /** The function receiving the refund notify ('refundNotify'). */
  functionName: string;
  envId: string;
}

export interface RefundReply {
  refundId: string | null;
  outRefundNo: string;
  refundFee: number | null;
  transactionId: string | null;
}

/** Accepted is not refunded: the result arrives at functionName (or by queryRefund) later (§3.4). */
export async function refund(input: RefundInput): Promise<PayResult<RefundReply>> {
  const r = await call('refund', { ...input });
  if (!r.ok) return r;
  return {
    ok: true,
    data: {
      refundId: str(r.data.refundId),
      outRefundNo: str(r.data.outRefundNo) ?? input.outRefundNo,
      refundFee: int(r.data.refundFee),
      transactionId: str(r.data.transactionId),
    },
  };
}

export type RefundState = 'SUCCESS' | 'PROCESSING' | 'REFUNDCLOSE' | 'CHANGE';

export interface RefundStatusReply {
  outRefundNo: string;
  refundId: string | null;
  refundFee: number | null;
  status: RefundState;
  /** `yyyy-MM-dd HH:mm:ss` Beijing time when it succeeded. */
  successTime: string | null;
}

/**
 * The status of one refund by outRefundNo. v2 numbers the per-refund fields `_$n`, which the SDK
 * camelCases to `refundStatus_0`, `outRefundNo_0` … (see localcloud/pay/refunds.ts and the conformance test).
 */
export async function queryRefund(subMchId: string, outRefundNo: string): Promise<PayResult<RefundStatusReply>> {
  const r = await call('queryRefund', { subMchId, outRefundNo });
  if (!r.ok) return r.kind === 'business' && NOT_EXIST.test(`${String(r.errCode ?? '')} ${r.message}`) ? { ...r, notFound: true } : r;
  const d = r.data;
  const count = int(d.refundCount) ?? int(d.totalRefundCount) ?? 0;
  const offset = int(d.offset) ?? 0;
  for (let n = offset; n < offset + Math.max(count, 1); n += 1) {
    if (str(d[`outRefundNo_${n}`]) !== outRefundNo) continue;
    return {
      ok: true,
      data: {
        outRefundNo,
        refundId: str(d[`refundId_${n}`]),
        refundFee: int(d[`refundFee_${n}`]),
        status: String(d[`refundStatus_${n}`]) as RefundState,
        successTime: str(d[`refundSuccessTime_${n}`]),
      },
    };
  }
  return { ok: false, kind: 'business', notFound: true, errCode: null, message: `queryRefund: ${outRefundNo} not in the reply` };
}

/** Whether a failure might go away on retry (for payNotify's non-zero errcode and the timer). */
export function isTransient(f: PayFailure): boolean {
  return f.kind === 'error';
}
