// REFUND.* notifies of payNotifyV3 (docs/wechat-contracts.md §4.4): already verified and decrypted by
// notify-v3.ts, and still only a hint — the refund is re-queried on the order's channel before it is
// settled (store/refunds/settle.ts), exactly as refundNotify does for Cloud Pay.
import { COLLECTIONS } from '../../core/collections';
import type { OrderDoc, RefundDoc } from '../../core/model';
import { httpReply, type HttpReply, type OperationContext } from '../handler';
import { docOf } from '../store/db';
import { markRefundFailed, settleRefundSucceeded } from '../store/refunds/settle';
import { channelOf } from '../wechat/pay-channel';
import type { V3Recorder } from './notify-v3';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v.slice(0, 64) : null);

export async function handleV3Refund(r: Record<string, unknown>, eventType: string, record: V3Recorder, ctx: OperationContext): Promise<HttpReply> {
  const { db, now } = ctx;
  const outRefundNo = str(r.out_refund_no);
  const outTradeNo = str(r.out_trade_no);
  const refund = outRefundNo ? docOf<RefundDoc>(await db.collection(COLLECTIONS.refunds).doc(outRefundNo).get()) : null;
  if (!refund) {
    await record('not_found', `${eventType}: no refund ${String(outRefundNo)}`, { outRefundNo, outTradeNo });
    return httpReply(204);
  }
  const order = docOf<OrderDoc>(await db.collection(COLLECTIONS.orders).doc(refund.orderId).get());
  const more = { orderId: refund.orderId, outRefundNo, outTradeNo };
  const merchant = str(order?.payment?.channel === 'v3-partner' ? r.sub_mchid : r.mchid);
  if (!order?.payment || merchant !== order.payment.subMchId) {
    await record('merchant_mismatch', `refund notify for merchant ${String(merchant)}, order is ${String(order?.payment?.subMchId)}`, more);
    return httpReply(204);
  }
  const q = await channelOf(order.payment).queryRefund(order.payment.subMchId, refund.outRefundNo);
  if (!q.ok) {
    const transient = q.kind === 'error';
    await record(transient ? 'transient' : 'not_found', q.message.slice(0, 300), more);
    return transient ? httpReply(500, 'FAIL', '暂时无法处理') : httpReply(204);
  }
  if (q.data.status === 'SUCCESS') {
    const settled = await settleRefundSucceeded(db, refund.outRefundNo, q.data.refundId, now, 'payment');
    await record(settled.verdict === 'settled' ? 'refund_succeeded' : 'duplicate', settled.order ? `order ${settled.order.status}` : eventType, more);
    return httpReply(204);
  }
  if (q.data.status === 'REFUNDCLOSE' || q.data.status === 'CHANGE') {
    const changed = await markRefundFailed(db, refund, `refund ${q.data.status}`, now);
    await record(changed ? 'refund_failed' : 'duplicate', q.data.status, more);
    return httpReply(204);
  }
  await record('transient', `refund query says ${q.data.status}`, more);
  return httpReply(500, 'FAIL', '退款处理中');
}
