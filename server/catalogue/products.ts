// Products (docs/product.md §2): the three kinds, shelf on/off, soft delete (past orders keep their
// price snapshot, model.ts OrderLine), and owner views with stock, reserved and sold.
import { COLLECTIONS } from '../../core/collections';
import { applyProductPatch, newProductDoc } from '../../core/catalogue';
import type { Payload } from '../../core/contracts/registry';
import type { OwnerProductView, Page } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import { newId } from '../../core/ids';
import type { ProductDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import { rowsOf, updatedCount } from '../store/db';
import { randomInt } from '../random';
import { accessibleShop } from '../store/shops';
import { loadCategory } from './categories';
import { checkShopFiles, optionPhotoRefs, photoRefs } from './files';
import { ownerListFields, ownerProductView } from '../store/catalogue-views';
import { loadProduct } from '../store/products';
import { reviewingAfter, startPhotoReview } from '../store/media-checks';
import { screenText } from './content';
import { salesOf } from '../store/sales';
import { openDigitalUpdate } from '../store/digital-updates';
import type { Database } from '../wechat/sdk';
import { optionsUpdate } from './options-update';

/** A stock edit races checkouts reserving units; each lost race is re-read and re-applied this many times. */
const PATCH_ATTEMPTS = 5;

async function ownerViews(products: ProductDoc[], db?: Database): Promise<OwnerProductView[]> {
  const sales = db && products.length > 0 ? await salesOf(db, products[0].shopId, products.map((p) => p._id)) : new Map<string, number>();
  return products.map((p) => ({ ...ownerProductView(p), sales: sales.get(p._id) ?? 0 }));
}

async function ownerView(product: ProductDoc): Promise<OwnerProductView> {
  return (await ownerViews([product]))[0];
}

/**
 * A page of the owner's list (at most OWNER_LIST_PAGE, views.ts), in catalogue order. The database returns
 * each product without its SKUs' holds (ownerListFields): a page of the largest products the catalogue accepts
 * stays under the 1 MB reply limits however many unpaid orders hold them (test/integration/roundtrips.test.ts).
 */
export async function listProducts(p: Payload<'shopAdmin', 'listProducts'>, ctx: OperationContext): Promise<Result<Page<OwnerProductView>>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'listProducts');
  if (!owned.ok) return owned;
  const where: Record<string, unknown> = { shopId: p.shopId };
  // categoryId: absent → every category; null → the uncategorised ones.
  if (p.categoryId !== undefined) where.categoryId = p.categoryId;
  if (!p.includeDeleted) where.deleted = false;
  const res = await ctx.db.collection(COLLECTIONS.products).aggregate()
    .match(where)
    .sort({ sort: 1, createdAt: 1 })
    .skip(p.offset)
    .limit(p.limit + 1)
    .addFields(ownerListFields(ctx.db))
    .end();
  const products = rowsOf<ProductDoc>(res);
  const items = await ownerViews(products.slice(0, p.limit), ctx.db);
  return ok({ items, offset: p.offset, limit: p.limit, hasMore: products.length > p.limit });
}

export async function getProduct(p: Payload<'shopAdmin', 'getProduct'>, ctx: OperationContext): Promise<Result<OwnerProductView>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'getProduct');
  if (!owned.ok) return owned;
  const product = await loadProduct(ctx.db, p.shopId, p.productId);
  if (!product) return fail('PRODUCT_NOT_FOUND', { productId: p.productId });
  return ok(await ownerView(product));
}

export async function createProduct(p: Payload<'shopAdmin', 'createProduct'>, ctx: OperationContext): Promise<Result<OwnerProductView>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'createProduct');
  if (!owned.ok) return owned;
  const files = checkShopFiles(p.shopId, [...photoRefs(p.photos), ...optionPhotoRefs(p.kind === 'physical' ? p.options : null), { fileID: p.kind === 'digital' ? p.digital.fileID : null, kind: 'digital', field: 'digital.fileID' }]);
  if (!files.ok) return files;
  if (p.categoryId !== null && !(await loadCategory(ctx.db, p.shopId, p.categoryId))) {
    return fail('CATEGORY_NOT_FOUND', { categoryId: p.categoryId });
  }
  const screened = await screenText(ctx, { name: p.name, description: p.description });
  if (!screened.ok) return screened;
  // Every photo waits for its content-security verdict before buyers see it (store/media-checks.ts).
  const product: ProductDoc = { ...newProductDoc(p, newId('P', ctx.now, randomInt), ctx.now), reviewing: [...new Set(p.photos)] };
  await ctx.db.collection(COLLECTIONS.products).add({ data: product });
  await startPhotoReview(ctx.db, { shopId: p.shopId, target: 'product', targetId: product._id, by: ctx.openid, fileIDs: product.reviewing ?? [], now: ctx.now });
  return ok(await ownerView(product));
}

