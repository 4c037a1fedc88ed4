// An order of a shop the caller may act on (core/roles.ts): NOT_SHOP_OWNER or FORBIDDEN_ROLE for anyone
// else (before anything is read of the order), ORDER_NOT_FOUND for an order of another shop.
import { fail, ok, type Result } from '../../core/errors';
import type { OrderDoc, ShopDoc } from '../../core/model';
import type { ShopOperation } from '../../core/roles';
import type { OperationContext } from '../handler';
import { loadOrder } from '../store/orders';
import { settleOwed } from '../store/effects';
import { shopAccess, type ShopAccess } from '../store/shops';

export async function ownedOrder(
  ctx: OperationContext, shopId: string, orderId: string, operation: ShopOperation,
): Promise<Result<{ shop: ShopDoc; order: OrderDoc; access: ShopAccess }>> {
  const access = await shopAccess(ctx.db, shopId, ctx.openid, operation);
  if (!access.ok) return access;
  const { shop } = access.data;
  const order = await loadOrder(ctx.db, orderId);
  if (!order || order.shopId !== shopId) return fail('ORDER_NOT_FOUND');
  // Finish what a crash left half done before the owner acts on it (store/read.ts).
  const settled = (order.owed ?? []).length === 0 ? order : await settleOwed(ctx.db, order, ctx.now, shop);
  return ok({ shop, order: settled, access: access.data });
}

/** The largest refund the caller may start: none for the owner, the staff member's own limit otherwise. */
export function refundCap(access: ShopAccess): number | undefined {
  return access.member ? access.member.refundLimit : undefined;
}
