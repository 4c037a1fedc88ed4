// The catalogue half of shopAdmin through the local cloud with the real wx-server-sdk: shops, settings,
// the poster code, categories and the three kinds of product (docs/product.md §1, §2, §6, §7).
import type {
  CategoryView, OwnerProductView, Page, PlaceResult, QrCodeResult, ShopOwnerView, ShopSummary,
} from '../../core/contracts/views';
import type { ProductDoc, ShopDoc } from '../../core/model';
import { SHOP_CODE_PATTERN } from '../../core/ids';
import { BUYER_A, data, MERCHANT, OWNER, startHarness, type Harness } from './harness';
import { openShopWithProducts, PIXEL_PNG, shopRequestId, uploadDigital, uploadPhoto } from './catalogue-helpers';

jest.setTimeout(120_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.control.reset());

const admin = <T>(action: string, payload: Record<string, unknown>, openid = OWNER) => h.call<T>('shopAdmin', action, payload, openid);
const productDoc = (id: string) => h.docs<ProductDoc>('products').find((p) => p._id === id) as ProductDoc;

describe('shops', () => {
  test('opening a shop gives it a 6-character code and the default settings (pickup only, manual acceptance, 15 minutes)', async () => {
    const shop = data(await admin<ShopOwnerView>('createShop', { requestId: shopRequestId(), name: ' 街角小店 ', phone: '13800000000' }));
    expect(shop.name).toBe('街角小店');
    expect(shop.code).toMatch(SHOP_CODE_PATTERN);
    expect(shop.settings).toMatchObject({ subMchId: null, acceptMode: 'manual', unpaidTimeoutMinutes: 15, payOnPickup: false });
    expect(shop.settings.delivery.pickup.enabled).toBe(true);
    const stored = h.docs<ShopDoc>('shops');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ _id: shop.shopId, ownerOpenid: OWNER, code: shop.code, logo: null, description: '' });
  });

  test('the shop belongs to the caller of getWXContext, whatever the event says', async () => {
    const shop = data(await admin<ShopOwnerView>('createShop', { requestId: shopRequestId(), name: '小店', phone: '13800000000' }, BUYER_A));
    expect(h.docs<ShopDoc>('shops')[0]).toMatchObject({ _id: shop.shopId, ownerOpenid: BUYER_A });
  });

  test('a logo fileID (uploaded into the new shop’s folder) comes back as it is, and its temp URL serves the image', async () => {
    const created = data(await admin<ShopOwnerView>('createShop', { requestId: shopRequestId(), name: '小店', phone: '13800000000' }));
    const logo = await uploadPhoto(h, created.shopId, 'logo', 'logo');
    const shop = data(await admin<ShopOwnerView>('updateShop', { shopId: created.shopId, logo }));
    expect(shop.logo).toBe(logo);
    const res = await fetch(encodeURI(await tempUrl(logo)));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PIXEL_PNG);
  });

  test('my shops: the caller’s own shops, newest first; another user sees none', async () => {
    const first = data(await admin<ShopOwnerView>('createShop', { requestId: shopRequestId(), name: '一号店', phone: '13800000000' }));
    await h.control.advanceClock(1000);
    const second = data(await admin<ShopOwnerView>('createShop', { requestId: shopRequestId(), name: '二号店', phone: '13800000000' }));
    const mine = data(await admin<ShopSummary[]>('myShops', {}));
    expect(mine.map((s) => s.shopId)).toEqual([second.shopId, first.shopId]);
    expect(mine[0]).toMatchObject({ name: '二号店', acceptMode: 'manual', waiting: 0 });
    expect(data(await admin<ShopSummary[]>('myShops', {}, BUYER_A))).toEqual([]);
  });

  test('my shops counts the paid orders waiting for the owner (a real order, paid in the sandbox)', async () => {
    const { shop, physical } = await openShopWithProducts(h);
    data(await admin('updateSettings', { shopId: shop.shopId, subMchId: MERCHANT }));
    const placed = data(await h.call<PlaceResult>('confirmOrder', 'place', {
      shopId: shop.shopId, requestId: 'waiting-order-01', lines: [{ productId: physical.productId, quantity: 1 }], deliveryMethod: 'pickup', paymentMethod: 'wechat',
    }, BUYER_A));
    expect(data(await admin<ShopSummary[]>('myShops', {}))[0].waiting).toBe(0);
    await h.control.pay(String(placed.payment?.package).replace('prepay_id=', ''), 'pay', BUYER_A);
    expect(data(await admin<ShopSummary[]>('myShops', {}))[0]).toMatchObject({ shopId: shop.shopId, waiting: 1 });
  });

  test('an owner may open 10 shops; the 11th is SHOP_LIMIT and writes nothing', async () => {
    for (let i = 0; i < 10; i++) data(await admin('createShop', { requestId: shopRequestId(), name: `店${i}`, phone: '13800000000' }));
    const seq = h.cloud.requests.lastSeq;
    const eleventh = await admin('createShop', { requestId: shopRequestId(), name: '店10', phone: '13800000000' });
    expect(eleventh).toMatchObject({ ok: false, code: 'SHOP_LIMIT' });
    expect(h.writesSince(seq)).toBe(0);
    expect(h.docs('shops')).toHaveLength(10);
  });

  test('updateShop changes only the fields it names', async () => {
    const shop = data(await admin<ShopOwnerView>('createShop', { requestId: shopRequestId(), name: '小店', phone: '13800000000', description: '水果' }));
    const updated = data(await admin<ShopOwnerView>('updateShop', { shopId: shop.shopId, description: '水果和零食' }));
    expect(updated).toMatchObject({ name: '小店', phone: '13800000000', description: '水果和零食', code: shop.code });
    expect(h.docs<ShopDoc>('shops')[0]).toMatchObject({ name: '小店', description: '水果和零食' });
  });

  test('settings: named settings change, the rest stay; delivery is replaced whole; null unbinds the merchant', async () => {
    const shop = data(await admin<ShopOwnerView>('createShop', { requestId: shopRequestId(), name: '小店', phone: '13800000000' }));
    const delivery = {
      pickup: { enabled: true, address: '幸福路 1 号' },
      local: { enabled: true, fee: 500, freeFrom: 5000 },
      express: { enabled: false, fee: 1000 },
    };
    const set = data(await admin<ShopOwnerView>('updateSettings', { shopId: shop.shopId, subMchId: '1900000109', delivery, acceptMode: 'auto' }));
    expect(set.settings).toMatchObject({ subMchId: '1900000109', acceptMode: 'auto', unpaidTimeoutMinutes: 15, payOnPickup: false });
    expect(set.settings.delivery).toEqual({
      pickup: { enabled: true, address: '幸福路 1 号', note: '' },
      local: { enabled: true, fee: 500, freeFrom: 5000, note: '' },
      express: { enabled: false, fee: 1000, freeFrom: null, note: '' },
    });
    const unbound = data(await admin<ShopOwnerView>('updateSettings', { shopId: shop.shopId, subMchId: null, unpaidTimeoutMinutes: 30 }));
    expect(unbound.settings).toMatchObject({ subMchId: null, acceptMode: 'auto', unpaidTimeoutMinutes: 30 });
    expect(h.docs<ShopDoc>('shops')[0].settings).toEqual(unbound.settings);
  });

  test('the poster code: wxacode.getUnlimited with scene s=<code> on pages/shop/index, a PNG in storage behind a temp URL', async () => {
    const shop = data(await admin<ShopOwnerView>('createShop', { requestId: shopRequestId(), name: '小店', phone: '13800000000' }));
    const qr = data(await admin<QrCodeResult>('qrCode', { shopId: shop.shopId }));
    expect(qr).toMatchObject({ scene: `s=${shop.code}`, page: 'pages/shop/index', fileID: expect.stringMatching(/^cloud:\/\//) });
    const { messages } = await h.control.outbox();
    expect(messages.filter((m) => m.kind === 'wxacode').map((m) => m.payload)).toEqual([
      expect.objectContaining({ scene: `s=${shop.code}`, page: 'pages/shop/index' }),
    ]);
    const png = Buffer.from(await (await fetch(encodeURI(qr.tempFileURL))).arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const again = data(await admin<QrCodeResult>('qrCode', { shopId: shop.shopId }));
    expect(again.fileID).toBe(qr.fileID);
  });
});

describe('categories', () => {
  test('created, renamed, listed by sort; deleting one leaves its products uncategorised', async () => {
    const { shop, categoryId, physical } = await openShopWithProducts(h);
    const drinks = data(await admin<CategoryView>('createCategory', { shopId: shop.shopId, name: '饮料', sort: 0 }));
    const renamed = data(await admin<CategoryView>('updateCategory', { shopId: shop.shopId, categoryId: drinks.categoryId, name: '冷饮' }));
    expect(renamed).toEqual({ categoryId: drinks.categoryId, name: '冷饮', sort: 0 });
    const listed = data(await admin<CategoryView[]>('listCategories', { shopId: shop.shopId }));
    expect(listed.map((c) => c.name)).toEqual(['冷饮', '零食']);

    expect(data(await admin('deleteCategory', { shopId: shop.shopId, categoryId }))).toEqual({ categoryId });
    expect(h.docs('categories')).toHaveLength(1);
    expect(productDoc(physical.productId).categoryId).toBeNull();
  });

  test('a category of another shop is CATEGORY_NOT_FOUND, for the category and for a product naming it', async () => {
    const mine = await openShopWithProducts(h);
    const other = await openShopWithProducts(h, BUYER_A, '别人的店');
    const seq = h.cloud.requests.lastSeq;
    expect(await admin('updateCategory', { shopId: mine.shop.shopId, categoryId: other.categoryId, name: 'x' })).toMatchObject({ code: 'CATEGORY_NOT_FOUND' });
    expect(await admin('deleteCategory', { shopId: mine.shop.shopId, categoryId: other.categoryId })).toMatchObject({ code: 'CATEGORY_NOT_FOUND' });
    expect(await admin('createProduct', { shopId: mine.shop.shopId, kind: 'physical', name: '饼干', price: 500, categoryId: other.categoryId }))
      .toMatchObject({ code: 'CATEGORY_NOT_FOUND' });
    expect(h.writesSince(seq)).toBe(0);
  });
});

describe('products', () => {
  test('the three kinds keep their own fields; owners see stock, reserved and sold; photos are fileIDs that resolve to images', async () => {
    const { physical, membership, digital } = await openShopWithProducts(h);
    expect(physical).toMatchObject({ kind: 'physical', price: 1200, memberPrice: 1000, stock: 10, reserved: 0, sold: 0, onShelf: true, membership: null, digital: null });
    expect(physical.photos).toHaveLength(1);
    expect((await fetch(encodeURI(await tempUrl(physical.photos[0])))).status).toBe(200);
    expect(membership).toMatchObject({ kind: 'membership', unlimited: true, membership: { tag: 'vip', lifetime: false, days: 30 }, digital: null });
    expect(digital).toMatchObject({ kind: 'digital', digital: { fileName: 'recipes.pdf', downloadLimit: 5, version: 1 }, membership: null });
    expect(h.docs('products')).toHaveLength(3);
  });

  test('a stock edit sets what is available now; units reserved or sold are not touched', async () => {
    const { shop, physical } = await openShopWithProducts(h);
    // As if checkouts had reserved 3 and sold 2 of the 10 (B's confirmOrder / payNotify move these).
    await h.cloud.db.seed('products', [{ ...productDoc(physical.productId), stock: 5, reserved: 3, sold: 2 }]);
    const edited = data(await admin<OwnerProductView>('updateProduct', { shopId: shop.shopId, productId: physical.productId, patch: { stock: 12 } }));
    expect(edited).toMatchObject({ stock: 12, reserved: 3, sold: 2 });
    const lowered = data(await admin<OwnerProductView>('updateProduct', { shopId: shop.shopId, productId: physical.productId, patch: { stock: 0 } }));
    expect(lowered).toMatchObject({ stock: 0, reserved: 3, sold: 2 });
    expect(productDoc(physical.productId)).toMatchObject({ stock: 0, reserved: 3, sold: 2 });
  });

  test('a stock edit racing a checkout: the checkout reserves 3 between the edit’s read and write; the edit re-reads and available ends at exactly what the owner set, never below zero', async () => {
    const { shop, physical } = await openShopWithProducts(h);
    data(await admin('updateSettings', { shopId: shop.shopId, subMchId: MERCHANT }));
    const place = (requestId: string, quantity: number) => h.call('confirmOrder', 'place', {
      shopId: shop.shopId, requestId, lines: [{ productId: physical.productId, quantity }], deliveryMethod: 'pickup', paymentMethod: 'wechat',
    }, BUYER_A);
    data(await place('race-warmup-01', 1)); // warm instances; stock 9, reserved 1
    // Hold the owner's guarded write (the first modifyDocument from now on) while a checkout runs.
    await h.control.fault({ target: 'database', mode: 'delay', action: 'database.modifyDocument', count: 1, delayMs: 5000 });
    const edit = admin<OwnerProductView>('updateProduct', { shopId: shop.shopId, productId: physical.productId, patch: { stock: 2 } });
    while (h.cloud.faults.list().length > 0) await new Promise((r) => setTimeout(r, 10));
    data(await place('race-order-0001', 3)); // reserves 3 while the edit waits: stock 6 — the edit read 9
    const edited = data(await edit);
    expect(edited.stock).toBe(2);
    expect(productDoc(physical.productId)).toMatchObject({ stock: 2, reserved: 4, sold: 0 });
  });

  test('a patch is checked against the stored product: member price above the new price, or a plan on a physical product, writes nothing', async () => {
    const { shop, physical } = await openShopWithProducts(h);
    const seq = h.cloud.requests.lastSeq;
    expect(await admin('updateProduct', { shopId: shop.shopId, productId: physical.productId, patch: { price: 900 } }))
      .toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { path: 'patch.memberPrice' } });
    expect(await admin('updateProduct', { shopId: shop.shopId, productId: physical.productId, patch: { membership: { tag: 'vip', lifetime: true } } }))
      .toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { path: 'patch.membership' } });
    expect(h.writesSince(seq)).toBe(0);
    expect(productDoc(physical.productId).price).toBe(1200);
  });

  test('a new file for a digital product bumps its version; the same file does not', async () => {
    const { shop, digital } = await openShopWithProducts(h);
    const v1 = String(digital.digital?.fileID);
    const same = data(await admin<OwnerProductView>('updateProduct', {
      shopId: shop.shopId, productId: digital.productId, patch: { digital: { fileID: v1, fileName: 'recipes.pdf', downloadLimit: 3 } },
    }));
    expect(same.digital).toEqual({ fileID: v1, fileName: 'recipes.pdf', downloadLimit: 3, version: 1 });
    const v2 = await uploadDigital(h, shop.shopId, 'recipes-v2.pdf');
    const next = data(await admin<OwnerProductView>('updateProduct', {
      shopId: shop.shopId, productId: digital.productId, patch: { digital: { fileID: v2, fileName: 'recipes.pdf' } },
    }));
    expect(next.digital).toMatchObject({ fileID: v2, version: 2, downloadLimit: 5 });
    expect(productDoc(digital.productId).digital?.version).toBe(2);
  });

  test('shelf off and on for several products; products of another shop are not touched', async () => {
    const { shop, physical, digital } = await openShopWithProducts(h);
    const other = await openShopWithProducts(h, BUYER_A, '别人的店');
    const off = data(await admin<{ updated: number }>('setShelf', { shopId: shop.shopId, productIds: [physical.productId, digital.productId, other.physical.productId], onShelf: false }));
    expect(off.updated).toBe(2);
    expect(productDoc(physical.productId).onShelf).toBe(false);
    expect(productDoc(other.physical.productId).onShelf).toBe(true);
    const on = data(await admin<{ updated: number }>('setShelf', { shopId: shop.shopId, productIds: [physical.productId], onShelf: true }));
    expect(on.updated).toBe(1);
    expect([productDoc(physical.productId).onShelf, productDoc(digital.productId).onShelf]).toEqual([true, false]);
  });

  test('soft delete: gone from the list unless asked for, kept in the database, deleting twice is fine, editing it is PRODUCT_UNAVAILABLE', async () => {
    const { shop, physical } = await openShopWithProducts(h);
    expect(data(await admin('deleteProduct', { shopId: shop.shopId, productId: physical.productId }))).toEqual({ productId: physical.productId });
    expect(data(await admin('deleteProduct', { shopId: shop.shopId, productId: physical.productId }))).toEqual({ productId: physical.productId });
    expect(productDoc(physical.productId)).toMatchObject({ deleted: true, onShelf: false, name: '蓝色薯片', price: 1200 });
    const listed = data(await admin<Page<OwnerProductView>>('listProducts', { shopId: shop.shopId }));
    expect(listed.items.map((p) => p.name)).toEqual(['月卡', '食谱 PDF']);
    const all = data(await admin<Page<OwnerProductView>>('listProducts', { shopId: shop.shopId, includeDeleted: true }));
    expect(all.items).toHaveLength(3);
    expect(await admin('updateProduct', { shopId: shop.shopId, productId: physical.productId, patch: { price: 1500 } })).toMatchObject({ code: 'PRODUCT_UNAVAILABLE' });
  });

  test('listing pages through the products in sort order and filters by category', async () => {
    const { shop, categoryId } = await openShopWithProducts(h);
    const first = data(await admin<Page<OwnerProductView>>('listProducts', { shopId: shop.shopId, limit: 2 }));
    expect(first).toMatchObject({ offset: 0, limit: 2, hasMore: true });
    expect(first.items.map((p) => p.name)).toEqual(['蓝色薯片', '月卡']);
    const second = data(await admin<Page<OwnerProductView>>('listProducts', { shopId: shop.shopId, offset: 2, limit: 2 }));
    expect(second.items.map((p) => p.name)).toEqual(['食谱 PDF']);
    expect(second.hasMore).toBe(false);
    const inCategory = data(await admin<Page<OwnerProductView>>('listProducts', { shopId: shop.shopId, categoryId }));
    expect(inCategory.items.map((p) => p.name)).toEqual(['蓝色薯片']);
    const uncategorised = data(await admin<Page<OwnerProductView>>('listProducts', { shopId: shop.shopId, categoryId: null }));
    expect(uncategorised.items.map((p) => p.name)).toEqual(['月卡', '食谱 PDF']);
  });

  test('reorder: each id’s position becomes its sort; an id of another shop changes nothing', async () => {
    const { shop, physical, membership, digital } = await openShopWithProducts(h);
    const other = await openShopWithProducts(h, BUYER_A, '别人的店');
    const res = data(await admin<{ updated: number }>('reorder', {
      shopId: shop.shopId, target: 'products', ids: [digital.productId, other.digital.productId, membership.productId, physical.productId],
    }));
    expect(res.updated).toBe(3);
    const listed = data(await admin<Page<OwnerProductView>>('listProducts', { shopId: shop.shopId }));
    expect(listed.items.map((p) => p.name)).toEqual(['食谱 PDF', '月卡', '蓝色薯片']);
    expect(productDoc(other.digital.productId).sort).toBe(3);
  });

  test('another shop’s product id is PRODUCT_NOT_FOUND for the owner of this shop', async () => {
    const mine = await openShopWithProducts(h);
    const other = await openShopWithProducts(h, BUYER_A, '别人的店');
    expect(await admin('getProduct', { shopId: mine.shop.shopId, productId: other.physical.productId })).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    expect(await admin('deleteProduct', { shopId: mine.shop.shopId, productId: other.physical.productId })).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    expect(productDoc(other.physical.productId).deleted).toBe(false);
  });
});

/** What the H5 preview does with a cloud:// fileID (src/services/images.ts): ask the local cloud for a temp URL. */
async function tempUrl(fileID: string): Promise<string> {
  const res = await fetch(`${h.cloud.url}/gateway/temp-file-urls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fileList: [fileID] }) });
  return ((await res.json()) as { fileList: { tempFileURL: string }[] }).fileList[0].tempFileURL;
}
