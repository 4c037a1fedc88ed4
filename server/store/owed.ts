// Which effects an order change owes (model.ts OrderEffect), in one place for every change that makes an
// order paid or takes it out of unpaid: the notify, a late payment, the owner's pay-on-pickup handover,
// a cancel or an expiry. A leaf: effects.ts runs them; the changes record them.
import type { OrderDoc, OrderEffect } from '../../core/model';

/** What the order's lines deliver once paid: memberships and download rights. */
export function deliveryEffects(order: Pick<OrderDoc, 'lines'>): OrderEffect[] {
  const owed: OrderEffect[] = [];
  if (order.lines.some((l) => l.kind === 'membership')) owed.push('grant');
  if (order.lines.some((l) => l.kind === 'digital')) owed.push('entitle');
  return owed;
}

/** Paid through WeChat Pay: its slot freed, the held units sold, the payment recorded and counted, the deliveries, the messages. */
export function paidEffects(order: Pick<OrderDoc, 'lines'>): OrderEffect[] {
  return ['free_slot', 'sell_stock', 'record_payment', 'count_paid', ...deliveryEffects(order), 'tell_paid'];
}

/** Cancelled or expired while unpaid: the held units and the buyer's slot go back. */
export const CANCEL_EFFECTS: readonly OrderEffect[] = ['free_slot', 'release_stock'];

/** `more` added to what the order already owes, each once. */
export function owedWith(order: Pick<OrderDoc, 'owed'>, more: readonly OrderEffect[]): OrderEffect[] {
  const owed = [...(order.owed ?? [])];
  for (const e of more) if (!owed.includes(e)) owed.push(e);
  return owed;
}
