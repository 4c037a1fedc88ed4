// Opening a shop, editing it and its settings, and the owner's list of shops (PRODUCT.md items 1, 7).
// Identity is the caller's OPENID from getWXContext() (handler.ts); a shop belongs to whoever opened it.
import { defaultShopSettings } from '../../core/checkout';
import type { Payload } from '../../core/contracts/registry';
import type { ShopOwnerView, ShopSummary } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import { newId, newShopCode } from '../../core/ids';
import type { ShopDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import { docsOf, isDuplicateKey, updatedCount } from '../store/db';
import { randomInt } from '../random';
import { ownedShop } from '../shops/access';
import { resolveImageUrls } from './images';
import { shopOwnerView, shopSummary } from './views';

/** Shops one WeChat user may open (platform mode: a person runs a few shops, not hundreds). */
export const MAX_SHOPS_PER_OWNER = 10;
/** A fresh code collides with an existing one with odds ~n/31^6; a few attempts are plenty. */
const CODE_ATTEMPTS = 5;
/** Statuses where the owner has something to do (the same "waiting" as the dashboard). */
export const WAITING_STATUSES = ['paid', 'accepted'] as const;

async function ownerView(shop: ShopDoc): Promise<ShopOwnerView> {
  return shopOwnerView(shop, await resolveImageUrls([shop.logo]));
}

export async function createShop(p: Payload<'shopAdmin', 'createShop'>, ctx: OperationContext): Promise<Result<ShopOwnerView>> {
  const shops = ctx.db.collection('shops');
  const owned = (await shops.where({ ownerOpenid: ctx.openid }).count()) as { total?: number } | undefined;
  if ((owned?.total ?? 0) >= MAX_SHOPS_PER_OWNER) return fail('SHOP_LIMIT', { max: MAX_SHOPS_PER_OWNER });
  for (let attempt = 1; ; attempt += 1) {
    const shop: ShopDoc = {
      _id: newId('S', ctx.now, randomInt),
      ownerOpenid: ctx.openid,
      name: p.name,
      logo: p.logo,
      phone: p.phone,
      description: p.description,
      code: newShopCode(randomInt),
      settings: defaultShopSettings(),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    try {
      // The unique index on `code` (collections.json) is what makes a short code unique (§2.12).
      await shops.add({ data: shop });
      return ok(await ownerView(shop));
    } catch (err) {
      if (!isDuplicateKey(err) || attempt >= CODE_ATTEMPTS) throw err;
    }
  }
}

export async function updateShop(p: Payload<'shopAdmin', 'updateShop'>, ctx: OperationContext): Promise<Result<ShopOwnerView>> {
  const owned = await ownedShop(ctx.db, p.shopId, ctx.openid);
  if (!owned.ok) return owned;
  const { shopId, ...changes } = p;
  const set: Partial<ShopDoc> = { updatedAt: ctx.now };
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) (set as Record<string, unknown>)[key] = value;
  await writeShop(ctx, shopId, set);
  return ok(await ownerView({ ...owned.data, ...set }));
}

export async function updateSettings(p: Payload<'shopAdmin', 'updateSettings'>, ctx: OperationContext): Promise<Result<ShopOwnerView>> {
  const owned = await ownedShop(ctx.db, p.shopId, ctx.openid);
  if (!owned.ok) return owned;
  const _ = ctx.db.command;
  const { shopId, ...changes } = p;
  const settings = { ...owned.data.settings };
  // Nested objects are merged field by field (§2.5), so each setting is its own dot path; `delivery` is
  // replaced whole with _.set so a method the owner turned off cannot keep stale fields.
  const data: Record<string, unknown> = { updatedAt: ctx.now };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    (settings as Record<string, unknown>)[key] = value;
    data[`settings.${key}`] = key === 'delivery' ? _.set(value) : value;
  }
  await writeShop(ctx, shopId, data);
  return ok(await ownerView({ ...owned.data, settings, updatedAt: ctx.now }));
}

/** Writes guarded by the owner as well as the id: ownership is re-checked by the write itself. */
async function writeShop(ctx: OperationContext, shopId: string, data: Record<string, unknown>): Promise<void> {
  const res = await ctx.db.collection('shops').where({ _id: shopId, ownerOpenid: ctx.openid }).update({ data });
  if (updatedCount(res) !== 1) throw new Error(`shop ${shopId} changed owner or vanished during the update`);
}

export async function getShop(p: Payload<'shopAdmin', 'getShop'>, ctx: OperationContext): Promise<Result<ShopOwnerView>> {
  const owned = await ownedShop(ctx.db, p.shopId, ctx.openid);
  if (!owned.ok) return owned;
  return ok(await ownerView(owned.data));
}

export async function myShops(_p: Payload<'shopAdmin', 'myShops'>, ctx: OperationContext): Promise<Result<ShopSummary[]>> {
  const db = ctx.db;
  const _ = db.command;
  const $ = _.aggregate;
  const shops = docsOf<ShopDoc>(
    await db.collection('shops').where({ ownerOpenid: ctx.openid }).orderBy('createdAt', 'desc').limit(MAX_SHOPS_PER_OWNER).get(),
  );
  if (shops.length === 0) return ok([]);
  const [counts, urls] = await Promise.all([
    db.collection('orders')
      .aggregate()
      .match({ shopId: _.in(shops.map((s) => s._id)), status: _.in([...WAITING_STATUSES]) })
      .group({ _id: '$shopId', n: $.sum(1) })
      .limit(MAX_SHOPS_PER_OWNER)
      .end(),
    resolveImageUrls(shops.map((s) => s.logo)),
  ]);
  const waiting = new Map(((counts as { list?: { _id: string; n: number }[] } | undefined)?.list ?? []).map((r) => [r._id, r.n]));
  return ok(shops.map((s) => shopSummary(s, waiting.get(s._id) ?? 0, urls)));
}
