// Editing a shop and its settings, and the owner's list of shops (docs/product.md §1, §7); opening one is
// create-shop.ts.
// Identity is the caller's OPENID from getWXContext() (handler.ts); a shop belongs to whoever opened it.
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { ShopOwnerView, ShopSummary } from '../../core/contracts/views';
import { ok, type Result } from '../../core/errors';
import type { ShopDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import { docsOf, rowsOf, updatedCount } from '../store/db';
import { accessibleShop, shopAccess } from '../store/shops';
import { shopsOfStaff } from '../store/staff';
import { reviewingAfter, startPhotoReview } from '../store/media-checks';
import { screenText } from './content';
import { MAX_STAFF_PER_SHOP, type ShopRole } from '../../core/roles';
import { checkShopFiles } from './files';
import { MAX_SHOPS_PER_OWNER } from './create-shop';
import { shopOwnerView, shopSummary } from '../store/catalogue-views';
import { checkPayChannel } from '../../core/pay-channels';

/** Statuses where the owner has something to do (the same "waiting" as the dashboard). */
export const WAITING_STATUSES = ['paid', 'accepted'] as const;

async function ownerView(shop: ShopDoc, role: ShopRole = 'owner'): Promise<ShopOwnerView> {
  return shopOwnerView(shop, role);
}

export async function updateShop(p: Payload<'shopAdmin', 'updateShop'>, ctx: OperationContext): Promise<Result<ShopOwnerView>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'updateShop');
  if (!owned.ok) return owned;
  const { shopId, ...changes } = p;
  const allowed = checkShopFiles(shopId, [{ fileID: p.logo, kind: 'picture', field: 'logo' }]);
  if (!allowed.ok) return allowed;
  const screened = await screenText(ctx, { name: p.name, description: p.description });
  if (!screened.ok) return screened;
  const set: Partial<ShopDoc> = { updatedAt: ctx.now };
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) (set as Record<string, unknown>)[key] = value;
  // A new logo waits for its content-security verdict before buyers see it (store/media-checks.ts).
  const shop = owned.data;
  const review = p.logo !== undefined ? reviewingAfter(shop.logo ? [shop.logo] : [], shop.reviewing, p.logo ? [p.logo] : []) : null;
  await writeShop(ctx, shopId, review ? { ...set, reviewing: ctx.db.command.set(review.reviewing) } : set);
  if (review) await startPhotoReview(ctx.db, { shopId, target: 'shop', targetId: shopId, by: ctx.openid, fileIDs: review.send, now: ctx.now });
  return ok(await ownerView({ ...shop, ...set, reviewing: review ? review.reviewing : shop.reviewing }));
}

export async function updateSettings(p: Payload<'shopAdmin', 'updateSettings'>, ctx: OperationContext): Promise<Result<ShopOwnerView>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'updateSettings');
  if (!owned.ok) return owned;
  const _ = ctx.db.command;
  const { shopId, ...changes } = p;
  const settings = { ...owned.data.settings };
  // Nested objects are merged field by field (docs/wechat-contracts.md §2.5), so each setting is its own dot path; `delivery` is
  // replaced whole with _.set so a method the owner turned off cannot keep stale fields.
  const data: Record<string, unknown> = { updatedAt: ctx.now };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    (settings as Record<string, unknown>)[key] = value;
    data[`settings.${key}`] = key === 'delivery' ? _.set(value) : value;
  }
  // WeChat forbids Cloud Pay for these goods (docs/wechat-contracts.md §3.0): the owner picks a v3 channel first.
  const channel = checkPayChannel({ payChannel: settings.payChannel ?? 'cloudpay', goodsCategory: settings.goodsCategory ?? 'general' });
  if (!channel.ok) return channel;
  await writeShop(ctx, shopId, data);
  return ok(await ownerView({ ...owned.data, settings, updatedAt: ctx.now }));
}

/** Writes guarded by the owner as well as the id: ownership is re-checked by the write itself. */
async function writeShop(ctx: OperationContext, shopId: string, data: Record<string, unknown>): Promise<void> {
  const res = await ctx.db.collection(COLLECTIONS.shops).where({ _id: shopId, ownerOpenid: ctx.openid }).update({ data });
  if (updatedCount(res) !== 1) throw new Error(`shop ${shopId} changed owner or vanished during the update`);
}

export async function getShop(p: Payload<'shopAdmin', 'getShop'>, ctx: OperationContext): Promise<Result<ShopOwnerView>> {
  const access = await shopAccess(ctx.db, p.shopId, ctx.openid, 'getShop');
  if (!access.ok) return access;
  return ok(await ownerView(access.data.shop, access.data.role));
}

export async function myShops(_p: Payload<'shopAdmin', 'myShops'>, ctx: OperationContext): Promise<Result<ShopSummary[]>> {
  const db = ctx.db;
  const _ = db.command;
  const $ = _.aggregate;
  // The shops the caller owns, then those they work in (core/roles.ts), in one round trip each, side by side.
  const [owned, memberships] = await Promise.all([
    db.collection(COLLECTIONS.shops).where({ ownerOpenid: ctx.openid }).orderBy('createdAt', 'desc').limit(MAX_SHOPS_PER_OWNER).get(),
    shopsOfStaff(db, ctx.openid),
  ]);
  const roles = new Map<string, ShopRole>(memberships.map((m) => [m.shopId, m.role]));
  const staffShops = memberships.length === 0 ? [] : docsOf<ShopDoc>(
    await db.collection(COLLECTIONS.shops).where({ _id: _.in(memberships.map((m) => m.shopId)) }).limit(MAX_STAFF_PER_SHOP).get(),
  ).sort((a, b) => memberships.findIndex((m) => m.shopId === a._id) - memberships.findIndex((m) => m.shopId === b._id));
  const shops = [...docsOf<ShopDoc>(owned), ...staffShops.filter((s) => s.ownerOpenid !== ctx.openid)];
  if (shops.length === 0) return ok([]);
  const counts = await db.collection(COLLECTIONS.orders)
    .aggregate()
    .match({ shopId: _.in(shops.map((s) => s._id)), status: _.in([...WAITING_STATUSES]) })
    .group({ _id: '$shopId', n: $.sum(1) })
    .limit(shops.length)
    .end();
  const waiting = new Map(rowsOf<{ _id: string; n: number }>(counts).map((r) => [r._id, r.n]));
  return ok(shops.map((s) => shopSummary(s, waiting.get(s._id) ?? 0, roles.get(s._id) ?? 'owner')));
}
