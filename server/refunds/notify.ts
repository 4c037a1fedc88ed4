// refundNotify (docs/wechat-contracts.md §3.4): WeChat Pay's refund results, flat or nested under reqInfo
// (core/contracts routes both). Like payNotify, the event is a hint and never the truth: only
// SOURCE === 'wx_paycallback' is heard (§3.3, §7.4), and the refund's state is re-queried with
// queryRefund before anything changes. Every notify is recorded in notify_log. The reply is
// `{errcode: 0}` for everything handled — duplicates, unknown refunds, forged calls — and non-zero only
// when a retry could help (Cloud Pay unreachable, refund still processing).
import { COLLECTIONS } from '../../core/collections';
import { parseRequest } from '../../core/contracts/parse';
import type { Payload } from '../../core/contracts/registry';
import { newId, parseRefundNo } from '../../core/ids';
import type { NotifyLogDoc, NotifyVerdict, OrderDoc, RefundDoc } from '../../core/model';
import { docOf } from '../store/db';
import type { NotifyReply, OperationContext } from '../handler';
import { channelOf } from '../wechat/pay-channel';
import { randomInt } from '../random';
import { originOf } from '../wechat/sdk';
import { boundedEvent, boundedText } from '../bounded';
import { markRefundFailed, settleRefundSucceeded } from '../store/refunds/settle';

type RefundEvent = Payload<'refundNotify', 'notify'>;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Every notify is kept for the record, bounded (server/bounded.ts): anyone can call refundNotify with a
 * forged event of up to 1 MB, and a 900 KB one used to be stored whole.
 */
async function record(ctx: OperationContext, event: unknown, verdict: NotifyVerdict, fields: Partial<NotifyLogDoc>, detail: string | null) {
  const e = isRecord(event) ? event : {};
  const flat = isRecord(e.reqInfo) ? { ...e, ...e.reqInfo } : e;
  const str = (v: unknown) => (typeof v === 'string' && v.length <= 64 ? v : null);
  const doc: NotifyLogDoc = {
    _id: newId('N', ctx.now, randomInt),
    kind: 'refund',
    source: ctx.caller.source,
    outTradeNo: str(flat.outTradeNo),
    outRefundNo: str(flat.outRefundNo),
    transactionId: str(flat.transactionId),
    orderId: null,
    verdict,
    detail: boundedText(detail),
    event: boundedEvent(event),
    at: ctx.now,
    ...fields,
  };
  await ctx.db.collection(COLLECTIONS.notifyLog).add({ data: { ...doc } });
}

const reply = (errcode: number, errmsg: string): NotifyReply => ({ errcode, errmsg });

export async function handleRefundNotify(event: unknown, ctx: OperationContext): Promise<NotifyReply> {
  if (originOf(ctx.caller.source) !== 'wx_paycallback') {
    // Anyone can call a cloud function (§7.4): recorded, changes nothing.
    await record(ctx, event, 'forged_source', {}, `SOURCE=${ctx.caller.source}`);
    return reply(-1, 'FORBIDDEN_SOURCE');
  }
  const parsed = parseRequest('refundNotify', event);
  if (!parsed.ok) {
    // A retry would bring the same event: acknowledged, recorded for a person to look at.
    await record(ctx, event, 'invalid', {}, `${parsed.code} ${JSON.stringify(parsed.details ?? {})}`);
    return reply(0, 'OK');
  }
  const p = parsed.data.payload as RefundEvent;
  const key = parseRefundNo(p.outRefundNo);
  const refund = key ? docOf<RefundDoc>(await ctx.db.collection(COLLECTIONS.refunds).doc(p.outRefundNo).get()) : null;
  if (!refund) {
    await record(ctx, event, 'not_found', {}, 'no such refund');
    return reply(0, 'OK');
  }
  const order = docOf<OrderDoc>(await ctx.db.collection(COLLECTIONS.orders).doc(refund.orderId).get());
  const subMchId = order?.payment?.subMchId;
  if (!order || !subMchId) {
    await record(ctx, event, 'not_found', { orderId: refund.orderId }, 'refund without a WeChat Pay order');
    return reply(0, 'OK');
  }
  const queried = await channelOf(order.payment).queryRefund(subMchId, refund.outRefundNo);
  if (!queried.ok) {
    const transient = queried.kind === 'error';
    await record(ctx, event, transient ? 'transient' : 'not_found', { orderId: order._id }, queried.message.slice(0, 300));
    return transient ? reply(1, 'QUERY_FAILED') : reply(0, 'OK');
  }
  const state = queried.data.status;
  if (state === 'SUCCESS') {
    const settled = await settleRefundSucceeded(ctx.db, refund.outRefundNo, queried.data.refundId, ctx.now, 'payment');
    const verdict: NotifyVerdict = settled.verdict === 'settled' ? 'refund_succeeded' : 'duplicate';
    await record(ctx, event, verdict, { orderId: order._id }, settled.order ? `order ${settled.order.status}` : null);
    return reply(0, 'OK');
  }
  if (state === 'REFUNDCLOSE' || state === 'CHANGE') {
    const changed = await markRefundFailed(ctx.db, refund, `refund ${state}`, ctx.now);
    await record(ctx, event, changed ? 'refund_failed' : 'duplicate', { orderId: order._id }, state);
    return reply(0, 'OK');
  }
  // Still PROCESSING at Cloud Pay: ask WeChat to come back later.
  await record(ctx, event, 'transient', { orderId: order._id }, `queryRefund says ${state}`);
  return reply(1, 'PROCESSING');
}
