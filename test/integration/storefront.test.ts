// The storefront function through the local cloud with the real wx-server-sdk: the shop page's first
// screen in one call with the price THIS buyer pays, the shelf by page, and a product's detail
// (docs/product.md §8, §13). Round trips are counted from the local cloud's request log and printed
// (budget: storefront ≤ 3).
import type { Page, ProductCardView, ProductView, StorefrontHome } from '../../core/contracts/views';
import { membershipId } from '../../core/ids';
import type { MembershipDoc } from '../../core/model';
import { DAY_MS } from '../../core/time';
import { BUYER_A, BUYER_B, data, OWNER, startHarness, type Harness } from './harness';
import { callMeasured, openShopWithProducts, uploadPhoto, type ShopFixture } from './catalogue-helpers';
import { MEDIA_CHECK_DELAY_MS } from '../../localcloud/openapi/mediacheck';

jest.setTimeout(120_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  // Picture verdicts (security.mediaCheckAsync) reach the contentCheck function; buyers see a photo once it passed.
  await h.control.securityRules([], 'contentCheck');
});

const admin = <T>(action: string, payload: Record<string, unknown>) => h.call<T>('shopAdmin', action, payload, OWNER);
const home = (payload: Record<string, unknown>, openid = BUYER_A) => h.call<StorefrontHome>('storefront', 'home', payload, openid);
const byName = (page: StorefrontHome, name: string) => page.products.find((p) => p.name === name) as ProductCardView;
const shelf = (payload: Record<string, unknown>, openid = BUYER_A) => h.call<Page<ProductCardView>>('storefront', 'products', payload, openid);

async function membership(shopId: string, openid: string, tag: string, expiresInMs: number, lifetime = false): Promise<void> {
  const now = h.cloud.now();
  const doc: MembershipDoc = {
    _id: membershipId(shopId, openid, tag), shopId, buyerOpenid: openid, tag, expiresAt: now + expiresInMs,
    termStartedAt: now - DAY_MS, lifetimeGrants: lifetime ? 1 : 0, lifetime, reminderSentFor: null, expiredAt: null, createdAt: now - DAY_MS, updatedAt: now,
  };
  await h.control.seed({ memberships: [doc as unknown as Record<string, unknown>] });
}

/** The fixture shop plus a members-only product for `vip`, one off the shelf and one deleted. */
async function fullShop(): Promise<ShopFixture> {
  const f = await openShopWithProducts(h);
  const shopId = f.shop.shopId;
  data(await admin('createProduct', { shopId, kind: 'physical', name: '会员礼盒', price: 5000, memberPrice: 4000, memberTag: 'vip', membersOnly: true, stock: 3, sort: 4 }));
  const shelved = data(await admin<{ productId: string }>('createProduct', { shopId, kind: 'physical', name: '下架饼干', price: 500, stock: 5, sort: 5 }));
  data(await admin('setShelf', { shopId, productIds: [shelved.productId], onShelf: false }));
  const gone = data(await admin<{ productId: string }>('createProduct', { shopId, kind: 'physical', name: '已删除糖果', price: 300, stock: 5, sort: 6 }));
  data(await admin('deleteProduct', { shopId, productId: gone.productId }));
  data(await admin('createProduct', { shopId, kind: 'physical', name: '卖完的橙子', price: 800, stock: 0, sort: 7 }));
  return f;
}

