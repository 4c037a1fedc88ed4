//, items 1 and 2, as attacks: a buyer who has not paid tries every buyer-facing call and every
// fileID and URL those calls showed, to get a shop's paid file; an owner tries to put another shop's
// files (a paid PDF, a photo, a logo) on their own products and shop. A file is reached only through
// orders.download (counted, a link of DOWNLOAD_LINK_MAX_AGE_S), and only from the shop's own folder.
import { DOWNLOAD_LINK_MAX_AGE_S } from '../../core/checkout';
import type { DownloadResult, OwnerProductView, PlaceResult, ShopOwnerView } from '../../core/contracts/views';
import type { ProductDoc, ShopDoc } from '../../core/model';
import { BUYER_A, BUYER_B, data, MERCHANT, OWNER, startHarness, type Harness } from './harness';
import { openShopWithProducts, PIXEL_PNG, shopRequestId, uploadDigital, uploadPhoto, type ShopFixture } from './catalogue-helpers';

jest.setTimeout(120_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.control.reset());

const BOOK = Buffer.from('%PDF-1.4 a paid recipe book\n');

async function bookShop(): Promise<ShopFixture & { fileID: string }> {
  const f = await openShopWithProducts(h);
  const fileID = await uploadDigital(h, f.shop.shopId, 'book.pdf', BOOK);
  data(await h.call('shopAdmin', 'updateProduct', { shopId: f.shop.shopId, productId: f.digital.productId, patch: { digital: { fileID, fileName: 'book.pdf', downloadLimit: 2 } } }, OWNER));
  data(await h.call('shopAdmin', 'updateSettings', { shopId: f.shop.shopId, subMchId: MERCHANT }, OWNER));
  return { ...f, fileID };
}

/** Every cloud:// fileID and http(s) URL anywhere in a reply. */
function linksIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string' && /^(cloud|https?):\/\//.test(value)) out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => linksIn(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => linksIn(v, out));
  return out;
}

async function fetchBytes(url: string): Promise<Buffer | null> {
  const res = await fetch(encodeURI(url));
  return res.ok ? Buffer.from(await res.arrayBuffer()) : null;
}

describe(' item 1: a digital file only through an entitlement', () => {
  test('an unpaid buyer gets no file: every buyer-facing call, every fileID and URL they showed', async () => {
    const f = await bookShop();
    const shopId = f.shop.shopId;
    const lines = [{ productId: f.digital.productId, quantity: 1 }];
    const buyer = (fn: string, action: string, payload: Record<string, unknown>) => h.call(fn, action, payload, BUYER_B);

    const placed = data(await buyer('confirmOrder', 'place', { shopId, requestId: 'unpaid-book-01', lines, deliveryMethod: null }) as never) as PlaceResult;
    const replies = [
      await buyer('storefront', 'home', { shopId }),
      await buyer('storefront', 'product', { shopId, productId: f.digital.productId }),
      await buyer('confirmOrder', 'quote', { shopId, lines }),
      await buyer('confirmOrder', 'place', { shopId, requestId: 'unpaid-book-01', lines, deliveryMethod: null }),
      await buyer('orders', 'list', {}),
      await buyer('orders', 'detail', { orderId: placed.orderId }),
      await buyer('orders', 'download', { orderId: placed.orderId, lineNo: 1 }),
      await buyer('membership', 'mine', {}),
    ];
    const cloudPath = f.fileID.slice(f.fileID.indexOf('/shops/') + 1);
    const leakingReplies = replies.filter((r) => JSON.stringify(r).includes(cloudPath)).length;
    expect(replies[6]).toMatchObject({ ok: false, code: 'DOWNLOAD_NOT_AVAILABLE' });

    // Whatever the replies showed, as the client would use it: cloud:// ids through the client's
    // getTempFileURL (the gateway), URLs fetched as they are.
    const links = new Set(replies.flatMap((r) => [...linksIn(r)]));
    const fileIDs = [...links].filter((l) => l.startsWith('cloud://'));
    const res = await fetch(`${h.cloud.url}/gateway/temp-file-urls`, { method: 'POST', body: JSON.stringify({ fileList: fileIDs }) });
    const signed = ((await res.json()) as { fileList: { tempFileURL: string }[] }).fileList.map((i) => i.tempFileURL).filter(Boolean);
    const urls = [...[...links].filter((l) => !l.startsWith('cloud://')), ...signed];
    const bodies = await Promise.all(urls.map(fetchBytes));
    const leakingFetches = bodies.filter((b) => b !== null && b.equals(BOOK)).length;

    const attempts = replies.length + urls.length;
    const got = leakingReplies + leakingFetches;
    console.log(`an unpaid buyer gets no file: ${got} of ${attempts} attempts (${replies.length} calls: storefront home/product, quote, place, order list/detail, download, memberships; ${fileIDs.length} fileIDs seen, all pictures; ${urls.length} URLs fetched)`);
    expect(got).toBe(0);
    expect(fileIDs.every((id) => !id.includes('/files/'))).toBe(true);
    expect(bodies.filter((b) => b !== null).every((b) => b?.equals(PIXEL_PNG))).toBe(true);
  });

  test(`after paying: still no fileID in any view; each download link works for at most ${DOWNLOAD_LINK_MAX_AGE_S} s`, async () => {
    const f = await bookShop();
    const placed = data(await h.call<PlaceResult>('confirmOrder', 'place', {
      shopId: f.shop.shopId, requestId: 'paid-book-0001', lines: [{ productId: f.digital.productId, quantity: 1 }], deliveryMethod: null,
    }, BUYER_A));
    await h.control.pay(String(placed.payment?.package).replace('prepay_id=', ''), 'pay', BUYER_A);
    const views = [
      await h.call('orders', 'detail', { orderId: placed.orderId }, BUYER_A),
      await h.call('orders', 'list', {}, BUYER_A),
      await h.call('shopAdmin', 'orderDetail', { shopId: f.shop.shopId, orderId: placed.orderId }, OWNER),
    ];
    expect(views.filter((v) => JSON.stringify(v).includes('/files/'))).toEqual([]);

    const link = data(await h.call<DownloadResult>('orders', 'download', { orderId: placed.orderId, lineNo: 1 }, BUYER_A));
    // Measured from after the reply, so the link was issued no later than this: the URL itself (its
    // signed expiry, checked by storage) must be refused once the bound has passed from here.
    const issuedBy = h.cloud.now();
    expect(link.expiresAt - issuedBy).toBeLessThanOrEqual(DOWNLOAD_LINK_MAX_AGE_S * 1000);
    expect((await fetchBytes(link.url))?.equals(BOOK)).toBe(true);
    await h.control.advanceClock(DOWNLOAD_LINK_MAX_AGE_S * 1000 - (h.cloud.now() - issuedBy));
    const late = await fetch(link.url);
    expect(late.status).toBe(403);
    console.log(`paid: 0 fileIDs in order views; link ≤ ${Math.round((link.expiresAt - issuedBy) / 1000)} s (bound ${DOWNLOAD_LINK_MAX_AGE_S} s), refused with ${late.status} at ${DOWNLOAD_LINK_MAX_AGE_S} s; ${link.remaining} download left`);
  });
});