/**
 * The patch is applied to what was read (core/catalogue.ts); a stock change is an increment of the
 * difference, guarded so it can never take `stock` below zero, and a checkout that reserved units in
 * between makes the guard miss: read again, apply again (docs/style.md §6: never read-then-write unguarded).
 */
export async function updateProduct(p: Payload<'shopAdmin', 'updateProduct'>, ctx: OperationContext): Promise<Result<OwnerProductView>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'updateProduct');
  if (!owned.ok) return owned;
  const files = checkShopFiles(p.shopId, [...photoRefs(p.patch.photos, 'patch.photos'), ...optionPhotoRefs(p.patch.options, 'patch.options'), { fileID: p.patch.digital?.fileID, kind: 'digital', field: 'patch.digital.fileID' }]);
  if (!files.ok) return files;
  const categoryId = p.patch.categoryId;
  if (categoryId !== undefined && categoryId !== null && !(await loadCategory(ctx.db, p.shopId, categoryId))) {
    return fail('CATEGORY_NOT_FOUND', { categoryId });
  }
  const screened = await screenText(ctx, { name: p.patch.name, description: p.patch.description });
  if (!screened.ok) return screened;
  const _ = ctx.db.command;
  for (let attempt = 1; attempt <= PATCH_ATTEMPTS; attempt += 1) {
    const product = await loadProduct(ctx.db, p.shopId, p.productId);
    if (!product) return fail('PRODUCT_NOT_FOUND', { productId: p.productId });
    const patched = applyProductPatch(product, p.patch, ctx.now);
    if (!patched.ok) return patched;
    const { set, stockDelta, options } = patched.data;
    // A replaced file: the job that tells its buyers is opened before the new version is written.
    const nextDigital = set.digital as ProductDoc['digital'] | undefined;
    if (nextDigital && product.digital && nextDigital.version > product.digital.version) {
      await openDigitalUpdate(ctx.db, product, nextDigital.version, nextDigital.fileName, ctx.now);
    }
    const guarded = options ? optionsUpdate(ctx.db, options, product.optionSeq) : { where: {}, data: {} };
    const where: Record<string, unknown> = { ...guarded.where, _id: product._id, shopId: p.shopId, deleted: false };
    const data: Record<string, unknown> = { ...set, ...guarded.data };
    if (set.options) data.options = ctx.db.command.set(set.options);
    if (stockDelta !== 0) {
      data.stock = _.inc(stockDelta);
      if (stockDelta < 0) where.stock = _.gte(-stockDelta);
    }
    const review = p.patch.photos ? reviewingAfter(product.photos, product.reviewing, p.patch.photos) : null;
    if (review) data.reviewing = _.set(review.reviewing);
    const res = await ctx.db.collection(COLLECTIONS.products).where(where).update({ data });
    if (updatedCount(res) === 1) {
      if (review) await startPhotoReview(ctx.db, { shopId: p.shopId, target: 'product', targetId: product._id, by: ctx.openid, fileIDs: review.send, now: ctx.now });
      const reviewing = review ? review.reviewing : product.reviewing;
      // The view is read back when options changed: SKU counters moved by the guarded increments are only known to the database.
      const saved = options ? await loadProduct(ctx.db, p.shopId, p.productId) : null;
      return ok(await ownerView(saved ? { ...saved, reviewing } : { ...product, ...set, stock: product.stock + stockDelta, reviewing }));
    }
  }
  throw new Error(`product ${p.productId}: the stock kept changing under ${PATCH_ATTEMPTS} attempts to edit it`);
}

export async function setShelf(p: Payload<'shopAdmin', 'setShelf'>, ctx: OperationContext): Promise<Result<{ updated: number }>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'setShelf');
  if (!owned.ok) return owned;
  const _ = ctx.db.command;
  const res = await ctx.db.collection(COLLECTIONS.products)
    .where({ _id: _.in(p.productIds), shopId: p.shopId, deleted: false })
    .update({ data: { onShelf: p.onShelf, updatedAt: ctx.now } });
  return ok({ updated: updatedCount(res) });
}

/** Soft delete: off the shelf and out of the storefront for good; orders keep their line snapshots. Deleting twice is fine. */
export async function deleteProduct(p: Payload<'shopAdmin', 'deleteProduct'>, ctx: OperationContext): Promise<Result<{ productId: string }>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'deleteProduct');
  if (!owned.ok) return owned;
  const product = await loadProduct(ctx.db, p.shopId, p.productId);
  if (!product) return fail('PRODUCT_NOT_FOUND', { productId: p.productId });
  if (!product.deleted) {
    await ctx.db.collection(COLLECTIONS.products)
      .where({ _id: p.productId, shopId: p.shopId, deleted: false })
      .update({ data: { deleted: true, deletedAt: ctx.now, onShelf: false, updatedAt: ctx.now } });
  }
  return ok({ productId: p.productId });
}
