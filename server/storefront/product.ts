// A product's detail page (docs/product.md §8: photos, member price when it applies). Two database
// round trips at once: the product, and the buyer's memberships in its shop (for the price they pay).
// A product the buyer cannot buy any more says why, with the codes `quote` uses for the same cases.
import type { Payload } from '../../core/contracts/registry';
import type { ProductView } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import { activeTags } from '../../core/membership';
import type { OperationContext } from '../handler';
import { loadProduct } from '../store/products';
import { productView } from '../store/catalogue-views';
import { buyerMemberships } from './shelf';

export async function product(p: Payload<'storefront', 'product'>, ctx: OperationContext): Promise<Result<ProductView>> {
  const [doc, memberships] = await Promise.all([
    loadProduct(ctx.db, p.shopId, p.productId),
    buyerMemberships(ctx.db, p.shopId, ctx.openid),
  ]);
  if (!doc) return fail('PRODUCT_NOT_FOUND', { productId: p.productId });
  if (doc.deleted) return fail('PRODUCT_UNAVAILABLE', { productId: p.productId });
  if (!doc.onShelf) return fail('OFF_SHELF', { productId: p.productId });
  return ok(productView(doc, activeTags(memberships, ctx.now)));
}
