// The buyer's order reads (docs/product.md §12): my orders, in every shop or one, by status, newest first
// (index buyer_created / buyer_shop_created), and one order with its timeline. A buyer names another
// buyer's order → ORDER_NOT_FOUND (transition.ts buyerOrder), never the order.
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { OrderDetailView, OrderSummaryView, Page } from '../../core/contracts/views';
import { ok, type Result } from '../../core/errors';
import type { EntitlementDoc, OrderDoc, ProductDoc, ShopDoc } from '../../core/model';
import { orderDetailView, orderSummaryView, pageOf } from '../../core/present';
import type { OperationContext } from '../handler';
import type { Database } from '../wechat/sdk';
import { docsOf } from '../store/db';
import { buyerOrder } from '../store/read';
import { loadShop } from '../store/shops';
import { latestAfterSale } from '../store/aftersales';

export async function listOrders(p: Payload<'orders', 'list'>, ctx: OperationContext): Promise<Result<Page<OrderSummaryView>>> {
  const { db, openid } = ctx;
  const where: Record<string, unknown> = { buyerOpenid: openid };
  if (p.shopId !== undefined) where.shopId = p.shopId;
  if (p.status !== undefined) where.status = p.status;
  const res = await db.collection(COLLECTIONS.orders)
    .where(where)
    .orderBy('createdAt', 'desc')
    .skip(p.offset)
    .limit(p.limit + 1)
    .field({ timeline: false })
    .get();
  const rows = docsOf<OrderDoc>(res);
  const names = await shopNames(db, [...new Set(rows.map((o) => o.shopId))]);
  return ok(pageOf(rows.map((o) => orderSummaryView(o, names.get(o.shopId) ?? '', 'buyer', ctx.now)), p.offset, p.limit));
}

async function shopNames(db: Database, shopIds: string[]): Promise<Map<string, string>> {
  if (shopIds.length === 0) return new Map();
  const _ = db.command;
  const res = await db.collection(COLLECTIONS.shops).where({ _id: _.in(shopIds) }).limit(shopIds.length).field({ name: true }).get();
  return new Map(docsOf<Pick<ShopDoc, '_id' | 'name'>>(res).map((s) => [s._id, s.name]));
}

export async function orderDetail(p: Payload<'orders', 'detail'>, ctx: OperationContext): Promise<Result<OrderDetailView>> {
  const found = await buyerOrder(ctx.db, p.orderId, ctx.openid);
  if (!found.ok) return found;
  return ok(await detailOf(ctx.db, found.data, ctx.now));
}

/** The buyer's view of an order: shop name, download rights and whether a newer file exists. */
export async function detailOf(db: Database, order: OrderDoc, now: number): Promise<OrderDetailView> {
  const digital = order.lines.filter((l) => l.kind === 'digital');
  const _ = db.command;
  const [shop, entitlementsRes, productsRes, afterSale] = await Promise.all([
    loadShop(db, order.shopId),
    digital.length ? db.collection(COLLECTIONS.entitlements).where({ orderId: order._id }).limit(digital.length).get() : null,
    digital.length
      ? db.collection(COLLECTIONS.products).where({ _id: _.in(digital.map((l) => l.productId)) }).limit(digital.length).field({ digital: true }).get()
      : null,
    latestAfterSale(db, order._id),
  ]);
  const versions: Record<string, number> = {};
  for (const prod of docsOf<Pick<ProductDoc, '_id' | 'digital'>>(productsRes)) if (prod.digital) versions[prod._id] = prod.digital.version;
  return orderDetailView(order, shop?.name ?? '', 'buyer', now, docsOf<EntitlementDoc>(entitlementsRes), versions, [], { shop, afterSale });
}