describe('the shop page in one call', () => {
  test('by shop id: the shop, its categories, the products on the shelf in order, list prices for a non-member — 3 database round trips, 0 writes', async () => {
    const f = await fullShop();
    const seq = h.cloud.requests.lastSeq;
    const { result, dbTrips, byAction } = await callMeasured<StorefrontHome>(h, 'storefront', 'home', { shopId: f.shop.shopId }, BUYER_A);
    const page = data(result);
    console.log(`storefront.home by id: ${dbTrips} database round trips (${JSON.stringify(byAction)}), ${page.products.length} products`);
    expect(dbTrips).toBeLessThanOrEqual(3);
    expect(h.writesSince(seq)).toBe(0);
    expect(page.shop).toMatchObject({ shopId: f.shop.shopId, code: f.shop.code, name: '街角小店', acceptsWechatPay: false, payOnPickup: false });
    expect(page.shop.delivery).toEqual([{ method: 'pickup', fee: 0, freeFrom: null, note: '' }]);
    expect(page.categories).toEqual([{ categoryId: f.categoryId, name: '零食', sort: 1 }]);
    expect(page.products.map((p) => p.name)).toEqual(['蓝色薯片', '月卡', '食谱 PDF', '会员礼盒', '卖完的橙子']);
    expect(page.hasMore).toBe(false);
    expect(page.plans.map((p) => [p.name, p.membership])).toEqual([['月卡', { tag: 'vip', lifetime: false, days: 30 }]]);
    // A card is what the grid shows, not the product: no description, no SKUs, one photo.
    expect(Object.keys(byName(page, '蓝色薯片')).sort()).toEqual([
      'categoryId', 'hasOptions', 'kind', 'locked', 'memberPrice', 'memberPriceApplied', 'memberTag', 'membersOnly', 'name', 'payPrice', 'photo',
      'price', 'productId', 'soldOut', 'stock',
    ]);
    expect(byName(page, '蓝色薯片')).toMatchObject({ price: 1200, memberPrice: 1000, payPrice: 1200, memberPriceApplied: false, locked: false, soldOut: false, stock: 10 });
    expect(byName(page, '会员礼盒')).toMatchObject({ membersOnly: true, locked: true, payPrice: 5000 });
    expect(page.memberships).toEqual([]);
  });

  test('by the poster’s short code (any letter case): the same page, still 3 round trips', async () => {
    const f = await fullShop();
    const byId = data(await home({ shopId: f.shop.shopId }));
    const { result, dbTrips } = await callMeasured<StorefrontHome>(h, 'storefront', 'home', { shopCode: f.shop.code.toLowerCase() }, BUYER_A);
    console.log(`storefront.home by code: ${dbTrips} database round trips`);
    expect(dbTrips).toBeLessThanOrEqual(3);
    const byCode = data(result);
    expect({ ...byCode, products: byCode.products.map((p) => p.productId) }).toEqual({ ...byId, products: byId.products.map((p) => p.productId) });
  });

  test('the round trips do not grow with the catalogue: 40 products with 77 photos, 5 categories, 3 memberships → still 3, no storage call; the shelf pages through all 40', async () => {
    const f = await openShopWithProducts(h);
    const shopId = f.shop.shopId;
    for (let c = 0; c < 4; c++) data(await admin('createCategory', { shopId, name: `分类${c}`, sort: c + 2 }));
    for (let i = 0; i < 37; i++) {
      const photos = [await uploadPhoto(h, shopId, `bulk-${i}-a`), await uploadPhoto(h, shopId, `bulk-${i}-b`)];
      data(await admin('createProduct', { shopId, kind: 'physical', name: `商品${i}`, price: 100 + i, stock: 5, photos, sort: 10 + i }));
    }
    for (const tag of ['vip', 'gold', 'old']) await membership(shopId, BUYER_A, tag, tag === 'old' ? -DAY_MS : 10 * DAY_MS);
    await h.control.advanceClock(MEDIA_CHECK_DELAY_MS); // every photo's content-security verdict: pass
    const { result, dbTrips, byAction } = await callMeasured<StorefrontHome>(h, 'storefront', 'home', { shopId }, BUYER_A);
    const page = data(result);
    const storageCalls = Object.entries(byAction).filter(([a]) => a.startsWith('storage.')).length;
    const second = data(await shelf({ shopId, offset: 20, limit: 20 }));
    const all = [...page.products, ...second.items];
    console.log(`storefront.home, 40 products / ${page.categories.length} categories / ${page.memberships.length} memberships: ${dbTrips} database round trips, ${storageCalls} storage calls; first page ${page.products.length} cards, the second ${second.items.length}`);
    expect([page.products.length, page.hasMore, second.items.length, second.hasMore, page.categories.length, page.memberships.length]).toEqual([20, true, 20, false, 5, 3]);
    expect(new Set(all.map((p) => p.productId)).size).toBe(40);
    expect(all.filter((p) => p.name.startsWith('商品')).map((p) => p.name)).toEqual(Array.from({ length: 37 }, (_, i) => `商品${i}`));
    expect(dbTrips).toBeLessThanOrEqual(3);
    expect(storageCalls).toBe(0);
    expect(all.filter((p) => p.photo !== null).every((p) => p.photo!.startsWith('cloud://'))).toBe(true);
  });

  test('photos and the logo are cloud:// fileIDs the mini-program loads as they are, and the H5 preview resolves through the local cloud', async () => {
    const f = await openShopWithProducts(h);
    const logo = await uploadPhoto(h, f.shop.shopId, 'logo', 'logo');
    data(await admin('updateShop', { shopId: f.shop.shopId, logo }));
    await h.control.advanceClock(MEDIA_CHECK_DELAY_MS); // the photo's and the logo's content-security verdicts: pass
    const page = data(await home({ shopId: f.shop.shopId }));
    const chips = byName(page, '蓝色薯片');
    expect(chips.photo).toBe(f.physical.photos[0]);
    expect(page.shop.logo).toBe(logo);
    // What src/services/images.ts does in the H5 build: one request for the pictures of a screen.
    const res = await fetch(`${h.cloud.url}/gateway/temp-file-urls`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fileList: [logo, chips.photo] }),
    });
    const urls = ((await res.json()) as { fileList: { tempFileURL: string }[] }).fileList.map((x) => x.tempFileURL);
    expect(urls).toHaveLength(2);
    for (const url of urls) expect((await fetch(encodeURI(url))).status).toBe(200);
    expect(byName(page, '月卡').photo).toBeNull();
  });

  test('an unknown shop id or code is SHOP_NOT_FOUND', async () => {
    expect(await home({ shopId: 'S20240101000000nothere0' })).toMatchObject({ ok: false, code: 'SHOP_NOT_FOUND' });
    expect(await home({ shopCode: 'ZZZZZZ' })).toMatchObject({ ok: false, code: 'SHOP_NOT_FOUND' });
  });

  test('buyers see the delivery offers and whether WeChat Pay is set up, never the merchant id or the owner’s settings', async () => {
    const f = await openShopWithProducts(h);
    data(await admin('updateSettings', {
      shopId: f.shop.shopId, subMchId: '1900000109', payOnPickup: true,
      delivery: { pickup: { enabled: true, address: '幸福路 1 号', note: '9 点到 18 点' }, local: { enabled: true, fee: 500, freeFrom: 5000, note: '3 公里内' }, express: { enabled: false, fee: 1000 } },
    }));
    const page = data(await home({ shopId: f.shop.shopId }));
    expect(page.shop).toMatchObject({ acceptsWechatPay: true, payOnPickup: true });
    expect(page.shop.delivery).toEqual([
      { method: 'pickup', fee: 0, freeFrom: null, note: '幸福路 1 号；9 点到 18 点' },
      { method: 'local', fee: 500, freeFrom: 5000, note: '3 公里内' },
    ]);
    expect(JSON.stringify(page)).not.toContain('1900000109');
    expect(page.shop).not.toHaveProperty('settings');
  });
});

