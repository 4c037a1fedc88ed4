// The shelf by page (docs/product.md §8): every product on it, or one category's, in catalogue order
// (sort, then oldest first, then id, so pages never overlap or skip), as cards at the price this buyer
// pays. The database returns only what a card needs (cardProjection), one page and one more row to know
// whether another page follows. A page (at most 20 cards) stays far under the 1 MB reply limits
// (docs/wechat-contracts.md §2.3): test/integration/roundtrips.test.ts measures one of the largest
// products the catalogue accepts (100 SKUs each, every SKU held by unpaid orders).
// Database round trips: 2 at once — the page, and the buyer's memberships (their price).
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { Page, ProductCardView } from '../../core/contracts/views';
import { ok, type Result } from '../../core/errors';
import { activeTags } from '../../core/membership';
import type { MembershipDoc, ProductDoc } from '../../core/model';
import { pageOf } from '../../core/present';
import type { OperationContext } from '../handler';
import type { Database } from '../wechat/sdk';
import { docsOf, rowsOf } from '../store/db';
import { cardProjection, productCardView } from '../store/catalogue-views';

/** A buyer holds one membership per tag; no shop has more tags than this. */
const MAX_MEMBERSHIPS = 100;

export async function buyerMemberships(db: Database, shopId: string, openid: string): Promise<MembershipDoc[]> {
  const res = await db.collection(COLLECTIONS.memberships).where({ shopId, buyerOpenid: openid }).limit(MAX_MEMBERSHIPS).get();
  return docsOf<MembershipDoc>(res);
}

/**
 * One page of the shelf, `limit + 1` rows (index shop_shelf_category_order or shop_shelf_order), each
 * product reduced to what its card needs (cardProjection): a SKU's holds and the option values' names
 * and photos never leave the database, so a page's size depends on the catalogue's limits only.
 */
export async function shelfPage(db: Database, shopId: string, categoryId: string | undefined, offset: number, limit: number): Promise<ProductDoc[]> {
  const where: Record<string, unknown> = { shopId, deleted: false, onShelf: true };
  if (categoryId !== undefined) where.categoryId = categoryId;
  return cardsWhere(db, where, offset, limit);
}

/** Products matching `where` in catalogue order, a page of them as card documents. */
export async function cardsWhere(db: Database, where: unknown, offset: number, limit: number): Promise<ProductDoc[]> {
  const res = await db.collection(COLLECTIONS.products).aggregate()
    .match(where)
    .sort({ sort: 1, createdAt: 1, _id: 1 })
    .skip(offset)
    .limit(limit + 1)
    .project(cardProjection(db))
    .end();
  return rowsOf<ProductDoc>(res);
}

/** A page of cards at the price a buyer holding `tags` pays. */
export function cardPage(rows: readonly ProductDoc[], tags: readonly string[], offset: number, limit: number): Page<ProductCardView> {
  return pageOf(rows.map((p) => productCardView(p, tags)), offset, limit);
}

export async function products(p: Payload<'storefront', 'products'>, ctx: OperationContext): Promise<Result<Page<ProductCardView>>> {
  const [rows, memberships] = await Promise.all([
    shelfPage(ctx.db, p.shopId, p.categoryId, p.offset, p.limit),
    buyerMemberships(ctx.db, p.shopId, ctx.openid),
  ]);
  return ok(cardPage(rows, activeTags(memberships, ctx.now), p.offset, p.limit));
}
