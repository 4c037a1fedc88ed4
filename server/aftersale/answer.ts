// shopAdmin.approveAfterSale / declineAfterSale: the owner answers a buyer's request. Approving starts
// the refund it asked for through the one refund path (store/refunds/start.ts, so the order's money
// changes only there); declining closes the request with the owner's reason on the order's timeline.
import { refundRequestOf } from '../../core/aftersale';
import { planRefund } from '../../core/refund';
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { AfterSaleResult } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import type { AfterSaleDoc, OrderDoc, ShopDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import { afterSaleEntry, finishApproval, loadAfterSale } from '../store/aftersales';
import { inTransaction, txGet, updatedCount } from '../store/db';
import { loadOrder } from '../store/orders';
import { accessibleShop } from '../store/shops';

async function ownedRequest(
  ctx: OperationContext, shopId: string, orderId: string, afterSaleId: string, operation: 'approveAfterSale' | 'declineAfterSale',
): Promise<Result<{ shop: ShopDoc; a: AfterSaleDoc; order: OrderDoc }>> {
  const shop = await accessibleShop(ctx.db, shopId, ctx.openid, operation);
  if (!shop.ok) return shop;
  const [a, order] = await Promise.all([loadAfterSale(ctx.db, afterSaleId), loadOrder(ctx.db, orderId)]);
  if (!order || order.shopId !== shopId) return fail('ORDER_NOT_FOUND');
  if (!a || a.orderId !== orderId) return fail('AFTERSALE_NOT_FOUND');
  return ok({ shop: shop.data, a, order });
}

export async function approveAfterSale(p: Payload<'shopAdmin', 'approveAfterSale'>, ctx: OperationContext): Promise<Result<AfterSaleResult>> {
  const found = await ownedRequest(ctx, p.shopId, p.orderId, p.afterSaleId, 'approveAfterSale');
  if (!found.ok) return found;
  const { a, order } = found.data;
  const done = (status: AfterSaleDoc['status']) => ok({ orderId: a.orderId, afterSaleId: a._id, status, amount: a.amount });
  if (a.status === 'declined') return fail('AFTERSALE_NOT_FOUND', { status: a.status });
  if (a.status === 'open') {
    // What was asked must still be refundable now (the owner may have refunded meanwhile): else nothing is written.
    const checked = planRefund(order, refundRequestOf(a), 'owner');
    if (!checked.ok) return checked;
    const res = await ctx.db.collection(COLLECTIONS.afterSales).where({ _id: a._id, status: 'open' }).update({
      data: { status: 'approved', openKey: a._id, refundSeq: order.refundCount + 1, decidedAt: ctx.now, updatedAt: ctx.now },
    });
    if (updatedCount(res) !== 1) return fail('AFTERSALE_NOT_FOUND', { reason: 'answered concurrently' });
  }
  // Approved (now or by an earlier tap that crashed): start its refund if it has not started.
  const fresh = await loadAfterSale(ctx.db, a._id);
  if (!fresh) return fail('AFTERSALE_NOT_FOUND');
  const started = await finishApproval(ctx.db, fresh, ctx.openid, ctx.now);
  if (!started.ok) return started;
  return done('approved');
}

export async function declineAfterSale(p: Payload<'shopAdmin', 'declineAfterSale'>, ctx: OperationContext): Promise<Result<AfterSaleResult>> {
  const found = await ownedRequest(ctx, p.shopId, p.orderId, p.afterSaleId, 'declineAfterSale');
  if (!found.ok) return found;
  const { a } = found.data;
  if (a.status !== 'open') return fail('AFTERSALE_NOT_FOUND', { status: a.status });
  const _ = ctx.db.command;
  const declined = await inTransaction(ctx.db, async (tx) => {
    const now = await txGet<AfterSaleDoc>(tx, COLLECTIONS.afterSales, a._id);
    if (!now || now.status !== 'open') return false;
    await tx.collection(COLLECTIONS.afterSales).doc(a._id).update({
      data: { status: 'declined', openKey: a._id, declineReason: p.reason, decidedAt: ctx.now, updatedAt: ctx.now },
    });
    await tx.collection(COLLECTIONS.orders).doc(a.orderId).update({
      data: { updatedAt: ctx.now, timeline: _.push([afterSaleEntry('aftersale_declined', 'owner', ctx.openid, ctx.now, p.reason)]) },
    });
    return true;
  });
  if (!declined) return fail('AFTERSALE_NOT_FOUND', { reason: 'answered concurrently' });
  return ok({ orderId: a.orderId, afterSaleId: a._id, status: 'declined', amount: a.amount });
}
