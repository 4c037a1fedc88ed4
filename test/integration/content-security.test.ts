// Content security for what a shop publishes (docs/wechat-contracts.md §7a), through the local cloud's
// security.msgSecCheck / mediaCheckAsync and its wxa_media_check push to the contentCheck function:
// refused text is CONTENT_RISKY and nothing is written; a photo or logo under review is invisible to
// buyers (the owner sees it under 审核中), visible after a pass, removed after a risky verdict with an
// alert for the owner.
import { createHash } from 'node:crypto';
import type { AlertRow, OwnerProductView, Page, ProductView, ShopOwnerView, StorefrontHome } from '../../core/contracts/views';
import type { ProductDoc } from '../../core/model';
import { shopFolder } from '../../core/contracts/storage';
import { BUYER_A, data, OWNER, startHarness, type Harness } from './harness';
import { openShopWithProducts, PIXEL_PNG, uploadPhoto, type ShopFixture } from './catalogue-helpers';
import { MEDIA_CHECK_DELAY_MS } from '../../localcloud/openapi/mediacheck';

jest.setTimeout(180_000);

let h: Harness;
let f: ShopFixture;
const RISKY_PNG = Buffer.concat([PIXEL_PNG, Buffer.from('risky')]);

beforeAll(async () => {
  h = await startHarness();
  await h.control.securityRules([
    { word: '赌博', verdicts: ['risky'], label: 20006 },
    { word: '加微信', verdicts: ['review'], label: 10001 },
    { sha256: createHash('sha256').update(RISKY_PNG).digest('hex'), verdicts: ['risky'], label: 20002 },
  ], 'contentCheck');
  f = await openShopWithProducts(h);
});

afterAll(() => h.close());

const admin = <T>(action: string, payload: Record<string, unknown>) => h.call<T>('shopAdmin', action, payload, OWNER);
const product = (productId: string) => h.call<ProductView>('storefront', 'product', { shopId: f.shop.shopId, productId }, BUYER_A);

describe('text a buyer will read', () => {
  test.each([
    ['createShop', () => ({ requestId: 'open-risky-0001', name: '网上赌博店', phone: '13800000000' }), 'name'],
    ['updateShop', () => ({ shopId: f.shop.shopId, description: '想要优惠加微信' }), 'description'],
    ['createProduct', () => ({ shopId: f.shop.shopId, kind: 'physical', name: '赌博机', price: 100, stock: 1 }), 'name'],
    ['updateProduct', () => ({ shopId: f.shop.shopId, productId: f.physical.productId, patch: { description: '赌博专用' } }), 'description'],
    ['createCategory', () => ({ shopId: f.shop.shopId, name: '赌博用品' }), 'name'],
    ['updateCategory', () => ({ shopId: f.shop.shopId, categoryId: f.categoryId, name: '加微信返现' }), 'name'],
  ] as const)('%s with refused text: CONTENT_RISKY naming the field, nothing written', async (action, payload, field) => {
    const seq = h.cloud.requests.lastSeq;
    const result = await admin(action, payload());
    expect(result).toMatchObject({ ok: false, code: 'CONTENT_RISKY', message: '内容可能不符合微信平台规范，请修改后再保存', details: { fields: [field] } });
    expect(h.writesSince(seq)).toBe(0);
  });

  test('clean text is saved as before', async () => {
    expect(await admin('updateProduct', { shopId: f.shop.shopId, productId: f.physical.productId, patch: { description: '现烤现卖' } })).toMatchObject({ ok: true });
  });
});

describe('pictures', () => {
  test('a new photo is invisible to buyers while under review (the owner sees 审核中), visible after the pass', async () => {
    const photo = await uploadPhoto(h, f.shop.shopId, 'croissant');
    const created = data(await admin<OwnerProductView>('createProduct', { shopId: f.shop.shopId, kind: 'physical', name: '可颂', price: 800, stock: 5, photos: [photo] }));
    expect(created.reviewing).toEqual([photo]);
    expect(data(await product(created.productId))).toMatchObject({ photos: [] });
    const home = data(await h.call<StorefrontHome>('storefront', 'home', { shopId: f.shop.shopId }, BUYER_A));
    expect(home.products.find((p) => p.productId === created.productId)?.photo).toBeNull();

    await h.control.advanceClock(MEDIA_CHECK_DELAY_MS);
    const shown = data(await product(created.productId));
    expect(shown.photos).toEqual([photo]);
    expect(data(await admin<OwnerProductView>('getProduct', { shopId: f.shop.shopId, productId: created.productId })).reviewing).toEqual([]);
  });

  test('a risky photo is taken off the product after the verdict and the owner is told who uploaded it', async () => {
    const good = await uploadPhoto(h, f.shop.shopId, 'bagel');
    const bad = (await h.control.upload(`${shopFolder(f.shop.shopId, 'products')}/bad.png`, RISKY_PNG, OWNER)).fileID;
    const created = data(await admin<OwnerProductView>('createProduct', { shopId: f.shop.shopId, kind: 'physical', name: '贝果', price: 900, stock: 5, photos: [bad, good] }));
    expect(data(await product(created.productId)).photos).toEqual([]);
    await h.control.advanceClock(MEDIA_CHECK_DELAY_MS);
    expect(data(await product(created.productId)).photos).toEqual([good]);
    expect(h.docs<ProductDoc>('products').find((p) => p._id === created.productId)).toMatchObject({ photos: [good], reviewing: [] });
    const alerts = data(await admin<Page<AlertRow>>('alerts', { shopId: f.shop.shopId })).items;
    expect(alerts).toContainEqual(expect.objectContaining({ kind: 'photo_removed', byName: '店长', message: expect.stringContaining('贝果') }));
    console.log(`content security: risky photo removed, ${alerts.filter((a) => a.kind === 'photo_removed').length} alert(s): ${alerts[0].message}`);
  });

  test('a new logo is not shown to buyers until it passes', async () => {
    const logo = await uploadPhoto(h, f.shop.shopId, 'logo', 'logo');
    expect(data(await admin<ShopOwnerView>('updateShop', { shopId: f.shop.shopId, logo }))).toMatchObject({ logo, logoReviewing: true });
    const home = () => h.call<StorefrontHome>('storefront', 'home', { shopId: f.shop.shopId }, BUYER_A);
    expect(data(await home()).shop).toMatchObject({ logo: null });
    await h.control.advanceClock(MEDIA_CHECK_DELAY_MS);
    expect(data(await home()).shop.logo).toBe(logo);
  });

  test('a client cannot pose as the platform: a verdict sent from the mini-program is FORBIDDEN_SOURCE', async () => {
    const forged = { Event: 'wxa_media_check', trace_id: 'forged', version: 2, result: { suggest: 'pass', label: 100 } };
    expect(await h.control.callFunction('contentCheck', forged, BUYER_A)).toMatchObject({ ok: true, result: { ok: false, code: 'FORBIDDEN_SOURCE' } });
  });
});
