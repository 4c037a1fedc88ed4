// What becoming paid means for an order, as ONE compare-and-set update: unpaid (or cancelled, for a
// late payment) → paid, then, in the same write, the steps the server takes by itself — automatic
// acceptance when the shop says so, and for virtual-only orders acceptance and delivery (order-state.ts:
// "system may accept, fulfil (kind virtual) … them"). One write keeps payNotify within its round-trip
// budget and means there is no half-applied state to recover from.
import { completeDueAt } from '../../../core/checkout';
import { checkTransition, type Actor, type OrderStatus } from '../../../core/order-state';
import type { Fulfilment, OrderDoc, ShopDoc, TimelineEntry, TimelineEvent } from '../../../core/model';
import type { VerifiedPayment } from './verify';

export interface PaidUpdate {
  to: OrderStatus;
  /** The fields to set besides status/timeline (dot paths). */
  set: Record<string, unknown>;
  /** Replaces `fulfilment` (null until now): the caller wraps it in `_.set`, since update() merges objects (docs/wechat-contracts.md §2.5). */
  fulfilment: Fulfilment | null;
  entries: TimelineEntry[];
  autoAccepted: boolean;
  virtualDelivered: boolean;
}

/** Only virtual goods: nothing to hand over, the server delivers at once. */
export function isVirtualOnly(order: Pick<OrderDoc, 'hasPhysical' | 'hasVirtual'>): boolean {
  return order.hasVirtual && !order.hasPhysical;
}

export function paidUpdate(
  order: OrderDoc, shop: Pick<ShopDoc, 'settings'>, payment: VerifiedPayment, paidAt: number, now: number,
  firstEvent: TimelineEvent = 'paid',
): PaidUpdate {
  const entries: TimelineEntry[] = [];
  let status = order.status;
  const step = (to: OrderStatus, actor: Actor, event: TimelineEvent, note: string | null = null) => {
    const allowed = checkTransition(status, to, actor);
    if (!allowed.ok) throw new Error(`paidUpdate: ${status} → ${to} by ${actor} is not in the table`);
    entries.push({ at: now, event, actor, by: null, from: status, to, note });
    status = to;
  };
  step('paid', 'payment', firstEvent, `微信支付 ${payment.transactionId}`);
  const virtualDelivered = isVirtualOnly(order);
  const autoAccepted = virtualDelivered || shop.settings.acceptMode === 'auto';
  const set: Record<string, unknown> = {
    paidAt,
    paidFen: payment.totalFee,
    stockState: 'sold',
    outTradeNo: payment.outTradeNo,
    'payment.transactionId': payment.transactionId,
    'payment.lastQueriedAt': now,
  };
  if (autoAccepted) {
    step('accepted', 'system', 'accepted', virtualDelivered ? '虚拟商品自动接单' : '店铺设置为自动接单');
    set.acceptedAt = now;
  }
  if (virtualDelivered) {
    step('fulfilled', 'system', 'fulfilled', '虚拟商品已发放');
    set.fulfilledAt = now;
    set.completeDueAt = completeDueAt(now, shop.settings);
  }
  const fulfilment: Fulfilment | null = virtualDelivered
    ? { kind: 'virtual', at: now, carrier: null, trackingNo: null, note: '', shippingUploaded: false }
    : null;
  return { to: status, set, fulfilment, entries, autoAccepted, virtualDelivered };
}
