// The effects an order change owes (model.ts OrderEffect), completed after the change that recorded
// them. The change and its list are ONE write (the status compare-and-set, or a transaction), so a
// crash or a failed write anywhere after it leaves the list on the order; whoever touches the order
// next — WeChat's retried notify, the buyer's next request, an owner action, the sweeper's repair —
// runs `settleOwed` and finishes the job. Every effect is idempotent:
//   release_stock / sell_stock  guarded by the order's holds on its products (stock.ts)
//   free_slot                   removes the buyer's unpaid-order slot of this order (unpaid-slots.ts)
//   settle_late                 a transaction that is a no-op once the order left `cancelled`
//   record_payment / grant / entitle / alert_late   insert-once by a deterministic `_id`
//   count_paid                  the owner's figures, guarded by a marker per order (counters.ts)
//   release_coupon / use_coupon guarded updates on the buyer's coupon naming this order (coupons.ts)
//   tell_paid                   subscribe messages: at least once (a crash before the list is cleared
//                               may send a message twice; never a money or stock effect)
// A line with money committed to a refund gets no grant and no entitlement, so a notify that comes
// back after the owner refunded can never hand out what was paid back (docs/architecture.md §3.3).
import { COLLECTIONS } from '../../core/collections';
import type { OrderDoc, OrderEffect, ShopDoc } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { createEntitlements } from './entitlements';
import { grantForPaidOrder } from './grants';
import { loadShop } from './shops';
import { raiseAlert } from './alerts';
import { loadOrder } from './orders';
import { tellPeople } from './payments/after-paid';
import { recordPayment } from './payments/records';
import { settleLatePayment } from './payments/late';
import { releaseStock, sellReserved } from './stock';
import { countPaid } from './counters';
import { refundFollowups } from './refunds/followups';
import { freeUnpaidSlot } from './unpaid-slots';
import { releaseCoupon, useCoupon } from './coupons';

/** The order they run in: stock first (what other buyers see), then the records, then the messages. */
const RUN_ORDER: readonly OrderEffect[] = [
  'settle_late', 'free_slot', 'release_stock', 'sell_stock', 'release_coupon', 'use_coupon', 'record_payment', 'count_paid', 'grant', 'entitle', 'refund_followups', 'alert_late', 'tell_paid',
];

/** Lines nothing was refunded on: the only ones that may still be granted or entitled. */
export function unrefundedLines(order: OrderDoc): OrderDoc {
  return { ...order, lines: order.lines.filter((l) => l.refundedQuantity === 0 && l.refundedFen === 0) };
}

/**
 * Complete what `order` owes and clear the list; the order as it is afterwards. Throws on a failed
 * write (the list stays, the next caller finishes). `order` may be stale: effects are idempotent.
 */
export async function settleOwed(db: Database, order: OrderDoc, now: number, shop?: ShopDoc | null): Promise<OrderDoc> {
  let current = order;
  if ((current.owed ?? []).includes('settle_late')) {
    await settleLatePayment(db, current, shop ?? (await loadShop(db, current.shopId)), now);
    current = (await loadOrder(db, order._id)) ?? current;
  }
  const owed = current.owed ?? [];
  if (owed.length === 0) return current;
  for (const effect of RUN_ORDER) {
    if (effect !== 'settle_late' && owed.includes(effect)) await run(db, effect, current, now, shop);
  }
  const _ = db.command;
  await db.collection(COLLECTIONS.orders).where({ _id: current._id }).update({ data: { owed: _.pullAll([...owed]) } });
  return { ...current, owed: [] };
}

async function run(db: Database, effect: OrderEffect, order: OrderDoc, now: number, shop?: ShopDoc | null): Promise<void> {
  switch (effect) {
    case 'free_slot':
      return freeUnpaidSlot(db, order);
    case 'release_stock':
      return releaseStock(db, order._id, order.lines);
    case 'sell_stock':
      return sellReserved(db, order._id, order.lines);
    case 'record_payment':
      if (order.paidWith) {
        const p = order.paidWith;
        await recordPayment(db, { payment: p, orderId: order._id, shopId: order.shopId, source: p.source, outcome: p.outcome, now });
      }
      return;
    case 'count_paid':
      return countPaid(db, order, now);
    case 'grant':
      return grantForPaidOrder(db, unrefundedLines(order), order.paidAt ?? now);
    case 'entitle':
      return createEntitlements(db, unrefundedLines(order), order.paidAt ?? now);
    case 'alert_late':
      return alertLate(db, order, now);
    case 'tell_paid': {
      const theShop = shop ?? (await loadShop(db, order.shopId));
      if (theShop) await tellPeople(db, theShop, order, now);
      return;
    }
    case 'refund_followups':
      return refundFollowups(db, order, now);
    case 'release_coupon':
      return releaseCoupon(db, order.couponId, order._id);
    case 'use_coupon':
      return useCoupon(db, order, now);
    case 'settle_late':
      return;
  }
}

async function alertLate(db: Database, order: OrderDoc, now: number): Promise<void> {
  const outcome = order.paidWith?.outcome;
  if (outcome === 'late_reserved') {
    await raiseAlert(db, {
      shopId: order.shopId, kind: 'late_payment_reserved', subject: order._id, orderId: order._id, at: now,
      message: `订单 ${order._id} 取消后收到支付，已重新占用库存并转为已支付`,
    });
  } else if (outcome === 'late_refunded') {
    await raiseAlert(db, {
      shopId: order.shopId, kind: 'late_payment_refunded', subject: order._id, orderId: order._id, at: now,
      message: `订单 ${order._id} 取消后收到支付，库存不足，已自动全额退款`,
    });
  }
}