describe('the price this buyer pays', () => {
  test('an active vip pays member prices and may buy members-only products; the membership shows as active with days left', async () => {
    const f = await fullShop();
    await membership(f.shop.shopId, BUYER_A, 'vip', 10 * DAY_MS);
    const page = data(await home({ shopId: f.shop.shopId }));
    expect(byName(page, '蓝色薯片')).toMatchObject({ payPrice: 1000, memberPriceApplied: true });
    expect(byName(page, '会员礼盒')).toMatchObject({ payPrice: 4000, memberPriceApplied: true, locked: false });
    expect(page.memberships).toEqual([
      { shopId: f.shop.shopId, shopName: '街角小店', tag: 'vip', state: 'active', expiresAt: expect.any(Number), lifetime: false, daysLeft: 10 },
    ]);
    // Another buyer of the same shop still sees list prices.
    expect(byName(data(await home({ shopId: f.shop.shopId }, BUYER_B)), '蓝色薯片').payPrice).toBe(1200);
  });

  test('an expired membership (checked on read) gives list prices and locks members-only products; it is shown as expired', async () => {
    const f = await fullShop();
    await membership(f.shop.shopId, BUYER_A, 'vip', 2 * DAY_MS);
    expect(byName(data(await home({ shopId: f.shop.shopId })), '蓝色薯片').payPrice).toBe(1000);
    await h.control.advanceClock(2 * DAY_MS);
    const page = data(await home({ shopId: f.shop.shopId }));
    expect(byName(page, '蓝色薯片')).toMatchObject({ payPrice: 1200, memberPriceApplied: false });
    expect(byName(page, '会员礼盒')).toMatchObject({ locked: true, payPrice: 5000 });
    expect(page.memberships[0]).toMatchObject({ tag: 'vip', state: 'expired', daysLeft: 0 });
  });

  test('tags are per product: a product naming `vip` ignores `gold`; a product naming no tag accepts any active one', async () => {
    const f = await fullShop();
    await membership(f.shop.shopId, BUYER_A, 'gold', 30 * DAY_MS, true);
    const page = data(await home({ shopId: f.shop.shopId }));
    expect(byName(page, '蓝色薯片')).toMatchObject({ memberTag: null, payPrice: 1000 });
    expect(byName(page, '会员礼盒')).toMatchObject({ memberTag: 'vip', locked: true, payPrice: 5000 });
    expect(page.memberships[0]).toMatchObject({ tag: 'gold', state: 'lifetime', daysLeft: null });
  });

  test('a membership in another shop does not count here', async () => {
    const f = await fullShop();
    const other = await openShopWithProducts(h, BUYER_B, '别人的店');
    await membership(other.shop.shopId, BUYER_A, 'vip', 30 * DAY_MS);
    const page = data(await home({ shopId: f.shop.shopId }));
    expect(byName(page, '蓝色薯片').payPrice).toBe(1200);
    expect(page.memberships).toEqual([]);
  });
});

