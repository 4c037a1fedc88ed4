// storefront (buyer reads): the shop page in one call, and a product's detail.
import * as v from 'valibot';
import { id, paging, shopCode, text } from './fields';
import type { Page, ProductView, StorefrontHome } from './views';

export const storefrontActions = {
  /** By id (a shared card) or by code (a poster's QR scene, ids.ts parseShopScene): exactly one. */
  home: v.pipe(
    v.strictObject({ shopId: v.optional(id), shopCode: v.optional(shopCode) }),
    v.check((p) => (p.shopId === undefined) !== (p.shopCode === undefined), 'give exactly one of shopId and shopCode'),
  ),
  product: v.strictObject({ shopId: id, productId: id }),
  /** Products on the shelf whose name or description contains `query` (server/storefront/search.ts). */
  search: v.strictObject({ shopId: id, query: text(30), ...paging }),
};

export interface StorefrontResponses {
  home: StorefrontHome;
  product: ProductView;
  search: Page<ProductView>;
}
