// payNotifyV3: WeChat Pay APIv3 notifies through the HTTP access service (docs/wechat-contracts.md
// §4.4, §4.6), for both v3 modes. Nothing is believed before the signature (by the key Wechatpay-Serial
// names), the timestamp (within 5 minutes) and the AES-256-GCM tag hold; then, as for Cloud Pay, the
// notify is only a hint: the order is re-queried on its own channel and amount, merchant and appid are
// compared before the one idempotent apply (store/payments/apply.ts). Answers (§4.4): 204 when handled
// — duplicates and mismatches included, a retry cannot change them, they are recorded for a person —
// 401 with {code, message} when the notify is not WeChat Pay's (WeChat's own signature probes expect a
// 4xx), 500 when something transient failed, so WeChat Pay retries. Every refusal goes to notify_log.
import { parseOutTradeNo } from '../../core/ids';
import type { NotifyVerdict, OrderDoc } from '../../core/model';
import { httpReply, type HttpReply, type OperationContext } from '../handler';
import { loadOrder } from '../store/orders';
import { applyPayment } from '../store/payments/apply';
import { recordNotify } from '../store/payments/records';
import { verifyPayment } from '../store/payments/verify';
import { channelOf } from '../wechat/pay-channel';
import { openNotify } from '../wechat/wxpay-v3/notify';
import { handleV3Refund } from './notify-v3-refund';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v.slice(0, 64) : null);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

export type V3Recorder = (verdict: NotifyVerdict, detail: string, more?: { orderId?: string | null; outTradeNo?: string | null; outRefundNo?: string | null; transactionId?: string | null }) => Promise<void>;

const HANDLED = httpReply(204);
const RETRY = httpReply(500, 'FAIL', '暂时无法处理，请稍后重试');

export async function handleV3Notify(event: unknown, ctx: OperationContext): Promise<HttpReply> {
  const { db, now } = ctx;
  let kind: 'pay' | 'refund' = 'pay';
  const record: V3Recorder = (verdict, detail, more = {}) => recordNotify(db, {
    kind, source: ctx.caller.source || 'http_access', verdict, detail, event, now,
    orderId: more.orderId ?? null, outTradeNo: more.outTradeNo ?? null, outRefundNo: more.outRefundNo ?? null, transactionId: more.transactionId ?? null,
  });
  const opened = openNotify(event, now);
  if (!opened.ok) {
    await record(opened.verdict, opened.detail);
    if (opened.verdict === 'transient') return RETRY;
    if (opened.verdict === 'invalid') return httpReply(400, 'FAIL', '请求无效');
    return httpReply(401, 'SIGN_ERROR', '验签失败');
  }
  kind = opened.kind;
  if (opened.kind === 'refund') return handleV3Refund(opened.resource, opened.eventType, record, ctx);
  return handleV3Payment(opened.resource, opened.eventType, record, ctx);
}

/** What the notify itself claims, checked against the order before WeChat Pay is asked. */
function claimRefusal(order: OrderDoc, t: Record<string, unknown>, appid: string | null): { verdict: NotifyVerdict; detail: string } | null {
  const partner = order.payment?.channel === 'v3-partner';
  const merchant = str(partner ? t.sub_mchid : t.mchid);
  if (merchant !== order.payment?.subMchId) return { verdict: 'merchant_mismatch', detail: `notify for merchant ${String(merchant)}, order is ${String(order.payment?.subMchId)}` };
  const claimedAppid = str(partner ? (t.sub_appid ?? t.sp_appid) : t.appid);
  if (appid !== null && claimedAppid !== appid) return { verdict: 'appid_mismatch', detail: `notify for appid ${String(claimedAppid)}, ours is ${appid}` };
  const total = obj(t.amount).total;
  if (total !== order.total) return { verdict: 'amount_mismatch', detail: `notify says ${String(total)}, order total ${order.total}` };
  return null;
}

async function handleV3Payment(t: Record<string, unknown>, eventType: string, record: V3Recorder, ctx: OperationContext): Promise<HttpReply> {
  const { db, now } = ctx;
  const outTradeNo = str(t.out_trade_no);
  const transactionId = str(t.transaction_id);
  const ref = outTradeNo ? parseOutTradeNo(outTradeNo) : null;
  const order = ref ? await loadOrder(db, ref.orderId) : null;
  if (!order || !order.payment) {
    await record('not_found', `no order for out_trade_no ${String(outTradeNo)}`, { outTradeNo, transactionId });
    return HANDLED;
  }
  const more = { orderId: order._id, outTradeNo, transactionId };
  const channel = channelOf(order.payment);
  if (channel.kind === 'cloudpay') {
    await record('invalid', `order ${order._id} pays through Cloud Pay, not v3`, more);
    return HANDLED;
  }
  const refused = claimRefusal(order, t, channel.expectedAppid());
  if (refused) {
    await record(refused.verdict, refused.detail, more);
    return HANDLED;
  }
  if (eventType !== 'TRANSACTION.SUCCESS' || t.trade_state !== 'SUCCESS') {
    await record('not_paid', `${eventType} trade_state ${String(t.trade_state)}`, more);
    return HANDLED;
  }
  const verified = await verifyPayment(order, outTradeNo!);
  if (!verified.ok) {
    await record(verified.verdict, verified.detail, more);
    return verified.verdict === 'transient' ? RETRY : HANDLED;
  }
  const applied = await applyPayment(db, order, verified.payment, 'notify', now);
  if (applied.verdict === 'applied') return HANDLED;
  const verdict = applied.verdict === 'late_claimed' ? 'transient' : applied.verdict;
  await record(verdict, applied.detail ?? `order ${applied.order.status}`, { ...more, transactionId: verified.payment.transactionId });
  return verdict === 'transient' ? RETRY : HANDLED;
}
