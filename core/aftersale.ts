// After-sale requests (申请退款/售后, docs/product.md §3 refunds): a buyer asks for money back on a paid
// order; the owner approves — the refund is then an ordinary owner refund (core/refund.ts planRefund,
// server/store/refunds/start.ts) — or declines with a reason. The rules, pure:
// - only on an order whose money was received and can still be refunded (REFUNDABLE_STATUSES);
// - never above what is still refundable (paid − refunded − pending);
// - nothing while a refund is running (refundPendingFen > 0): the amount left is not settled yet;
// - one open request per order (the unique openKey of after_sales, core/model.ts AfterSaleDoc).
import { fail, ok, type Result } from './errors';
import type { Fen } from './money';
import type { AfterSaleDoc, OrderDoc } from './model';
import { REFUNDABLE_STATUSES } from './order-state';
import { planRefund, refundableAmount, type RefundRequest } from './refund';

/** An open request the owner has not answered for this long is escalated to an alert. */
export const AFTER_SALE_ANSWER_MS = 48 * 60 * 60 * 1000;

export type AfterSaleAsk = RefundRequest;

/** What the buyer may ask back now: the amount the refund would be, or why not. */
export function checkAfterSale(order: OrderDoc, ask: AfterSaleAsk): Result<{ amount: Fen }> {
  if (!REFUNDABLE_STATUSES.includes(order.status)) return fail('INVALID_TRANSITION', { from: order.status, to: 'refunding', actor: 'buyer' });
  if (order.refundPendingFen > 0) return fail('REFUND_RUNNING', { pending: order.refundPendingFen });
  if (refundableAmount(order) === 0) return fail('NOTHING_TO_REFUND');
  // The owner would refund it: the same plan checks lines, units and the amount against what is left.
  const planned = planRefund(order, ask, 'owner');
  if (!planned.ok) return planned;
  return ok({ amount: planned.data.amount });
}

/** The request as the refund the owner's approval starts. */
export function refundRequestOf(a: Pick<AfterSaleDoc, 'mode' | 'lines' | 'amount'>): RefundRequest {
  if (a.mode === 'lines') return { mode: 'lines', lines: a.lines };
  if (a.mode === 'amount') return { mode: 'amount', amount: a.amount };
  return { mode: 'full' };
}

/** Whether the buyer's 申请售后 button shows: the same rules, without an ask. */
export function afterSaleAllowed(order: Pick<OrderDoc, 'status' | 'paidFen' | 'refundedFen' | 'refundPendingFen'>, open: boolean): boolean {
  return !open && REFUNDABLE_STATUSES.includes(order.status) && order.refundPendingFen === 0 && refundableAmount(order) > 0;
}
