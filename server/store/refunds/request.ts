// Asking Cloud Pay for a refund that is already committed (start.ts), and recording what it said.
// The same outRefundNo every time (docs/wechat-contracts.md §3.4 "reuse the same out_refund_no when retrying"), so asking twice
// can never refund twice. Pay-on-pickup orders were paid in cash at the counter: there is no WeChat Pay
// trade to refund, the owner hands the money back, and the refund succeeds at once.
import { COLLECTIONS } from '../../../core/collections';
import type { OrderDoc, RefundDoc } from '../../../core/model';
import type { OrderStatus } from '../../../core/order-state';
import { channelOf } from '../../wechat/pay-channel';
import { sdk, type Database } from '../../wechat/sdk';
import { markRefundFailed, settleRefundSucceeded } from './settle';

/** refund_desc is String(80) in v2. */
const REFUND_DESC_MAX = 80;

export type RefundRequestOutcome = { ok: true; status?: OrderStatus } | { ok: false; reason: string };

function envId(): string {
  const ctx = sdk().getWXContext() as { ENV?: unknown };
  return String(ctx.ENV ?? '');
}

export async function requestRefund(db: Database, order: OrderDoc, refund: RefundDoc, now: number): Promise<RefundRequestOutcome> {
  if (order.paymentMethod === 'on_pickup') {
    const settled = await settleRefundSucceeded(db, refund.outRefundNo, null, now, 'owner');
    return { ok: true, status: settled.order?.status };
  }
  const subMchId = order.payment?.subMchId;
  if (!subMchId) {
    await markRefundFailed(db, refund, 'order has no WeChat Pay merchant', now);
    return { ok: false, reason: 'order has no WeChat Pay merchant' };
  }
  // A second payment is refunded against its own trade, in full; any other refund against the order's.
  const trade = refund.secondPayment ?? { outTradeNo: order.outTradeNo, totalFee: order.paidFen };
  const reply = await channelOf(order.payment).refund({
    merchantId: subMchId,
    outTradeNo: trade.outTradeNo,
    outRefundNo: refund.outRefundNo,
    total: trade.totalFee,
    refund: refund.amount,
    reason: [...refund.reason].slice(0, REFUND_DESC_MAX).join(''),
    envId: envId(),
  });
  if (!reply.ok) {
    const reason = `${reply.kind}: ${reply.message}`;
    await markRefundFailed(db, refund, reason, now);
    return { ok: false, reason };
  }
  const _ = db.command;
  // Only a pending refund takes the refundId here: a notify that already settled it keeps its state.
  await db.collection(COLLECTIONS.refunds).where({ _id: refund._id, status: 'pending' })
    .update({ data: { refundId: reply.data.refundId, attempts: _.inc(1), updatedAt: now } });
  return { ok: true };
}
