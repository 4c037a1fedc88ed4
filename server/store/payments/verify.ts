// Never trust a notify or a client: what WeChat Pay itself answers to queryOrder decides (docs/wechat-contracts.md
// §3.3 "re-verify with queryOrder", §7.2–7.4). The query goes to OUR record of the merchant, and the
// answer must say SUCCESS (or REFUND: paid, then refunded), with the order's amount and merchant.
import { fen } from '../../../core/money';
import type { NotifyVerdict, OrderDoc, VerifiedPayment } from '../../../core/model';
import { channelOf, type TradeState } from '../../wechat/pay-channel';

export type { VerifiedPayment };

export type VerifyOutcome =
  | { ok: true; payment: VerifiedPayment }
  | { ok: false; verdict: Extract<NotifyVerdict, 'not_paid' | 'amount_mismatch' | 'merchant_mismatch' | 'appid_mismatch' | 'transient' | 'invalid'>; detail: string; tradeState?: TradeState };

const PAID: readonly TradeState[] = ['SUCCESS', 'REFUND'];

export async function verifyPayment(order: OrderDoc, outTradeNo: string): Promise<VerifyOutcome> {
  if (!order.payment) return { ok: false, verdict: 'invalid', detail: 'pay-on-pickup order has no Cloud Pay order' };
  const channel = channelOf(order.payment);
  const q = await channel.query(order.payment.subMchId, outTradeNo);
  if (!q.ok) {
    if (q.kind === 'error') return { ok: false, verdict: 'transient', detail: `queryOrder: ${q.message}` };
    return { ok: false, verdict: 'not_paid', detail: `queryOrder: ${q.message}` };
  }
  const t = q.data;
  if (!PAID.includes(t.tradeState)) return { ok: false, verdict: 'not_paid', detail: `tradeState ${t.tradeState}`, tradeState: t.tradeState };
  if (t.subMchId !== order.payment.subMchId) {
    return { ok: false, verdict: 'merchant_mismatch', detail: `paid to ${t.subMchId}, order is ${order.payment.subMchId}` };
  }
  const appid = channel.expectedAppid();
  if (appid !== null && t.appid !== appid) {
    return { ok: false, verdict: 'appid_mismatch', detail: `paid under appid ${String(t.appid)}, ours is ${appid}` };
  }
  if (t.totalFee !== order.total) {
    return { ok: false, verdict: 'amount_mismatch', detail: `paid ${String(t.totalFee)}, order total ${order.total}` };
  }
  if (!t.transactionId || !t.timeEnd) return { ok: false, verdict: 'invalid', detail: 'paid without transactionId/timeEnd' };
  return {
    ok: true,
    payment: {
      transactionId: t.transactionId,
      outTradeNo: t.outTradeNo,
      totalFee: fen(t.totalFee),
      subMchId: t.subMchId,
      timeEnd: t.timeEnd,
      payerOpenid: t.subOpenid,
    },
  };
}
