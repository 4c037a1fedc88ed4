// A shop's categories (docs/product.md §2). Every write names the shop in its guard as well as the id,
// so an id from another shop matches nothing (CATEGORY_NOT_FOUND) even after the ownership check.
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { CategoryView } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import { newId } from '../../core/ids';
import type { CategoryDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import type { Database } from '../wechat/sdk';
import { docOf, docsOf, removedCount, updatedCount } from '../store/db';
import { randomInt } from '../random';
import { accessibleShop } from '../store/shops';
import { bySortThenCreated, categoryView } from '../store/catalogue-views';
import { screenText } from './content';

/** More categories than anyone scrolls through; also the reorder bound of the contract (LIMITS.reorderIds). */
export const MAX_CATEGORIES = 500;

export async function loadCategory(db: Database, shopId: string, categoryId: string): Promise<CategoryDoc | null> {
  const category = docOf<CategoryDoc>(await db.collection(COLLECTIONS.categories).doc(categoryId).get());
  return category && category.shopId === shopId ? category : null;
}

export async function shopCategories(db: Database, shopId: string): Promise<CategoryDoc[]> {
  const res = await db.collection(COLLECTIONS.categories).where({ shopId }).orderBy('sort', 'asc').limit(MAX_CATEGORIES).get();
  return docsOf<CategoryDoc>(res).sort(bySortThenCreated);
}

/** Two categories of one name read as one to a buyer (case and spaces aside). Checked on read: two owners' taps at once are not a real case. */
async function nameTaken(db: Database, shopId: string, name: string, except?: string): Promise<boolean> {
  const key = (n: string) => n.replace(/\s+/g, '').toLowerCase();
  return (await shopCategories(db, shopId)).some((c) => c._id !== except && key(c.name) === key(name));
}

export async function createCategory(p: Payload<'shopAdmin', 'createCategory'>, ctx: OperationContext): Promise<Result<CategoryView>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'createCategory');
  if (!owned.ok) return owned;
  const screened = await screenText(ctx, { name: p.name });
  if (!screened.ok) return screened;
  if (await nameTaken(ctx.db, p.shopId, p.name)) return fail('DUPLICATE_NAME', { name: p.name });
  const category: CategoryDoc = {
    _id: newId('C', ctx.now, randomInt),
    shopId: p.shopId,
    name: p.name,
    sort: p.sort,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  await ctx.db.collection(COLLECTIONS.categories).add({ data: category });
  return ok(categoryView(category));
}

export async function updateCategory(p: Payload<'shopAdmin', 'updateCategory'>, ctx: OperationContext): Promise<Result<CategoryView>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'updateCategory');
  if (!owned.ok) return owned;
  const category = await loadCategory(ctx.db, p.shopId, p.categoryId);
  if (!category) return fail('CATEGORY_NOT_FOUND', { categoryId: p.categoryId });
  const screened = await screenText(ctx, { name: p.name });
  if (!screened.ok) return screened;
  const set: Partial<CategoryDoc> = { updatedAt: ctx.now };
  if (p.name !== undefined && p.name !== category.name && (await nameTaken(ctx.db, p.shopId, p.name, p.categoryId))) {
    return fail('DUPLICATE_NAME', { name: p.name });
  }
  if (p.name !== undefined) set.name = p.name;
  if (p.sort !== undefined) set.sort = p.sort;
  const res = await ctx.db.collection(COLLECTIONS.categories).where({ _id: p.categoryId, shopId: p.shopId }).update({ data: set });
  if (updatedCount(res) !== 1) return fail('CATEGORY_NOT_FOUND', { categoryId: p.categoryId });
  return ok(categoryView({ ...category, ...set }));
}

/** Products of the category stay, with categoryId null ("uncategorised"); they are detached first so
 *  no product is ever left pointing at a category that no longer exists. */
export async function deleteCategory(p: Payload<'shopAdmin', 'deleteCategory'>, ctx: OperationContext): Promise<Result<{ categoryId: string }>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'deleteCategory');
  if (!owned.ok) return owned;
  const category = await loadCategory(ctx.db, p.shopId, p.categoryId);
  if (!category) return fail('CATEGORY_NOT_FOUND', { categoryId: p.categoryId });
  await ctx.db.collection(COLLECTIONS.products).where({ shopId: p.shopId, categoryId: p.categoryId }).update({
    data: { categoryId: null, updatedAt: ctx.now },
  });
  const res = await ctx.db.collection(COLLECTIONS.categories).where({ _id: p.categoryId, shopId: p.shopId }).remove();
  if (removedCount(res) !== 1) return fail('CATEGORY_NOT_FOUND', { categoryId: p.categoryId });
  return ok({ categoryId: p.categoryId });
}

export async function listCategories(p: Payload<'shopAdmin', 'listCategories'>, ctx: OperationContext): Promise<Result<CategoryView[]>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'listCategories');
  if (!owned.ok) return owned;
  return ok((await shopCategories(ctx.db, p.shopId)).map(categoryView));
}
