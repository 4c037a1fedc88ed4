// Reading an order for a use case: the order as it stands once what it owes is done. Whoever touches
// an order next finishes a change a crash left half done (effects.ts), so an owner's refund or a buyer's
// cancel never acts on an order whose payment is only half applied.
import { fail, ok, type Result } from '../../core/errors';
import type { OrderDoc } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { settleOwed } from './effects';
import { loadOrder } from './orders';

export async function settledOrder(db: Database, orderId: string, now: number): Promise<OrderDoc | null> {
  const order = await loadOrder(db, orderId);
  if (!order || (order.owed ?? []).length === 0) return order;
  return settleOwed(db, order, now);
}

/** A buyer sees only their own orders: someone else's order reads as ORDER_NOT_FOUND. */
export async function buyerOrder(db: Database, orderId: string, openid: string, now = Date.now()): Promise<Result<OrderDoc>> {
  const order = await loadOrder(db, orderId);
  if (!order || order.buyerOpenid !== openid) return fail('ORDER_NOT_FOUND');
  return ok((order.owed ?? []).length === 0 ? order : await settleOwed(db, order, now));
}
