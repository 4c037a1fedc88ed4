// orders.cancel (docs/product.md §12): the buyer cancels an unpaid order. Cloud Pay is closed first and
// only then is the stock released (payments/cancel.ts); if the buyer's payment beat the close, the
// order is paid instead and the cancel is refused with the new status.
import type { Payload } from '../../core/contracts/registry';
import type { StatusResult } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import type { OperationContext } from '../handler';
import { closeAndCancel } from '../store/payments/cancel';
import { buyerOrder } from '../store/read';

export const BUYER_CANCEL_REASON = '买家取消';

export async function cancelOrder(p: Payload<'orders', 'cancel'>, ctx: OperationContext): Promise<Result<StatusResult>> {
  const found = await buyerOrder(ctx.db, p.orderId, ctx.openid);
  if (!found.ok) return found;
  const order = found.data;
  if (order.status !== 'unpaid') return fail('INVALID_TRANSITION', { from: order.status, to: 'cancelled', actor: 'buyer' });
  const outcome = await closeAndCancel(ctx.db, order, {
    actor: 'buyer', by: ctx.openid, event: 'cancelled', reason: p.reason || BUYER_CANCEL_REASON, now: ctx.now,
  });
  switch (outcome.kind) {
    case 'cancelled':
      return ok({ orderId: order._id, status: 'cancelled' });
    case 'paid':
      return fail('INVALID_TRANSITION', { from: outcome.applied.order.status, to: 'cancelled', reason: 'the payment arrived first' });
    case 'conflict':
      return fail('INVALID_TRANSITION', { from: outcome.order?.status ?? null, to: 'cancelled', reason: 'changed concurrently' });
    case 'transient':
      return fail('INTERNAL_ERROR', { retryable: true, detail: outcome.detail });
  }
}
