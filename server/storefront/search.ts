// Search in a shop (搜索): products on the shelf whose name or description contains the words typed,
// a plain substring match — Chinese has no spaces to split on, so no tokenising — as cards (shelf.ts). The query is escaped
// before it becomes db.RegExp (docs/wechat-contracts.md §2: a RegExp is a regular expression, and a buyer typing
// "(" or ".*" must find those characters, not break or widen the search). Paged by offset.
// Database round trips: 2 at once — the matching products (as cards), and the buyer's memberships (their price).
import type { Payload } from '../../core/contracts/registry';
import type { Page, ProductCardView } from '../../core/contracts/views';
import { ok, type Result } from '../../core/errors';
import type { OperationContext } from '../handler';
import { activeTags } from '../../core/membership';
import { buyerMemberships, cardPage, cardsWhere } from './shelf';

/** Every character a regular expression gives a meaning to, escaped: the query matches as typed. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export async function search(p: Payload<'storefront', 'search'>, ctx: OperationContext): Promise<Result<Page<ProductCardView>>> {
  const { db } = ctx;
  const _ = db.command;
  const pattern = db.RegExp({ regexp: escapeRegExp(p.query), options: 'i' });
  const [rows, memberships] = await Promise.all([
    cardsWhere(db, _.and([{ shopId: p.shopId, deleted: false, onShelf: true }, _.or([{ name: pattern }, { description: pattern }])]), p.offset, p.limit),
    buyerMemberships(db, p.shopId, ctx.openid),
  ]);
  return ok(cardPage(rows, activeTags(memberships, ctx.now), p.offset, p.limit));
}
