// orders.confirmReceipt (docs/product.md §12): the buyer confirms a fulfilled order → completed.
import type { Payload } from '../../core/contracts/registry';
import type { StatusResult } from '../../core/contracts/views';
import { ok, type Result } from '../../core/errors';
import type { OperationContext } from '../handler';
import { transitionOrder } from '../store/orders';
import { buyerOrder } from '../store/read';

export async function confirmReceipt(p: Payload<'orders', 'confirmReceipt'>, ctx: OperationContext): Promise<Result<StatusResult>> {
  const found = await buyerOrder(ctx.db, p.orderId, ctx.openid);
  if (!found.ok) return found;
  const moved = await transitionOrder(ctx.db, found.data, {
    to: 'completed', actor: 'buyer', by: ctx.openid, event: 'completed', now: ctx.now, note: '买家确认收货',
    set: { completedAt: ctx.now },
  });
  if (!moved.ok) return moved;
  return ok({ orderId: p.orderId, status: 'completed' });
}
