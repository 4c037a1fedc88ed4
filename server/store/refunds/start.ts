// Starting a refund (docs/product.md §3; docs/wechat-contracts.md §3.4). The plan (core/refund.ts) commits the
// money and the lines on the order and creates the refund document in ONE transaction (§2.9), guarded
// by the status and refundCount the caller saw, so two refunds racing cannot promise the same money
// and a crash cannot leave committed money without its refund. Then cloudPay.refund is asked, with the
// deterministic outRefundNo (a retry reuses it) and functionName 'refundNotify'. "调用退款接口成功，并
// 不代表退款成功": the refund stays pending until its notify (or the timer's queryRefund) says so.
import type { RefundStarted } from '../../../core/contracts/views';
import { fail, ok, type Result } from '../../../core/errors';
import { refundNo } from '../../../core/ids';
import { formatYuan, type Fen } from '../../../core/money';
import type { OrderDoc, RefundDoc, TimelineEntry, TimelineEvent } from '../../../core/model';
import { checkTransition, type Actor } from '../../../core/order-state';
import { applyRefundPlan, planRefund, planSoldOut, type RefundPlan } from '../../../core/refund';
import { COLLECTIONS } from '../../../core/collections';
import { inTransaction, txGet } from '../db';
import type { Database } from '../../wechat/sdk';
import { requestRefund } from './request';

export interface StartRefundInput {
  order: OrderDoc;
  lines?: { lineNo: number; quantity: number }[];
  amount?: Fen;
  full?: boolean;
  reason: string;
  actor: Actor;
  by: string | null;
  now: number;
  /** "Mark sold out": refund every unit left on these lines and flag them (core/refund.ts planSoldOut). */
  soldOutLineNos?: number[];
  /** The timeline event (default refund_started): rejected, lines_sold_out, late_payment_refunded. */
  event?: TimelineEvent;
  /** Other order fields to set in the same write (e.g. rejectReason). */
  set?: Record<string, unknown>;
  /** The largest refund the caller may start (a staff member's limit, core/roles.ts); absent: no cap. */
  maxAmount?: number;
}

function plan(order: OrderDoc, input: StartRefundInput): Result<RefundPlan> {
  if (input.soldOutLineNos) return planSoldOut(order, input.soldOutLineNos);
  if (input.lines) return planRefund(order, { mode: 'lines', lines: input.lines }, input.actor);
  if (input.amount !== undefined && !input.full) return planRefund(order, { mode: 'amount', amount: input.amount }, input.actor);
  return planRefund(order, { mode: 'full' }, input.actor);
}

function entries(order: OrderDoc, p: RefundPlan, input: StartRefundInput, outRefundNo: string): TimelineEntry[] {
  const note = `${input.reason}（${formatYuan(p.amount)}，${outRefundNo}）`;
  const base = { at: input.now, actor: input.actor, by: input.by };
  const changes = p.nextStatus !== order.status;
  return [{ ...base, event: input.event ?? 'refund_started', from: changes ? order.status : null, to: changes ? p.nextStatus : null, note }];
}

type Started = { ok: true; order: OrderDoc; refund: RefundDoc } | { ok: false; failure: Result<never> };

/**
 * Plans on the order as it is now, if it is still as the caller saw it (status and refundCount);
 * otherwise INVALID_TRANSITION. The refund's money is then committed and never un-committed: a failed
 * refund is retried with the same outRefundNo (§3.4).
 */
async function commit(db: Database, input: StartRefundInput): Promise<Started> {
  const seen = input.order;
  return inTransaction(db, async (tx): Promise<Started> => {
    const order = await txGet<OrderDoc>(tx, COLLECTIONS.orders, seen._id);
    if (!order) return { ok: false, failure: fail('ORDER_NOT_FOUND') };
    if (order.status !== seen.status || order.refundCount !== seen.refundCount) {
      return { ok: false, failure: fail('INVALID_TRANSITION', { from: seen.status, reason: 'changed concurrently' }) };
    }
    const planned = plan(order, input);
    if (!planned.ok) return { ok: false, failure: planned };
    const p = planned.data;
    // Checked on the planned amount (lines and "sold out" are priced by the plan), before anything is written.
    if (input.maxAmount !== undefined && p.amount > input.maxAmount) {
      return { ok: false, failure: fail('STAFF_REFUND_LIMIT', { amount: p.amount, limit: input.maxAmount }) };
    }
    if (p.nextStatus !== order.status) {
      const allowed = checkTransition(order.status, p.nextStatus, input.actor);
      if (!allowed.ok) return { ok: false, failure: allowed };
    }
    const patch = applyRefundPlan(order, p, input.soldOutLineNos ?? []);
    const seq = patch.refundCount;
    const outRefundNo = refundNo(order._id, seq);
    const timeline = entries(order, p, input, outRefundNo);
    const _ = (db as Database).command;
    await tx.collection(COLLECTIONS.orders).doc(order._id).update({
      data: { ...input.set, ...patch, updatedAt: input.now, timeline: _.push(timeline) },
    });
    const refund: RefundDoc = {
      _id: outRefundNo, outRefundNo, orderId: order._id, shopId: order.shopId, buyerOpenid: order.buyerOpenid, seq,
      amount: p.amount, lines: p.lines, deliveryFeeRefunded: p.deliveryFee, full: p.full, reason: input.reason,
      initiatedBy: input.actor, by: input.by, status: 'pending', refundId: null, failReason: null, attempts: 0,
      createdAt: input.now, updatedAt: input.now, finishedAt: null,
    };
    await tx.collection(COLLECTIONS.refunds).add({ data: { ...refund } });
    return { ok: true, order: { ...order, ...input.set, ...patch, updatedAt: input.now, timeline: [...order.timeline, ...timeline] }, refund };
  });
}

/**
 * Creates the refund and asks Cloud Pay for it. ok once the refund is committed: it is on its way
 * (pending), or — when Cloud Pay refused or could not be reached — recorded as failed with an alert for
 * the owner, and asked for again with the same outRefundNo by the timer (retryRefunds) or retryRefund.
 * Either way the money is promised and will not be planned twice; callers never start it again.
 */
export async function startRefund(db: Database, input: StartRefundInput): Promise<Result<RefundStarted>> {
  const started = await commit(db, input);
  if (!started.ok) return started.failure;
  const { order, refund } = started;
  const requested = await requestRefund(db, order, refund, input.now);
  const status = requested.ok ? requested.status ?? order.status : order.status;
  return ok({ orderId: order._id, outRefundNo: refund.outRefundNo, amount: refund.amount, full: refund.full, status });
}
