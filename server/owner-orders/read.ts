// The owner's inbox (by status, newest first, paged) and an order's detail with its timeline, each entry
// naming who did it (店长 or the staff member's name, resolved here so a renamed person shows the new name).
// Inbox: two round trips (the shop, one indexed query on shop_status_created).
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { OrderDetailView, OrderSummaryView, Page } from '../../core/contracts/views';
import { ok, type Result } from '../../core/errors';
import type { EntitlementDoc, OrderDoc, ProductDoc, RefundDoc } from '../../core/model';
import { WAITING_STATUSES } from '../../core/order-state';
import { orderDetailView, orderSummaryView, pageOf } from '../../core/present';
import { docsOf } from '../store/db';
import type { OperationContext } from '../handler';
import { accessibleShop } from '../store/shops';
import { latestAfterSale } from '../store/aftersales';
import { buyerIdentities } from '../store/buyers';
import { buyerName } from '../../core/buyers';
import { ownedOrder } from './access';
import { actorNames, shopStaff } from '../store/staff';

/** The inbox never needs the timeline: a smaller reply (1 MB limit, docs/wechat-contracts.md §6). The delivery names the buyer. */
const SUMMARY_FIELDS = {
  _id: true, shopId: true, buyerOpenid: true, status: true, fulfilment: true, paymentMethod: true, total: true, itemCount: true, lines: true,
  createdAt: true, expiresAt: true, delivery: true, hasPhysical: true, paidFen: true, refundedFen: true, refundPendingFen: true,
};

export async function inbox(p: Payload<'shopAdmin', 'inbox'>, ctx: OperationContext): Promise<Result<Page<OrderSummaryView>>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'inbox');
  if (!shop.ok) return shop;
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { shopId: p.shopId };
  if (p.status === 'waiting') where.status = _.in([...WAITING_STATUSES]);
  else if (p.status !== undefined) where.status = p.status;
  const rows = docsOf<OrderDoc>(
    await ctx.db.collection(COLLECTIONS.orders).where(where).orderBy('createdAt', 'desc')
      .skip(p.offset).limit(p.limit + 1).field(SUMMARY_FIELDS).get(),
  );
  // Named from the order itself (its delivery name, else the stable label): the inbox stays at two round
  // trips; the order detail adds the buyer's chosen nickname.
  return ok(pageOf(rows.map((o) => orderSummaryView(o, shop.data.name, 'owner', ctx.now, buyerName(o.buyerOpenid, { addressName: o.delivery?.address?.userName }))), p.offset, p.limit));
}

export async function orderDetail(p: Payload<'shopAdmin', 'orderDetail'>, ctx: OperationContext): Promise<Result<OrderDetailView>> {
  const found = await ownedOrder(ctx, p.shopId, p.orderId, 'orderDetail');
  if (!found.ok) return found;
  const { shop, order } = found.data;
  let entitlements: EntitlementDoc[] = [];
  const versions: Record<string, number> = {};
  if (order.lines.some((l) => l.kind === 'digital')) {
    // The owner sees how many downloads are left and whether buyers have a newer file waiting.
    const _ = ctx.db.command;
    entitlements = docsOf<EntitlementDoc>(await ctx.db.collection(COLLECTIONS.entitlements).where({ orderId: order._id }).get());
    const ids = [...new Set(entitlements.map((e) => e.productId))];
    const products = ids.length === 0 ? [] : docsOf<Pick<ProductDoc, '_id' | 'digital'>>(
      await ctx.db.collection(COLLECTIONS.products).where({ _id: _.in(ids) }).field({ _id: true, digital: true }).get(),
    );
    for (const x of products) if (x.digital) versions[x._id] = x.digital.version;
  }
  // The refunds (index order_seq): a failed one shows its retry with its own outRefundNo.
  const refunds = order.refundCount === 0 ? [] : docsOf<RefundDoc>(
    await ctx.db.collection(COLLECTIONS.refunds).where({ orderId: order._id }).orderBy('seq', 'asc').limit(100).get(),
  );
  const [who, afterSale] = await Promise.all([buyerIdentities(ctx.db, shop._id, [order.buyerOpenid]), latestAfterSale(ctx.db, order._id)]);
  const view = orderDetailView(order, shop.name, 'owner', ctx.now, entitlements, versions, refunds, { shop, afterSale, buyerName: who.get(order.buyerOpenid)?.name });
  // Staff are read only when someone other than the owner and the buyer acted on the order.
  const byStaff = order.timeline.some((e) => e.by !== null && e.by !== shop.ownerOpenid && e.by !== order.buyerOpenid);
  const names = actorNames(shop, byStaff ? await shopStaff(ctx.db, shop._id) : []);
  return ok({ ...view, timeline: view.timeline.map((e) => ({ ...e, byName: e.by ? names.get(e.by) ?? null : null })) });
}
