// orders.requestAfterSale (申请退款/售后, docs/product.md §3): the buyer asks for money back on a paid
// order. Checked on the order as it is inside the transaction that writes the request and its timeline
// entry, so the rules of core/aftersale.ts hold whatever races: never above what is still refundable,
// nothing while a refund is running, one open request per order (the unique openKey).
import { checkAfterSale } from '../../core/aftersale';
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import { buyerFileAllowed } from '../../core/contracts/storage';
import type { AfterSaleResult } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import type { AfterSaleDoc, OrderDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import { afterSaleEntry, requestNote } from '../store/aftersales';
import { inTransaction, isDuplicateKey, txGet } from '../store/db';
import { buyerOrder } from '../store/read';
import { sdk } from '../wechat/sdk';

function envId(): string {
  return String((sdk().getWXContext() as { ENV?: unknown }).ENV ?? '');
}

type Written = { ok: true; doc: AfterSaleDoc } | { ok: false; failure: Result<never> };

export async function requestAfterSale(p: Payload<'orders', 'requestAfterSale'>, ctx: OperationContext): Promise<Result<AfterSaleResult>> {
  const found = await buyerOrder(ctx.db, p.orderId, ctx.openid, ctx.now);
  if (!found.ok) return found;
  const env = envId();
  const badPhoto = p.photos.findIndex((f) => !buyerFileAllowed(f, env));
  if (badPhoto >= 0) return fail('FILE_NOT_YOURS', { path: `photos.${badPhoto}` });
  const ask = p.mode === 'lines' ? { mode: p.mode, lines: p.lines } : p.mode === 'amount' ? { mode: p.mode, amount: p.amount } : { mode: p.mode };
  // Checked once outside, so a refused request writes nothing (not even a transaction).
  const precheck = checkAfterSale(found.data, ask as Parameters<typeof checkAfterSale>[1]);
  if (!precheck.ok) return precheck;
  const _ = ctx.db.command;
  const count = (await ctx.db.collection(COLLECTIONS.afterSales).where({ orderId: p.orderId }).count()) as { total?: number };
  const afterSaleId = `${p.orderId}-A${(count.total ?? 0) + 1}`;
  try {
    const written = await inTransaction(ctx.db, async (tx): Promise<Written> => {
      const order = await txGet<OrderDoc>(tx, COLLECTIONS.orders, p.orderId);
      if (!order || order.buyerOpenid !== ctx.openid) return { ok: false, failure: fail('ORDER_NOT_FOUND') };
      const checked = checkAfterSale(order, ask as Parameters<typeof checkAfterSale>[1]);
      if (!checked.ok) return { ok: false, failure: checked };
      const doc: AfterSaleDoc = {
        _id: afterSaleId, openKey: order._id, orderId: order._id, shopId: order.shopId, buyerOpenid: ctx.openid, status: 'open',
        reason: p.reason, mode: p.mode, lines: p.mode === 'lines' ? p.lines : [], amount: checked.data.amount, photos: p.photos,
        declineReason: null, refundSeq: null, escalatedAt: null, createdAt: ctx.now, updatedAt: ctx.now, decidedAt: null,
      };
      await tx.collection(COLLECTIONS.afterSales).add({ data: { ...doc } });
      await tx.collection(COLLECTIONS.orders).doc(order._id).update({
        data: { updatedAt: ctx.now, timeline: _.push([afterSaleEntry('aftersale_requested', 'buyer', ctx.openid, ctx.now, requestNote(doc))]) },
      });
      return { ok: true, doc };
    });
    if (!written.ok) return written.failure;
    return ok({ orderId: p.orderId, afterSaleId, status: 'open', amount: written.doc.amount });
  } catch (err) {
    // Another request is open (or a double tap wrote this one): one open request per order.
    if (isDuplicateKey(err)) return fail('AFTERSALE_OPEN');
    throw err;
  }
}
