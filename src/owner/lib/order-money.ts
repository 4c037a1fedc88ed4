// What an owner action on an order will cost, shown BEFORE the owner confirms (docs/product.md
// §3). The amounts come from core/refund.ts — the same
// planSoldOut / planRefund the server runs — applied to the order view, so the preview and the refund
// the server starts are the same number.
import type { OrderDetailView } from '../../../core/contracts/views';
import { addFen, fen, sumFen, type Fen } from '../../../core/money';
import { planRefund, planSoldOut, refundableAmount, type RefundableOrder } from '../../../core/refund';

/**
 * The view carries everything planRefund reads except two bookkeeping fields: the delivery fee already
 * committed to refunds is what the committed refunds hold beyond the lines (refund.ts commits both when
 * a refund starts), and the refund count only limits how many refunds may start (the server checks it).
 */
export function refundableOrder(o: OrderDetailView): RefundableOrder {
  const committed = addFen(o.refundedFen, o.refundPendingFen);
  const onLines = sumFen(o.lines.map((l) => l.refundedFen));
  return {
    status: o.status,
    // Refund planning never reads the file; the view does not carry its location (views.ts OrderLineView).
    lines: o.lines.map((l) => ({ ...l, digital: null })),
    deliveryFee: o.deliveryFee,
    paidFen: o.paidFen,
    refundedFen: o.refundedFen,
    refundPendingFen: o.refundPendingFen,
    deliveryRefundedFen: fen(Math.max(0, committed - onLines)),
    refundCount: 0,
  };
}

/** The refund that marking these lines sold out starts, or null when nothing would be refunded. */
export function soldOutRefund(o: OrderDetailView, lineNos: readonly number[]): { amount: Fen; full: boolean } | null {
  if (lineNos.length === 0) return null;
  const plan = planSoldOut(refundableOrder(o), lineNos);
  return plan.ok ? { amount: plan.data.amount, full: plan.data.full } : null;
}

/** Lines the owner can still mark sold out: not yet marked, with units not yet refunded. */
export function soldOutCandidates(o: OrderDetailView) {
  return o.lines.filter((l) => !l.soldOut && l.refundedQuantity < l.quantity);
}

/** Everything still refundable (a reject or a full refund returns this). */
export function refundableNow(o: OrderDetailView): Fen {
  return refundableAmount(o);
}

/** Whether an amount refund of `amount` fen is possible now. */
export function amountRefundAllowed(o: OrderDetailView, amount: Fen): boolean {
  return planRefund(refundableOrder(o), { mode: 'amount', amount }, 'owner').ok;
}
