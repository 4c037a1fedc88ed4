// Reorder products or categories: each id's position in the list becomes its `sort`. One guarded
// update per id (the shop is part of every guard, so ids of another shop change nothing), a few at a
// time so a 500-item list does not open 500 requests at once.
import type { Payload } from '../../core/contracts/registry';
import { ok, type Result } from '../../core/errors';
import type { OperationContext } from '../handler';
import { updatedCount } from '../store/db';
import { accessibleShop } from '../store/shops';

const CONCURRENT_UPDATES = 10;

export async function reorder(p: Payload<'shopAdmin', 'reorder'>, ctx: OperationContext): Promise<Result<{ updated: number }>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'reorder');
  if (!owned.ok) return owned;
  const collection = ctx.db.collection(p.target);
  let updated = 0;
  for (let start = 0; start < p.ids.length; start += CONCURRENT_UPDATES) {
    const batch = p.ids.slice(start, start + CONCURRENT_UPDATES);
    const results = await Promise.all(
      batch.map((id, i) => collection.where({ _id: id, shopId: p.shopId }).update({ data: { sort: start + i, updatedAt: ctx.now } })),
    );
    updated += results.reduce((n, res) => n + updatedCount(res), 0);
  }
  return ok({ updated });
}
