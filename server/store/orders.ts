// Every status change of an order is a compare-and-set on its current status (docs/style.md §2):
// `where({_id, status: from}).update(...)` and `stats.updated === 1`, so a duplicate or late event can
// never move an order backwards or apply twice. The timeline records who did what and when.
import { COLLECTIONS } from '../../core/collections';
import { checkTransition, type Actor, type OrderStatus } from '../../core/order-state';
import { fail, ok, type Result } from '../../core/errors';
import type { OrderDoc, TimelineEntry, TimelineEvent } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { docOf, updatedCount } from './db';

export interface TransitionInput {
  to: OrderStatus;
  actor: Actor;
  /** The caller's openid for buyer/owner actions; null for system/payment. */
  by: string | null;
  event: TimelineEvent;
  now: number;
  note?: string | null;
  /** Other fields to set in the same atomic update (dot paths allowed). */
  set?: Record<string, unknown>;
}

export function timelineEntry(order: Pick<OrderDoc, 'status'>, input: TransitionInput): TimelineEntry {
  return {
    at: input.now,
    event: input.event,
    actor: input.actor,
    by: input.by,
    from: order.status,
    to: input.to,
    note: input.note ?? null,
  };
}

/**
 * Move `order` from its current status to `input.to` if the table allows `input.actor` to.
 * INVALID_TRANSITION when the table forbids it or when another writer moved the order first.
 */
export async function transitionOrder(db: Database, order: OrderDoc, input: TransitionInput): Promise<Result<OrderStatus>> {
  const allowed = checkTransition(order.status, input.to, input.actor);
  if (!allowed.ok) return allowed;
  const _ = db.command;
  const res = await db
    .collection(COLLECTIONS.orders)
    .where({ _id: order._id, status: order.status })
    .update({
      data: {
        ...input.set,
        status: input.to,
        updatedAt: input.now,
        timeline: _.push([timelineEntry(order, input)]),
      },
    });
  if (updatedCount(res) !== 1) {
    return fail('INVALID_TRANSITION', { from: order.status, to: input.to, reason: 'changed concurrently' });
  }
  return ok(input.to);
}

/** Append a timeline entry without a status change (e.g. fulfilment updated), guarded by the status. */
export async function recordOnTimeline(
  db: Database,
  order: OrderDoc,
  entry: Omit<TimelineEntry, 'from' | 'to'>,
  set: Record<string, unknown> = {},
): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(COLLECTIONS.orders)
    .where({ _id: order._id, status: order.status })
    .update({ data: { ...set, updatedAt: entry.at, timeline: _.push([{ ...entry, from: null, to: null }]) } });
  return updatedCount(res) === 1;
}

export async function loadOrder(db: Database, orderId: string): Promise<OrderDoc | null> {
  return docOf<OrderDoc>(await db.collection(COLLECTIONS.orders).doc(orderId).get());
}
