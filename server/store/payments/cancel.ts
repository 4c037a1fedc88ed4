// Cancelling an unpaid order — the buyer's cancel and the timer's expiry. Cloud Pay is closed FIRST
// (docs/wechat-contracts.md §3.4 closeOrder): once it answers, no payment can land any more, so releasing the stock is safe. A
// close that finds the order paid means the buyer's payment beat it: that payment is applied instead
// (docs/decisions.md §D5). The status change is a compare-and-set;
// it records the owed release of the order's holds in the same write, and the holds make the release
// happen once whoever runs it (effects.ts, stock.ts).
import type { OrderDoc, TimelineEvent } from '../../../core/model';
import type { Actor } from '../../../core/order-state';
import type { Database } from '../../wechat/sdk';
import { loadOrder, transitionOrder } from '../orders';
import { settleOwed } from '../effects';
import { CANCEL_EFFECTS, owedWith } from '../owed';
import { channelOf } from '../../wechat/pay-channel';
import { applyPayment, type ApplyResult } from './apply';
import { verifyPayment } from './verify';

export interface CancelRequest {
  actor: Actor;
  by: string | null;
  event: Extract<TimelineEvent, 'cancelled' | 'expired'>;
  reason: string;
  now: number;
}

export type CancelOutcome =
  | { kind: 'cancelled'; order: OrderDoc }
  /** The payment beat the close and was applied. */
  | { kind: 'paid'; applied: ApplyResult }
  /** Cloud Pay could not be reached, or answered something unexpected: nothing changed, try later. */
  | { kind: 'transient'; detail: string }
  /** Someone else changed the order first (it is no longer unpaid). */
  | { kind: 'conflict'; order: OrderDoc | null };

export async function closeAndCancel(db: Database, order: OrderDoc, req: CancelRequest): Promise<CancelOutcome> {
  if (order.payment) {
    const closed = await channelOf(order.payment).close(order.payment.subMchId, order.outTradeNo);
    if (!closed.ok) return { kind: 'transient', detail: `closeOrder: ${closed.message}` };
    if (closed.data === 'paid') {
      const verified = await verifyPayment(order, order.outTradeNo);
      if (!verified.ok) return { kind: 'transient', detail: `paid at close, but queryOrder: ${verified.detail}` };
      return { kind: 'paid', applied: await applyPayment(db, order, verified.payment, 'query', req.now) };
    }
  }
  const newlyOwed = CANCEL_EFFECTS.filter((e) => !(order.owed ?? []).includes(e));
  const moved = await transitionOrder(db, order, {
    to: 'cancelled', actor: req.actor, by: req.by, event: req.event, now: req.now, note: req.reason,
    set: { cancelReason: req.reason, cancelledAt: req.now, stockState: 'released', owed: db.command.push(newlyOwed) },
  });
  if (!moved.ok) return { kind: 'conflict', order: await loadOrder(db, order._id) };
  const cancelled: OrderDoc = {
    ...order, status: 'cancelled', cancelReason: req.reason, cancelledAt: req.now, stockState: 'released', updatedAt: req.now,
    owed: owedWith(order, CANCEL_EFFECTS),
  };
  return { kind: 'cancelled', order: await settleOwed(db, cancelled, req.now) };
}
