// storefront (buyer reads): the shop page's first screen in one call, the shelf by page (all or one
// category), search by page, and a product's detail.
import * as v from 'valibot';
import { cardPaging, id, shopCode, text } from './fields';
import type { Page, ProductCardView, ProductView, StorefrontHome } from './views';

export const storefrontActions = {
  /** By id (a shared card) or by code (a poster's QR scene, ids.ts parseShopScene): exactly one. */
  home: v.pipe(
    v.strictObject({ shopId: v.optional(id), shopCode: v.optional(shopCode) }),
    v.check((p) => (p.shopId === undefined) !== (p.shopCode === undefined), 'give exactly one of shopId and shopCode'),
  ),
  product: v.strictObject({ shopId: id, productId: id }),
  /** The shelf by page, in catalogue order: every product on it, or those of one category. */
  products: v.strictObject({ shopId: id, categoryId: v.optional(id), ...cardPaging }),
  /** Products on the shelf whose name or description contains `query` (server/storefront/search.ts). */
  search: v.strictObject({ shopId: id, query: text(30), ...cardPaging }),
};

export interface StorefrontResponses {
  home: StorefrontHome;
  product: ProductView;
  products: Page<ProductCardView>;
  search: Page<ProductCardView>;
}
