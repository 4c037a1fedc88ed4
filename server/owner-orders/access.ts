// An order of a shop the caller owns: NOT_SHOP_OWNER for anyone else (before anything is read of the
// order), ORDER_NOT_FOUND for an order of another shop.
import { fail, ok, type Result } from '../../core/errors';
import type { OrderDoc, ShopDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import { loadOrder } from '../store/orders';
import { settleOwed } from '../store/effects';
import { ownedShop } from '../store/shops';

export async function ownedOrder(ctx: OperationContext, shopId: string, orderId: string): Promise<Result<{ shop: ShopDoc; order: OrderDoc }>> {
  const shop = await ownedShop(ctx.db, shopId, ctx.openid);
  if (!shop.ok) return shop;
  const order = await loadOrder(ctx.db, orderId);
  if (!order || order.shopId !== shopId) return fail('ORDER_NOT_FOUND');
  // Finish what a crash left half done before the owner acts on it (store/read.ts).
  const settled = (order.owed ?? []).length === 0 ? order : await settleOwed(ctx.db, order, ctx.now, shop.data);
  return ok({ shop: shop.data, order: settled });
}
