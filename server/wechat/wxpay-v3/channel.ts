// The APIv3 adapter behind pay-channel.ts, in both modes (docs/wechat-contracts.md §4.1):
// - v3-partner: the platform is a service provider; the shop is its sub-merchant (sp_mchid + sub_mchid,
//   /v3/pay/partner/…, payer.sub_openid under sub_appid);
// - v3-direct: a single-shop deployment with its own merchant number (mchid, /v3/pay/transactions/…);
//   the shop's merchant id must be that number, or nothing is sent.
// Answers are mapped onto the shapes cloudpay.ts returns (trade states, fen, yyyyMMddHHmmss times).
import type { PayChannelKind } from '../../../core/model';
import { formatPayTime } from '../../../core/time';
import type { CloseOutcome, PayResult, QueryOrderReply, RefundReply, RefundState, RefundStatusReply, TradeState } from '../cloudpay';
import type { ChannelRefundInput, PayChannel, PrepayInput, PrepayReply } from '../pay-channel';
import { v3Config, type V3Config } from './config';
import { nonceStr, paySign } from './crypto';
import { v3Request, type Reply } from './client';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
const obj = (v: unknown): Reply => (typeof v === 'object' && v !== null ? (v as Reply) : {});
const enc = encodeURIComponent;

/** RFC 3339 in Beijing time, as time_expire wants it (§4.1). */
export function rfc3339China(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** success_time (RFC 3339) → yyyyMMddHHmmss Beijing time, the form payments keep (VerifiedPayment.timeEnd). */
function payTimeOf(rfc: unknown): string | null {
  const t = typeof rfc === 'string' ? Date.parse(rfc) : NaN;
  return Number.isFinite(t) ? formatPayTime(t) : null;
}

const REFUND_STATES: Record<string, RefundState> = { SUCCESS: 'SUCCESS', PROCESSING: 'PROCESSING', CLOSED: 'REFUNDCLOSE', ABNORMAL: 'CHANGE' };
/** refund reason is ≤ 80 characters. */
const REASON_MAX = 80;

export function v3Channel(kind: Exclude<PayChannelKind, 'cloudpay'>): PayChannel {
  const partner = kind === 'v3-partner';

  /** The configuration, or why this deployment cannot use the channel for `merchantId`. */
  function setup(merchantId: string): { ok: true; c: V3Config } | { ok: false; kind: 'rejected'; errCode: null; message: string } {
    const loaded = v3Config();
    if (!loaded.ok) return { ok: false, kind: 'rejected', errCode: null, message: `WeChat Pay v3 keys missing: ${loaded.missing.join(', ')}` };
    if (!partner && merchantId !== loaded.config.mchid) {
      return { ok: false, kind: 'rejected', errCode: null, message: `merchant ${merchantId} is not this deployment's ${loaded.config.mchid}` };
    }
    return { ok: true, c: loaded.config };
  }
  const mchQuery = (c: V3Config, merchantId: string) => (partner ? `sp_mchid=${enc(c.mchid)}&sub_mchid=${enc(merchantId)}` : `mchid=${enc(c.mchid)}`);
  const base = partner ? '/v3/pay/partner/transactions' : '/v3/pay/transactions';

  return {
    kind,
    expectedAppid: () => {
      const loaded = v3Config();
      return loaded.ok ? loaded.config.appid : null;
    },

    async prepay(i: PrepayInput): Promise<PayResult<PrepayReply>> {
      const s = setup(i.merchantId);
      if (!s.ok) return s;
      const { c } = s;
      const common = {
        description: i.description, out_trade_no: i.outTradeNo, time_expire: rfc3339China(i.expiresAt), notify_url: c.notifyUrl,
        amount: { total: i.total, currency: 'CNY' },
      };
      const body = partner
        ? { sp_appid: c.appid, sp_mchid: c.mchid, sub_appid: c.appid, sub_mchid: i.merchantId, ...common, payer: { sub_openid: i.payerOpenid } }
        : { appid: c.appid, mchid: c.mchid, ...common, payer: { openid: i.payerOpenid } };
      const r = await v3Request(c, 'POST', `${base}/jsapi`, body);
      if (!r.ok) return r;
      const prepayId = str(r.data.data?.prepay_id);
      if (!prepayId) return { ok: false, kind: 'error', errCode: null, message: 'jsapi: answer without prepay_id' };
      const timeStamp = String(Math.floor(Date.now() / 1000));
      const nonce = nonceStr();
      const pkg = `prepay_id=${prepayId}`;
      return {
        ok: true,
        data: { prepayId, payment: { timeStamp, nonceStr: nonce, package: pkg, signType: 'RSA', paySign: paySign(c.privateKey, c.appid, timeStamp, nonce, pkg) } },
      };
    },

    async query(merchantId: string, outTradeNo: string): Promise<PayResult<QueryOrderReply>> {
      const s = setup(merchantId);
      if (!s.ok) return s;
      const r = await v3Request(s.c, 'GET', `${base}/out-trade-no/${enc(outTradeNo)}?${mchQuery(s.c, merchantId)}`);
      if (!r.ok) return r;
      const d = r.data.data ?? {};
      const payer = obj(d.payer);
      return {
        ok: true,
        data: {
          tradeState: String(d.trade_state) as TradeState,
          outTradeNo: str(d.out_trade_no) ?? outTradeNo,
          subMchId: str(partner ? d.sub_mchid : d.mchid) ?? '',
          totalFee: int(obj(d.amount).total),
          transactionId: str(d.transaction_id),
          timeEnd: payTimeOf(d.success_time),
          subOpenid: str(partner ? payer.sub_openid : payer.openid),
          tradeStateDesc: str(d.trade_state_desc),
          appid: str(partner ? (d.sub_appid ?? d.sp_appid) : d.appid),
        },
      };
    },

    async close(merchantId: string, outTradeNo: string): Promise<PayResult<CloseOutcome>> {
      const s = setup(merchantId);
      if (!s.ok) return s;
      const body = partner ? { sp_mchid: s.c.mchid, sub_mchid: merchantId } : { mchid: s.c.mchid };
      const r = await v3Request(s.c, 'POST', `${base}/out-trade-no/${enc(outTradeNo)}/close`, body);
      if (r.ok) return { ok: true, data: 'closed' };
      if (r.kind !== 'business') return r;
      if (r.notFound) return { ok: true, data: 'not_found' };
      if (r.errCode === 'ORDERPAID') return { ok: true, data: 'paid' };
      if (r.errCode === 'ORDER_CLOSED') return { ok: true, data: 'already_closed' };
      return r;
    },

    async refund(i: ChannelRefundInput): Promise<PayResult<RefundReply>> {
      const s = setup(i.merchantId);
      if (!s.ok) return s;
      const r = await v3Request(s.c, 'POST', '/v3/refund/domestic/refunds', {
        ...(partner ? { sub_mchid: i.merchantId } : {}),
        out_trade_no: i.outTradeNo, out_refund_no: i.outRefundNo, reason: [...i.reason].slice(0, REASON_MAX).join(''),
        notify_url: s.c.notifyUrl, amount: { refund: i.refund, total: i.total, currency: 'CNY' },
      });
      if (!r.ok) return r;
      const d = r.data.data ?? {};
      return {
        ok: true,
        data: { refundId: str(d.refund_id), outRefundNo: str(d.out_refund_no) ?? i.outRefundNo, refundFee: int(obj(d.amount).refund), transactionId: str(d.transaction_id) },
      };
    },

    async queryRefund(merchantId: string, outRefundNo: string): Promise<PayResult<RefundStatusReply>> {
      const s = setup(merchantId);
      if (!s.ok) return s;
      const q = partner ? `?sub_mchid=${enc(merchantId)}` : '';
      const r = await v3Request(s.c, 'GET', `/v3/refund/domestic/refunds/${enc(outRefundNo)}${q}`);
      if (!r.ok) return r;
      const d = r.data.data ?? {};
      return {
        ok: true,
        data: {
          outRefundNo, refundId: str(d.refund_id), refundFee: int(obj(d.amount).refund),
          status: REFUND_STATES[String(d.status)] ?? 'PROCESSING', successTime: str(d.success_time),
        },
      };
    },
  };
}
