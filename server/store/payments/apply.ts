// Applying a payment WeChat Pay confirmed (verify.ts) to its order — the one place an order becomes
// paid, whoever found out first: the pay notify, the buyer's "I have paid" (confirmPaid), the timer's
// reconciliation or an expiry whose close lost the race (WECHAT-CONTRACTS §7.1–7.2). Idempotent: the
// status change is a compare-and-set, so ten deliveries make one transition, one payment record, one
// grant; a payment for a cancelled order is never lost (late.ts).
//
// Order of writes for a normal payment (payNotify's round trips, budget ≤ 8):
//   1 the compare-and-set unpaid → paid (+ auto-accept / virtual delivery in the same write)
//   n reserved → sold, one per limited product
//   · grants and entitlements when the order has such lines (C's idempotent writers)
//   1 the payment record — last, so its presence means every step before it was done
// A duplicate that finds the order paid but no payment record re-runs the idempotent steps.
import type { OrderDoc, PaymentSource, ShopDoc } from '../../../core/model';
import type { Database } from '../../wechat/sdk';
import { updatedCount } from '../db';
import { loadOrder } from '../orders';
import { loadShop } from '../../shops/access';
import { sellReserved } from '../../checkout/stock';
import { deliverPaidOrder, paidOrder, secondPayment, tellPeople } from './after-paid';
import { paidUpdate } from './paid-steps';
import { paidAtOf, paymentRecorded, recordPayment } from './records';
import { applyLatePayment } from './late';
import type { VerifiedPayment } from './verify';

export type ApplyVerdict = 'applied' | 'duplicate' | 'late_reserved' | 'late_refunded' | 'transient';

export interface ApplyResult {
  verdict: ApplyVerdict;
  /** The order as this call left it (or found it). */
  order: OrderDoc;
  detail?: string;
}

/** How often a lost compare-and-set re-reads the order and tries again (each retry sees a newer status). */
const MAX_ROUNDS = 3;

export async function applyPayment(
  db: Database, order: OrderDoc, payment: VerifiedPayment, source: PaymentSource, now: number, shop?: ShopDoc | null,
): Promise<ApplyResult> {
  let current: OrderDoc | null = order;
  const theShop = shop ?? (await loadShop(db, order.shopId));
  if (!theShop) throw new Error(`applyPayment: shop ${order.shopId} of order ${order._id} is missing`);
  for (let round = 0; round < MAX_ROUNDS && current; round += 1) {
    let result: ApplyResult | null;
    if (current.status === 'unpaid') result = await applyToUnpaid(db, current, theShop, payment, source, now);
    else if (current.status === 'cancelled') result = await applyLatePayment(db, current, theShop, payment, source, now);
    else result = await alreadySettled(db, current, payment, source, now);
    if (result) return result;
    current = await loadOrder(db, order._id); // lost a race: look again
  }
  return { verdict: 'transient', order: current ?? order, detail: 'order kept changing' };
}

/** null when another writer moved the order first. */
async function applyToUnpaid(
  db: Database, order: OrderDoc, shop: ShopDoc, payment: VerifiedPayment, source: PaymentSource, now: number,
): Promise<ApplyResult | null> {
  const _ = db.command;
  const paidAt = paidAtOf(payment, now);
  const u = paidUpdate(order, shop, payment, paidAt, now);
  const res = await db.collection('orders').where({ _id: order._id, status: 'unpaid' }).update({
    data: {
      ...u.set,
      ...(u.fulfilment ? { fulfilment: _.set(u.fulfilment) } : {}),
      status: u.to,
      updatedAt: now,
      timeline: _.push(u.entries),
    },
  });
  if (updatedCount(res) !== 1) return null;
  const paid = paidOrder(order, u, payment, paidAt, now);
  await sellReserved(db, paid.lines);
  await deliverPaidOrder(db, paid);
  await recordPayment(db, { payment, orderId: order._id, shopId: order.shopId, source, outcome: 'applied', now });
  await tellPeople(db, shop, paid, u.autoAccepted, u.virtualDelivered, now);
  return { verdict: 'applied', order: paid };
}

/** The order moved on from unpaid before: a duplicate of the payment that did it, or a second payment. */
async function alreadySettled(
  db: Database, order: OrderDoc, payment: VerifiedPayment, source: PaymentSource, now: number,
): Promise<ApplyResult> {
  if (order.payment?.transactionId === payment.transactionId) {
    // A delivery that stopped after the compare-and-set left no payment record: finish its idempotent steps.
    if (!(await paymentRecorded(db, payment.transactionId))) {
      await deliverPaidOrder(db, order);
      await recordPayment(db, { payment, orderId: order._id, shopId: order.shopId, source, outcome: 'applied', now });
    }
    return { verdict: 'duplicate', order };
  }
  return secondPayment(db, order, payment, source, now);
}
