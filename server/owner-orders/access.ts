// An order of a shop the caller owns: NOT_SHOP_OWNER for anyone else (before anything is read of the
// order, must-show 8), ORDER_NOT_FOUND for an order of another shop.
import { fail, ok, type Result } from '../../core/errors';
import type { OrderDoc, ShopDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import { loadOrder } from '../store/orders';
import { ownedShop } from '../shops/access';

export async function ownedOrder(ctx: OperationContext, shopId: string, orderId: string): Promise<Result<{ shop: ShopDoc; order: OrderDoc }>> {
  const shop = await ownedShop(ctx.db, shopId, ctx.openid);
  if (!shop.ok) return shop;
  const order = await loadOrder(ctx.db, orderId);
  if (!order || order.shopId !== shopId) return fail('ORDER_NOT_FOUND');
  return ok({ shop: shop.data, order });
}
