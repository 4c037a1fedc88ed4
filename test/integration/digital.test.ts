// Digital goods through the local cloud (docs/product.md §14): a bought file can be
// downloaded N times, each time through a short-lived temp URL (getTempFileURL with maxAge) served by the
// local cloud's storage, which refuses it once the virtual clock passes its max age.
import { DOWNLOAD_LINK_MAX_AGE_S } from '../../core/checkout';
import type { DownloadResult, OrderDetailView, RefundStarted } from '../../core/contracts/views';
import type { EntitlementDoc } from '../../core/model';
import { REFUND_SETTLE_MS } from '../../localcloud/pay/sandbox';
import { BUYER_A, BUYER_B, data, OWNER, startHarness, type Harness } from './harness';
import { order, place, placeAndPay, seedShop } from './money-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

const LIMIT = 3;
const BOOK = Buffer.from('%PDF-1.4 Kaidian test book v1\n');

async function bookShop() {
  const { fileID } = await h.control.upload(`digital/${Date.now()}-book.pdf`, BOOK, OWNER);
  return seedShop(h, {
    products: { book: { kind: 'digital', price: 990 as never, digital: { fileID, fileName: 'book.pdf', downloadLimit: LIMIT, version: 1 } } },
  });
}

const download = (orderId: string, buyer = BUYER_A, lineNo = 1) => h.call<DownloadResult>('orders', 'download', { orderId, lineNo }, buyer);

describe('downloads are limited and each link is short-lived', () => {
  test(`${LIMIT} downloads succeed, the next gets DOWNLOAD_LIMIT; each link stops working after its max age`, async () => {
    const s = await bookShop();
    const { placed } = await placeAndPay(h, BUYER_A, { shopId: s.shop._id, deliveryMethod: null, lines: [{ productId: s.p.book._id, quantity: 1 }] });
    // Delivered by the server at payment, with the shipping information of a virtual good uploaded (docs/wechat-contracts.md §7.16).
    expect(order(h, placed.orderId)).toMatchObject({ status: 'fulfilled', fulfilment: { kind: 'virtual', shippingUploaded: true } });
    expect((await h.control.outbox()).messages.filter((m) => m.kind === 'shippingInfo' && (m.payload.order_key as { out_trade_no?: string }).out_trade_no === placed.outTradeNo))
      .toEqual([expect.objectContaining({ payload: expect.objectContaining({ logistics_type: 3 }) })]);

    const links: DownloadResult[] = [];
    for (let i = 0; i < LIMIT; i += 1) links.push(data(await download(placed.orderId)));
    expect(links.map((l) => l.remaining)).toEqual([2, 1, 0]);
    expect(links.every((l) => l.fileName === 'book.pdf' && l.version === 1)).toBe(true);
    expect(links[0].expiresAt - h.cloud.now()).toBeLessThanOrEqual(DOWNLOAD_LINK_MAX_AGE_S * 1000);
    const seq = h.cloud.requests.lastSeq;
    expect(await download(placed.orderId)).toMatchObject({ ok: false, code: 'DOWNLOAD_LIMIT' });
    expect(h.writesSince(seq)).toBe(0);

    for (const l of links) {
      const res = await fetch(l.url);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(BOOK)).toBe(true);
    }
    await h.control.advanceClock(DOWNLOAD_LINK_MAX_AGE_S * 1000 + 1_000);
    const expired = await Promise.all(links.map((l) => fetch(l.url).then((r) => r.status)));
    expect(expired).toEqual([403, 403, 403]);
    console.log(`downloads: ${LIMIT} downloads ok, download ${LIMIT + 1} → DOWNLOAD_LIMIT (0 writes); links 200 while fresh, ${expired.join('/')} after ${DOWNLOAD_LINK_MAX_AGE_S} s`);
  }, 120_000);

  test('10 taps at once never exceed the limit', async () => {
    const s = await bookShop();
    const { placed } = await placeAndPay(h, BUYER_A, { shopId: s.shop._id, deliveryMethod: null, lines: [{ productId: s.p.book._id, quantity: 1 }] });
    const results = await Promise.all(Array.from({ length: 10 }, () => download(placed.orderId)));
    const okCount = results.filter((r) => r.ok).length;
    expect(okCount).toBe(LIMIT);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'DOWNLOAD_LIMIT')).toBe(true);
    const e = h.docs<EntitlementDoc>('entitlements').find((x) => x.orderId === placed.orderId);
    expect(e).toMatchObject({ downloads: LIMIT, downloadLimit: LIMIT });
    console.log(`downloads: 10 concurrent downloads → ${okCount} links, ${10 - okCount} DOWNLOAD_LIMIT`);
  }, 120_000);
});

describe('who may download what', () => {
  test('another buyer gets ORDER_NOT_FOUND, an unpaid order DOWNLOAD_NOT_AVAILABLE, a refunded line DOWNLOAD_NOT_AVAILABLE', async () => {
    const s = await bookShop();
    const unpaid = data(await place(h, BUYER_A, { shopId: s.shop._id, deliveryMethod: null, lines: [{ productId: s.p.book._id, quantity: 1 }] }));
    expect(await download(unpaid.orderId)).toMatchObject({ ok: false, code: 'DOWNLOAD_NOT_AVAILABLE' });
    const { placed } = await placeAndPay(h, BUYER_A, { shopId: s.shop._id, deliveryMethod: null, lines: [{ productId: s.p.book._id, quantity: 1 }] });
    expect(await download(placed.orderId, BUYER_B)).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(await download(placed.orderId, BUYER_A, 2)).toMatchObject({ ok: false, code: 'LINE_NOT_FOUND' });
    data(await download(placed.orderId));

    data(await h.call<RefundStarted>('shopAdmin', 'refundOrder', { shopId: s.shop._id, orderId: placed.orderId, mode: 'full', reason: '不想要了' }, OWNER));
    await h.control.advanceClock(REFUND_SETTLE_MS + 1_000);
    expect(order(h, placed.orderId).status).toBe('refunded');
    expect(await download(placed.orderId)).toMatchObject({ ok: false, code: 'DOWNLOAD_NOT_AVAILABLE' });
  }, 120_000);

  test('after the owner uploads a new version the buyer gets the new file, and the owner sees the update', async () => {
    const s = await bookShop();
    const { placed } = await placeAndPay(h, BUYER_A, { shopId: s.shop._id, deliveryMethod: null, lines: [{ productId: s.p.book._id, quantity: 1 }] });
    data(await download(placed.orderId));
    const v2 = Buffer.from('%PDF-1.4 Kaidian test book v2\n');
    const { fileID } = await h.control.upload(`digital/${Date.now()}-book-v2.pdf`, v2, OWNER);
    h.cloud.db.seed('products', [{ ...s.p.book, digital: { fileID, fileName: 'book-v2.pdf', downloadLimit: LIMIT, version: 2 } } as unknown as Record<string, unknown>]);
    const detail = data(await h.call<OrderDetailView>('shopAdmin', 'orderDetail', { shopId: s.shop._id, orderId: placed.orderId }, OWNER));
    expect(detail.downloads).toEqual([{ lineNo: 1, fileName: 'book.pdf', remaining: LIMIT - 1, updated: true }]);
    const link = data(await download(placed.orderId));
    expect(link).toMatchObject({ fileName: 'book-v2.pdf', version: 2, remaining: LIMIT - 2 });
    expect(Buffer.from(await (await fetch(link.url)).arrayBuffer()).equals(v2)).toBe(true);
  }, 120_000);
});
