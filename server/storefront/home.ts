// The shop page's first screen in one call (docs/product.md §8): the shop, its categories, its
// membership plans, the first page of the shelf as cards at the price THIS buyer pays (pricing.ts, with
// the tags the buyer holds right now), and the buyer's memberships in the shop, expired ones included
// (checked on read). The rest of the shelf comes by page (shelf.ts), so the reply and the database's
// work are the same for 10 products and for 5,000.
//
// Database round trips: 3, whatever the size of the shop —
//   1. shops.aggregate: the shop (by id, or by the short code of a poster) with its categories and its
//      plans ($lookup; the plans through a sub-pipeline on the shop's id),
//   2. the first page of the shelf,
//   3. the buyer's memberships in the shop.
// Opened by id all three go out at once; by code 2 and 3 wait for the shop's id. Pictures are cloud://
// fileIDs: no storage call (docs/decisions.md §D20).
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { StorefrontHome } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import { activeTags } from '../../core/membership';
import type { CategoryDoc, MembershipDoc, ProductDoc, ShopDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import { joinedPipeline, type Database } from '../wechat/sdk';
import { rowsOf } from '../store/db';
import { bySortThenCreated, categoryView, membershipView, productView, shopPublicView } from '../store/catalogue-views';
import { CARD_PAGE } from '../../core/contracts/views';
import { buyerMemberships, cardPage, shelfPage } from './shelf';

/** The most membership plans a shop page lists. */
export const MAX_PLANS = 20;

type ShopFirstScreen = ShopDoc & { categories: CategoryDoc[]; plans: ProductDoc[] };

async function shopWithCategoriesAndPlans(db: Database, match: Record<string, string>): Promise<ShopFirstScreen | null> {
  const res = await db.collection(COLLECTIONS.shops)
    .aggregate()
    .match(match)
    .limit(1)
    .lookup({ from: COLLECTIONS.categories, localField: '_id', foreignField: 'shopId', as: 'categories' })
    .lookup({
      from: COLLECTIONS.products,
      ...joinedPipeline(db, '_id', 'shopId', (p) => p
        .match({ kind: 'membership', deleted: false, onShelf: true })
        .sort({ sort: 1, createdAt: 1, _id: 1 })
        .limit(MAX_PLANS)),
      as: 'plans',
    })
    .end();
  return rowsOf<ShopFirstScreen>(res)[0] ?? null;
}

export async function home(p: Payload<'storefront', 'home'>, ctx: OperationContext): Promise<Result<StorefrontHome>> {
  const { db, openid, now } = ctx;
  let shop: ShopFirstScreen | null;
  let shelf: ProductDoc[];
  let memberships: MembershipDoc[];
  if (p.shopId !== undefined) {
    [shop, shelf, memberships] = await Promise.all([
      shopWithCategoriesAndPlans(db, { _id: p.shopId }),
      shelfPage(db, p.shopId, undefined, 0, CARD_PAGE),
      buyerMemberships(db, p.shopId, openid),
    ]);
  } else {
    shop = await shopWithCategoriesAndPlans(db, { code: p.shopCode as string });
    [shelf, memberships] = shop
      ? await Promise.all([shelfPage(db, shop._id, undefined, 0, CARD_PAGE), buyerMemberships(db, shop._id, openid)])
      : [[], []];
  }
  if (!shop) return fail('SHOP_NOT_FOUND');

  const { categories, plans, ...shopDoc } = shop;
  const tags = activeTags(memberships, now);
  const first = cardPage(shelf, tags, 0, CARD_PAGE);
  return ok({
    shop: shopPublicView(shopDoc),
    categories: [...categories].sort(bySortThenCreated).map(categoryView),
    products: first.items,
    hasMore: first.hasMore,
    plans: [...plans].sort(bySortThenCreated).map((x) => productView(x, tags)),
    memberships: memberships.map((m) => membershipView(m, shopDoc.name, now)).sort((a, b) => a.tag.localeCompare(b.tag)),
  });
}
