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
export function paidEffects(order: Pick<OrderDoc, 'lines' | 'couponId'>): OrderEffect[] {
  return ['free_slot', 'sell_stock', ...couponUsed(order), 'record_payment', 'count_paid', ...deliveryEffects(order), 'tell_paid'];
}

/** The buyer's coupon, if the order used one, is used once paid (store/coupons.ts useCoupon). */
export function couponUsed(order: Pick<OrderDoc, 'couponId'>): OrderEffect[] {
  return order.couponId ? ['use_coupon'] : [];
}

/** Cancelled or expired while unpaid: the held units, the buyer's slot and coupon go back (release_coupon is a no-op without one). */
export const CANCEL_EFFECTS: readonly OrderEffect[] = ['free_slot', 'release_stock', 'release_coupon'];

/** `more` added to what the order already owes, each once. */
export function owedWith(order: Pick<OrderDoc, 'owed'>, more: readonly OrderEffect[]): OrderEffect[] {
  const owed = [...(order.owed ?? [])];
  for (const e of more) if (!owed.includes(e)) owed.push(e);
  return owed;
}