describe('what is listed', () => {
  test('off-shelf and deleted products are not listed; sold out is flagged; unlimited stock reads null; a digital file shows its name, never its fileID', async () => {
    const f = await fullShop();
    const page = data(await home({ shopId: f.shop.shopId }));
    expect(page.products.map((p) => p.name)).not.toEqual(expect.arrayContaining(['下架饼干']));
    expect(page.products.map((p) => p.name)).not.toEqual(expect.arrayContaining(['已删除糖果']));
    expect(byName(page, '卖完的橙子')).toMatchObject({ soldOut: true, stock: 0 });
    expect(byName(page, '月卡')).toMatchObject({ kind: 'membership', stock: null, soldOut: false });
    const pdf = data(await h.call<ProductView>('storefront', 'product', { shopId: f.shop.shopId, productId: f.digital.productId }, BUYER_A));
    expect(pdf.digital).toEqual({ fileName: 'recipes.pdf', downloadLimit: 5 });
    expect(JSON.stringify(pdf)).not.toContain(String(f.digital.digital?.fileID));
    expect(JSON.stringify(page)).not.toContain(String(f.digital.digital?.fileID));
    expect(byName(page, '蓝色薯片')).not.toHaveProperty('reserved');
  });
});

describe('product detail', () => {
  test('the same price and marks as its card in the listing, in 2 database round trips', async () => {
    const f = await fullShop();
    await membership(f.shop.shopId, BUYER_A, 'vip', 10 * DAY_MS);
    const listed = byName(data(await home({ shopId: f.shop.shopId })), '蓝色薯片');
    const { result, dbTrips } = await callMeasured<ProductView>(h, 'storefront', 'product', { shopId: f.shop.shopId, productId: f.physical.productId }, BUYER_A);
    console.log(`storefront.product: ${dbTrips} database round trips`);
    expect(dbTrips).toBeLessThanOrEqual(2);
    const detail = data(result);
    const { photos, ...same } = detail;
    expect({ ...same, photo: photos[0] ?? null, hasOptions: detail.options.length > 0 }).toMatchObject(listed);
    expect(detail.payPrice).toBe(1000);
  });

  test('off the shelf → OFF_SHELF, deleted → PRODUCT_UNAVAILABLE, another shop’s product → PRODUCT_NOT_FOUND', async () => {
    const f = await fullShop();
    const other = await openShopWithProducts(h, BUYER_B, '别人的店');
    const docs = h.docs<{ _id: string; name: string }>('products');
    const id = (name: string) => (docs.find((d) => d.name === name) as { _id: string })._id;
    const detail = (productId: string, shopId = f.shop.shopId) => h.call('storefront', 'product', { shopId, productId }, BUYER_A);
    expect(await detail(id('下架饼干'))).toMatchObject({ ok: false, code: 'OFF_SHELF' });
    expect(await detail(id('已删除糖果'))).toMatchObject({ ok: false, code: 'PRODUCT_UNAVAILABLE' });
    expect(await detail(other.physical.productId)).toMatchObject({ ok: false, code: 'PRODUCT_NOT_FOUND' });
  });
});
