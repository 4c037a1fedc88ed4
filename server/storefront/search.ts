// Search in a shop (搜索): products on the shelf whose name or description contains the words typed,
// a plain substring match — Chinese has no spaces to split on, so no tokenising. The query is escaped
// before it becomes db.RegExp (docs/wechat-contracts.md §2: a RegExp is a regular expression, and a buyer typing
// "(" or ".*" must find those characters, not break or widen the search). Paged by offset.
// Database round trips: 2 at once — the matching products, and the buyer's memberships (their price).
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { Page, ProductView } from '../../core/contracts/views';
import { ok, type Result } from '../../core/errors';
import { activeTags } from '../../core/membership';
import type { ProductDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import { docsOf } from '../store/db';
import { resolveImageUrls } from '../wechat/images';
import { picturesOf, productView } from '../store/catalogue-views';
import { buyerMemberships } from './home';

/** Every character a regular expression gives a meaning to, escaped: the query matches as typed. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export async function search(p: Payload<'storefront', 'search'>, ctx: OperationContext): Promise<Result<Page<ProductView>>> {
  const { db } = ctx;
  const _ = db.command;
  const pattern = db.RegExp({ regexp: escapeRegExp(p.query), options: 'i' });
  const [res, memberships] = await Promise.all([
    db.collection(COLLECTIONS.products)
      .where(_.and([{ shopId: p.shopId, deleted: false, onShelf: true }, _.or([{ name: pattern }, { description: pattern }])]))
      .orderBy('sort', 'asc')
      .orderBy('createdAt', 'asc')
      .skip(p.offset)
      .limit(p.limit + 1)
      .get(),
    buyerMemberships(db, p.shopId, ctx.openid),
  ]);
  const found = docsOf<ProductDoc>(res);
  const page = found.slice(0, p.limit);
  const tags = activeTags(memberships, ctx.now);
  const urls = await resolveImageUrls(page.flatMap(picturesOf));
  return ok({ items: page.map((x) => productView(x, tags, urls)), offset: p.offset, limit: p.limit, hasMore: found.length > p.limit });
}
