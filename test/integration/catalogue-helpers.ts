// Shared steps of the catalogue, storefront and authorization suites: an owner opens a shop with a
// few products through the real shopAdmin function, and calls are measured in database round trips
// from the local cloud's request log (GET /control/requests?invocation=…).
import type { OwnerProductView, ShopOwnerView } from '../../core/contracts/views';
import { shopFolder, type ShopFolder } from '../../core/contracts/storage';
import type { Result } from '../../core/errors';
import { data, OWNER, type Harness } from './harness';

/** A tiny valid PNG, so photo fileIDs point at real files. */
export const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A photo in the shop's products folder (or logo folder), where the server accepts pictures (core/contracts/storage.ts). */
export async function uploadPhoto(h: Harness, shopId: string, name: string, folder: ShopFolder = 'products'): Promise<string> {
  return (await h.control.upload(`${shopFolder(shopId, folder)}/${name}.png`, PIXEL_PNG, OWNER)).fileID;
}

/** A digital good in the shop's files folder. */
export async function uploadDigital(h: Harness, shopId: string, name: string, content = Buffer.from(`%PDF-1.4 ${name}\n`)): Promise<string> {
  return (await h.control.upload(`${shopFolder(shopId, 'files')}/${name}`, content, OWNER)).fileID;
}

let shopRequests = 0;
/** A fresh createShop request id (8-64 of [A-Za-z0-9_-]). */
export const shopRequestId = () => `open-shop-${(shopRequests += 1)}-${Date.now().toString(36)}`;

export interface CalledWithTrips<T> {
  result: Result<T>;
  /** Database requests the invocation made (database.* actions in the request log). */
  dbTrips: number;
  /** Every admin request (database, storage, open API, pay). */
  requests: number;
  byAction: Record<string, number>;
}

/** Call a function as `openid` and count the round trips its invocation made. */
export async function callMeasured<T>(h: Harness, fn: string, action: string, payload: Record<string, unknown>, openid: string): Promise<CalledWithTrips<T>> {
  const reply = await h.control.callFunction<Result<T>>(fn, { action, payload }, openid);
  if (!reply.ok) throw new Error(`${fn}.${action} invocation failed: ${reply.errCode} ${reply.errMsg}`);
  const log = await h.control.requests({ invocation: reply.requestID });
  const inv = log.byInvocation[reply.requestID] ?? { count: 0, byAction: {} };
  const dbTrips = Object.entries(inv.byAction).filter(([a]) => a.startsWith('database.')).reduce((n, [, c]) => n + c, 0);
  return { result: reply.result, dbTrips, requests: inv.count, byAction: inv.byAction };
}

export interface ShopFixture {
  shop: ShopOwnerView;
  categoryId: string;
  physical: OwnerProductView;
  membership: OwnerProductView;
  digital: OwnerProductView;
}

/** A shop with one category and one product of each kind, all on the shelf. */
export async function openShopWithProducts(h: Harness, owner = OWNER, name = '街角小店'): Promise<ShopFixture> {
  const shop = data(await h.call<ShopOwnerView>('shopAdmin', 'createShop', { requestId: shopRequestId(), name, phone: '13800000000', description: '水果和零食' }, owner));
  const category = data(await h.call<{ categoryId: string }>('shopAdmin', 'createCategory', { shopId: shop.shopId, name: '零食', sort: 1 }, owner));
  const photo = await uploadPhoto(h, shop.shopId, 'chips');
  const recipes = await uploadDigital(h, shop.shopId, 'recipes.pdf');
  const physical = data(await h.call<OwnerProductView>('shopAdmin', 'createProduct', {
    shopId: shop.shopId, kind: 'physical', name: '蓝色薯片', price: 1200, memberPrice: 1000, photos: [photo], stock: 10,
    categoryId: category.categoryId, sort: 1,
  }, owner));
  const membership = data(await h.call<OwnerProductView>('shopAdmin', 'createProduct', {
    shopId: shop.shopId, kind: 'membership', name: '月卡', price: 3000, membership: { tag: 'vip', lifetime: false, days: 30 },
    unlimited: true, sort: 2,
  }, owner));
  const digital = data(await h.call<OwnerProductView>('shopAdmin', 'createProduct', {
    shopId: shop.shopId, kind: 'digital', name: '食谱 PDF', price: 990, digital: { fileID: recipes, fileName: 'recipes.pdf' },
    unlimited: true, sort: 3,
  }, owner));
  return { shop, categoryId: category.categoryId, physical, membership, digital };
}
