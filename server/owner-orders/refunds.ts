// The owner's refunds (docs/product.md §3): reject a paid order (a full refund), mark lines sold out (a
// refund of exactly those lines), refund by lines or by amount, retry a failed refund. The planning is
// core/refund.ts; the refund itself server/refunds/start.ts. More than is refundable → REFUND_EXCEEDS_PAID;
// a staff member's refund above the limit the owner set for them → STAFF_REFUND_LIMIT (core/roles.ts).
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { RefundStarted } from '../../core/contracts/views';
import { fail, type Result } from '../../core/errors';
import type { RefundDoc } from '../../core/model';
import { docOf } from '../store/db';
import type { OperationContext } from '../handler';
import { retryRefund as retry } from '../store/refunds/retry';
import { startRefund } from '../store/refunds/start';
import { accessibleShop } from '../store/shops';
import { ownedOrder, refundCap } from './access';

export async function rejectOrder(p: Payload<'shopAdmin', 'rejectOrder'>, ctx: OperationContext): Promise<Result<RefundStarted>> {
  const found = await ownedOrder(ctx, p.shopId, p.orderId, 'rejectOrder');
  if (!found.ok) return found;
  const { order, access } = found.data;
  // Rejecting is for an order not yet handed over; after fulfilment it is an after-sales refund.
  if (order.status !== 'paid' && order.status !== 'accepted') {
    return fail('INVALID_TRANSITION', { from: order.status, to: 'refunding', actor: 'owner' });
  }
  return startRefund(ctx.db, {
    order, full: true, reason: p.reason, actor: 'owner', by: ctx.openid, now: ctx.now, event: 'rejected', set: { rejectReason: p.reason },
    maxAmount: refundCap(access),
  });
}

export async function markSoldOut(p: Payload<'shopAdmin', 'markSoldOut'>, ctx: OperationContext): Promise<Result<RefundStarted>> {
  const found = await ownedOrder(ctx, p.shopId, p.orderId, 'markSoldOut');
  if (!found.ok) return found;
  const { order, access } = found.data;
  return startRefund(ctx.db, {
    order, soldOutLineNos: p.lineNos, reason: p.reason || '商品已售罄', actor: 'owner', by: ctx.openid, now: ctx.now, event: 'lines_sold_out',
    maxAmount: refundCap(access),
  });
}

export async function refundOrder(p: Payload<'shopAdmin', 'refundOrder'>, ctx: OperationContext): Promise<Result<RefundStarted>> {
  const found = await ownedOrder(ctx, p.shopId, p.orderId, 'refundOrder');
  if (!found.ok) return found;
  const { order, access } = found.data;
  const base = { order, reason: p.reason, actor: 'owner' as const, by: ctx.openid, now: ctx.now, maxAmount: refundCap(access) };
  if (p.mode === 'lines') return startRefund(ctx.db, { ...base, lines: p.lines });
  if (p.mode === 'amount') return startRefund(ctx.db, { ...base, amount: p.amount });
  return startRefund(ctx.db, { ...base, full: true });
}

export async function retryRefund(p: Payload<'shopAdmin', 'retryRefund'>, ctx: OperationContext): Promise<Result<RefundStarted>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'retryRefund');
  if (!shop.ok) return shop;
  const refund = docOf<RefundDoc>(await ctx.db.collection(COLLECTIONS.refunds).doc(p.outRefundNo).get());
  if (!refund || refund.shopId !== p.shopId) return fail('REFUND_NOT_FOUND');
  return retry(ctx.db, refund, ctx.now);
}
