// Seeds the demo shop through the real cloud functions, as the 店主 persona (src/personas.ts), so the
// demo can never drift from the model: pictures uploaded like the mini-program uploads them, then
// shopAdmin createShop / updateSettings / createCategory / createProduct. The Cloud Pay sandbox learns
// the demo merchant. Idempotent: a shop already owned by 店主 is reused (a second `npm start` keeps data).
import fs from 'node:fs';
import path from 'node:path';
import { ControlClient, type GatewayReply } from '../../localcloud/control/client';
import type { ActionName, RequestPayload, ResponseData } from '../../core/contracts/registry';
import { shopFolder, type ShopFolder } from '../../core/contracts/storage';
import { PERSONAS } from '../../src/personas';
import { DEMO_CATEGORIES, DEMO_MEMBER_TAG, DEMO_PRODUCTS, DEMO_RECIPES_FILE, DEMO_SHOP } from './catalogue';

const OWNER = PERSONAS.find((p) => p.key === 'owner')!.openid;
const photos = path.join(__dirname, 'photos');

export interface DemoShop {
  shopId: string;
  code: string;
  created: boolean;
  products: Record<string, string>;
}

function unwrap<T>(reply: GatewayReply<unknown>, what: string): T {
  if (!reply.ok) throw new Error(`${what}: gateway ${reply.status} ${reply.errMsg}`);
  const result = reply.result as { ok: boolean; data?: T; code?: string; message?: string; details?: unknown };
  if (!result?.ok) throw new Error(`${what}: ${result?.code} ${result?.message} ${JSON.stringify(result?.details ?? '')}`);
  return result.data as T;
}

async function shopAdmin<A extends ActionName<'shopAdmin'>>(
  client: ControlClient, action: A, payload: RequestPayload<'shopAdmin', A>,
): Promise<ResponseData<'shopAdmin', A>> {
  return unwrap(await client.callFunction('shopAdmin', { action, payload }, OWNER), `shopAdmin.${action}`);
}

/** Uploads into the shop's own folder, as the mini-program does (core/contracts/storage.ts). */
async function upload(client: ControlClient, shopId: string, folder: ShopFolder, file: string): Promise<string> {
  const { fileID } = await client.upload(`${shopFolder(shopId, folder)}/${file}`, fs.readFileSync(path.join(photos, file)), OWNER);
  return fileID;
}

export async function seedDemoShop(cloudUrl: string): Promise<DemoShop> {
  const client = new ControlClient(cloudUrl);
  await client.registerMerchant(DEMO_SHOP.subMchId, DEMO_SHOP.merchantName);
  // Picture verdicts (security.mediaCheckAsync) go to the contentCheck function, as the console's 消息推送 does.
  await client.securityRules([], 'contentCheck');
  const existing = (await shopAdmin(client, 'myShops', {})).find((s) => s.name === DEMO_SHOP.name);
  if (existing) {
    const list = await shopAdmin(client, 'listProducts', { shopId: existing.shopId, limit: 50 });
    return { shopId: existing.shopId, code: existing.code, created: false, products: Object.fromEntries(list.items.map((p) => [p.name, p.productId])) };
  }

  const created = await shopAdmin(client, 'createShop', {
    requestId: 'demo-shop-0001', name: DEMO_SHOP.name, phone: DEMO_SHOP.phone, description: DEMO_SHOP.description,
  });
  // The logo goes into the shop's folder, which exists once the shop does (as on the open-shop page).
  const shop = await shopAdmin(client, 'updateShop', { shopId: created.shopId, logo: await upload(client, created.shopId, 'logo', 'logo.jpg') });
  await shopAdmin(client, 'updateSettings', {
    shopId: shop.shopId,
    subMchId: DEMO_SHOP.subMchId,
    delivery: {
      pickup: { enabled: true, address: DEMO_SHOP.pickupAddress, note: '到店报手机尾号' },
      local: { enabled: true, fee: 500, freeFrom: 3900, note: '3 公里内，30 分钟送达' },
      express: { enabled: false, fee: 0, freeFrom: null, note: '' },
    },
  });
  const categoryIds: Record<string, string> = {};
  let sort = 0;
  for (const [key, name] of Object.entries(DEMO_CATEGORIES)) {
    categoryIds[key] = (await shopAdmin(client, 'createCategory', { shopId: shop.shopId, name, sort: sort++ })).categoryId;
  }
  const recipes = await upload(client, shop.shopId, 'files', DEMO_RECIPES_FILE);
  const products: Record<string, string> = {};
  for (const [i, p] of DEMO_PRODUCTS.entries()) {
    const common = {
      shopId: shop.shopId,
      name: p.name,
      description: p.description,
      photos: [await upload(client, shop.shopId, 'products', `${p.key}.jpg`)],
      price: p.price,
      memberPrice: p.memberPrice ?? null,
      membersOnly: p.membersOnly ?? false,
      unlimited: p.stock === 'unlimited',
      stock: p.stock === 'unlimited' ? 0 : p.stock,
      categoryId: p.category ? categoryIds[p.category] : null,
      sort: i,
    };
    const created =
      p.kind === 'membership'
        ? await shopAdmin(client, 'createProduct', { ...common, kind: 'membership', membership: { tag: DEMO_MEMBER_TAG, lifetime: false, days: p.days! } })
        : p.kind === 'digital'
          ? await shopAdmin(client, 'createProduct', { ...common, kind: 'digital', digital: { fileID: recipes, fileName: '小店家常菜谱.pdf', downloadLimit: 3 } })
          : await shopAdmin(client, 'createProduct', { ...common, kind: 'physical' });
    products[p.name] = created.productId;
  }
  // The pictures' verdicts arrive 30 s (virtual) after the checks: let them, so buyers see the photos.
  await client.advanceClock(30_000);
  return { shopId: shop.shopId, code: shop.code, created: true, products };
}
