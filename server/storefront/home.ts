// The shop page in one call (docs/product.md §8): the shop, its
// categories, the products on the shelf with the price THIS buyer pays (pricing.ts, with the tags the
// buyer holds right now), and the buyer's memberships in the shop, expired ones included (checked on
// read). The shop's plans are its membership products, among the products.
//
// Database round trips: 3, whatever the size of the shop —
//   1. shops.aggregate: the shop (by id, or by the short code of a poster) with its categories ($lookup),
//   2. the products on the shelf,
//   3. the buyer's memberships in the shop.
// Opened by id all three go out at once; by code 2 and 3 wait for the shop's id. Photo URLs are one
// storage call (images.ts), not a database round trip.
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { StorefrontHome } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import { activeTags } from '../../core/membership';
import type { CategoryDoc, MembershipDoc, ProductDoc, ShopDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import type { Database } from '../wechat/sdk';
import { docsOf } from '../store/db';
import { resolveImageUrls } from '../wechat/images';
import { bySortThenCreated, categoryView, membershipView, picturesOf, productView, shopPublicView } from '../store/catalogue-views';

/** The most products a storefront lists (the server's query cap, docs/wechat-contracts.md §2.3). */
export const MAX_STOREFRONT_PRODUCTS = 1000;
/** A buyer holds one membership per tag; no shop has more tags than this. */
const MAX_MEMBERSHIPS = 100;

type ShopWithCategories = ShopDoc & { categories: CategoryDoc[] };

async function shopWithCategories(db: Database, match: Record<string, string>): Promise<ShopWithCategories | null> {
  const res = await db.collection(COLLECTIONS.shops)
    .aggregate()
    .match(match)
    .limit(1)
    .lookup({ from: 'categories', localField: '_id', foreignField: 'shopId', as: 'categories' })
    .end();
  return ((res as { list?: ShopWithCategories[] } | undefined)?.list ?? [])[0] ?? null;
}

export async function onShelfProducts(db: Database, shopId: string): Promise<ProductDoc[]> {
  const res = await db.collection(COLLECTIONS.products)
    .where({ shopId, deleted: false, onShelf: true })
    .orderBy('sort', 'asc')
    .orderBy('createdAt', 'asc')
    .limit(MAX_STOREFRONT_PRODUCTS)
    .get();
  return docsOf<ProductDoc>(res);
}

export async function buyerMemberships(db: Database, shopId: string, openid: string): Promise<MembershipDoc[]> {
  const res = await db.collection(COLLECTIONS.memberships).where({ shopId, buyerOpenid: openid }).limit(MAX_MEMBERSHIPS).get();
  return docsOf<MembershipDoc>(res);
}

export async function home(p: Payload<'storefront', 'home'>, ctx: OperationContext): Promise<Result<StorefrontHome>> {
  const { db, openid, now } = ctx;
  let shop: ShopWithCategories | null;
  let products: ProductDoc[];
  let memberships: MembershipDoc[];
  if (p.shopId !== undefined) {
    [shop, products, memberships] = await Promise.all([
      shopWithCategories(db, { _id: p.shopId }),
      onShelfProducts(db, p.shopId),
      buyerMemberships(db, p.shopId, openid),
    ]);
  } else {
    shop = await shopWithCategories(db, { code: p.shopCode as string });
    [products, memberships] = shop
      ? await Promise.all([onShelfProducts(db, shop._id), buyerMemberships(db, shop._id, openid)])
      : [[], []];
  }
  if (!shop) return fail('SHOP_NOT_FOUND');

  const { categories, ...shopDoc } = shop;
  const tags = activeTags(memberships, now);
  const urls = await resolveImageUrls([shopDoc.logo, ...products.flatMap(picturesOf)]);
  return ok({
    shop: shopPublicView(shopDoc, urls),
    categories: [...categories].sort(bySortThenCreated).map(categoryView),
    products: [...products].sort(bySortThenCreated).map((x) => productView(x, tags, urls)),
    memberships: memberships.map((m) => membershipView(m, shopDoc.name, now)).sort((a, b) => a.tag.localeCompare(b.tag)),
  });
}