describe(' item 2: a shop references only files it uploaded', () => {
  test("another shop's fileID on a product: refused (a paid file, a photo, a logo, forged ids), and nothing is written", async () => {
    const a = await bookShop();
    const thief = BUYER_B;
    const b = data(await h.call<ShopOwnerView>('shopAdmin', 'createShop', { requestId: shopRequestId(), name: '山寨店', phone: '13900000000' }, thief));
    const own = { photo: (await h.control.upload(`shops/${b.shopId}/products/p.png`, PIXEL_PNG, thief)).fileID };
    const bucket = a.fileID.slice(0, a.fileID.indexOf('/shops/'));
    const aPhoto = String(a.physical.photos[0]);
    const aLogo = await uploadPhoto(h, a.shop.shopId, 'logo', 'logo');
    const digital = (fileID: string) => ({ shopId: b.shopId, kind: 'digital', name: '便宜菜谱', price: 1, unlimited: true, digital: { fileID, fileName: 'x.pdf' } });
    const physical = (photos: string[]) => ({ shopId: b.shopId, kind: 'physical', name: '便宜货', price: 1, stock: 1, photos });

    const attacks: [string, string, Record<string, unknown>][] = [
      ["shop A's paid file as a digital good", 'createProduct', digital(a.fileID)],
      ["shop A's paid file through another env id", 'createProduct', digital(a.fileID.replace('cloud://local-env.', 'cloud://other-env.'))],
      ["a path climbing out of B's folder into A's", 'createProduct', digital(`${bucket}/shops/${b.shopId}/files/../../${a.shop.shopId}/files/book.pdf`)],
      ["B's own picture folder as a digital good", 'createProduct', digital(own.photo)],
      ["shop A's photo", 'createProduct', physical([own.photo, aPhoto])],
      ["shop A's paid file as a photo", 'createProduct', physical([a.fileID])],
      ["B's own files folder as a photo (it would be signed for every buyer)", 'createProduct', physical([`${bucket}/shops/${b.shopId}/files/x.pdf`])],
      ["shop A's logo", 'updateShop', { shopId: b.shopId, logo: aLogo }],
      ["shop A's paid file as a logo", 'updateShop', { shopId: b.shopId, logo: a.fileID }],
    ];
    const seq = h.cloud.requests.lastSeq;
    const results = [];
    for (const [name, action, payload] of attacks) results.push({ name, result: await h.call('shopAdmin', action, payload, thief) });
    const patched = await h.call('shopAdmin', 'updateProduct', { shopId: a.shop.shopId, productId: a.digital.productId, patch: { photos: [own.photo] } }, OWNER);
    const refused = results.filter((r) => !r.result.ok && r.result.code === 'FILE_NOT_IN_SHOP');
    for (const r of results) console.log(`  ${r.name}: ${r.result.ok ? 'ACCEPTED' : r.result.code}`);
    console.log(`another shop's fileID on a product: refused ${refused.length} of ${attacks.length}; ${h.writesSince(seq)} writes`);
    expect(refused).toHaveLength(attacks.length);
    expect(patched).toMatchObject({ ok: false, code: 'FILE_NOT_IN_SHOP', details: { field: 'patch.photos.0' } });
    expect(h.writesSince(seq)).toBe(0);
    expect(h.docs<ProductDoc>('products').filter((p) => p.shopId === b.shopId)).toEqual([]);
    expect(h.docs<ShopDoc>('shops').find((s) => s._id === b.shopId)?.logo).toBeNull();

    // B's own files, in B's folders, are fine.
    const ownFile = (await h.control.upload(`shops/${b.shopId}/files/mine.pdf`, BOOK, thief)).fileID;
    expect(data(await h.call<OwnerProductView>('shopAdmin', 'createProduct', { ...digital(ownFile), ...{ photos: [own.photo] } }, thief)).digital?.fileID).toBe(ownFile);
  });
});
