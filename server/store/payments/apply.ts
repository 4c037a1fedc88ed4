// Applying a payment WeChat Pay confirmed (verify.ts) to its order — the one place an order becomes
// paid, whoever found out first: the pay notify, the buyer's "I have paid" (confirmPaid), the timer's
// reconciliation or an expiry whose close lost the race (docs/wechat-contracts.md §7.1–7.2).
//
// ONE compare-and-set moves the order unpaid → paid (+ auto-accept / virtual delivery) and records, in
// the same write, the payment (`paidWith`) and every effect it owes: the held units → sold, the payment
// document, grants, entitlements, the messages (effects.ts). Then the effects run. Ten deliveries make
// one transition; a delivery that crashed (or whose write failed) after the compare-and-set is finished
// by the next one, the buyer's next request or the sweeper — a payment can never be half applied.
import { COLLECTIONS } from '../../../core/collections';
import type { OrderDoc, PaymentSource, ShopDoc } from '../../../core/model';
import type { Database } from '../../wechat/sdk';
import { updatedCount } from '../db';
import { settleOwed } from '../effects';
import { paidEffects } from '../owed';
import { loadOrder } from '../orders';
import { loadShop } from '../shops';
import { paidOrder, secondPayment } from './after-paid';
import { paidUpdate } from './paid-steps';
import { paidAtOf } from './records';
import { applyLatePayment } from './late';
import type { ApplyResult } from './types';
import type { VerifiedPayment } from './verify';

export type { ApplyResult, ApplyVerdict } from './types';

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
    if (result) return settled(db, result, now, theShop);
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
  const owed = paidEffects(order);
  const paidWith = { ...payment, source, outcome: 'applied' as const };
  const res = await db.collection(COLLECTIONS.orders).where({ _id: order._id, status: 'unpaid' }).update({
    data: {
      ...u.set,
      ...(u.fulfilment ? { fulfilment: _.set(u.fulfilment) } : {}),
      status: u.to,
      updatedAt: now,
      timeline: _.push(u.entries),
      paidWith: _.set(paidWith),
      owed: _.push(owed),
    },
  });
  if (updatedCount(res) !== 1) return null;
  const paid = paidOrder({ ...order, paidWith, owed: [...(order.owed ?? []), ...owed] }, u, payment, paidAt, now);
  return { verdict: 'applied', order: paid };
}

/** Finish what the order owes (this delivery's effects, or those an earlier one left) and say how it ended. */
async function settled(db: Database, result: ApplyResult, now: number, shop: ShopDoc): Promise<ApplyResult> {
  if ((result.order.owed ?? []).length === 0) return result;
  const order = await settleOwed(db, result.order, now, shop);
  if (result.verdict !== 'late_claimed') return { ...result, order };
  if (order.status === 'cancelled') return { verdict: 'transient', order, detail: 'late payment not settled yet' };
  return { verdict: order.paidWith?.outcome === 'late_refunded' ? 'late_refunded' : 'late_reserved', order };
}

/** The order moved on from unpaid before: a duplicate of the payment that did it, or a second payment. */
async function alreadySettled(
  db: Database, order: OrderDoc, payment: VerifiedPayment, source: PaymentSource, now: number,
): Promise<ApplyResult> {
  if (order.payment?.transactionId === payment.transactionId) {
    // The payment that made it paid, again: `settled` finishes whatever its first delivery left owing.
    return { verdict: 'duplicate', order };
  }
  return secondPayment(db, order, payment, source, now);
}
