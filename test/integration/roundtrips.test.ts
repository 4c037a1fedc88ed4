// Database round trips per operation, counted from the local cloud's request log (every
// `database.*` request an invocation sent; Cloud Pay and open-API calls are listed apart). Budgets:
// storefront ≤ 3, place (3 lines) ≤ 14 (10, plus the read and the claim of the buyer’s unpaid-order slot, plus the running 满减 and the buyer’s coupons), payNotify ≤ 13 (8, plus freeing that slot, and the owner's figures: a day shard and a customer row, created on a first payment — 11 once they exist).
import { OWNER_LIST_PAGE, type PlaceResult, type StorefrontHome } from '../../core/contracts/views';
import { makeOptions } from '../../core/testing/fixtures';
import { BUYER_A, data, OWNER, startHarness, type Harness } from './harness';
import { newRequestId, prepayOf, seedShop } from './money-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

interface Trips {
  database: number;
  other: number;
  byAction: Record<string, number>;
}

function tripsOf(invocationId: string): Trips {
  const requests = h.cloud.requests.list({ invocationId });
  const byAction: Record<string, number> = {};
  for (const r of requests) byAction[r.action] = (byAction[r.action] ?? 0) + 1;
  const database = requests.filter((r) => r.action.startsWith('database.')).length;
  return { database, other: requests.length - database, byAction };
}

/** Call as a client and return the result with the invocation's round trips. */
async function measured<T>(fn: string, action: string, payload: Record<string, unknown>, openid: string): Promise<{ result: T; trips: Trips }> {
  const reply = await h.control.callFunction<{ ok: boolean; data: T; code?: string }>(fn, { action, payload }, openid);
  if (!reply.ok) throw new Error(`${fn}.${action}: ${reply.errMsg}`);
  return { result: data(reply.result as never) as T, trips: tripsOf(reply.requestID) };
}

test('round trips per operation: storefront ≤ 3, quote, place (3 lines) ≤ 14, payNotify ≤ 13, owner inbox', async () => {
  const { shop, p } = seedShop(h, { products: { chips: { stock: 50 }, cola: { stock: 50 }, tea: { stock: 50 } } });
  const lines = [{ productId: p.chips._id, quantity: 2 }, { productId: p.cola._id, quantity: 1 }, { productId: p.tea._id, quantity: 3 }];
  // Warm the instances first: cold starts do not change round trips, but keep the figures about steady state.
  await h.control.callFunction('storefront', { action: 'home', payload: { shopId: shop._id } }, BUYER_A);

  const storefront = await measured('storefront', 'home', { shopId: shop._id }, BUYER_A);
  const quote = await measured('confirmOrder', 'quote', { shopId: shop._id, lines, deliveryMethod: 'pickup' }, BUYER_A);
  const place = await measured<PlaceResult>('confirmOrder', 'place', { shopId: shop._id, requestId: newRequestId(), lines, deliveryMethod: 'pickup' }, BUYER_A);
  const paid = await h.control.pay(prepayOf(place.result), 'pay', BUYER_A);
  if (!paid.notify?.requestId) throw new Error('no notify delivered');
  expect(paid.notify.acknowledged).toBe(true);
  const payNotify = tripsOf(paid.notify.requestId);

  const inboxReply = await h.control.callFunction<{ ok: boolean }>('shopAdmin', { action: 'inbox', payload: { shopId: shop._id } }, OWNER);
  const inbox = inboxReply.ok ? { ok: inboxReply.result.ok, trips: tripsOf(inboxReply.requestID) } : null;

  const rows: [string, Trips | null, number | null][] = [
    ['storefront.home', storefront.trips, 3],
    ['confirmOrder.quote', quote.trips, null],
    ['confirmOrder.place (3 lines)', place.trips, 14],
    ['payNotify', payNotify, 13],
    ['shopAdmin.inbox', inbox?.trips ?? null, null],
  ];
  console.log(
    'database round trips per operation (request log):\n' +
    rows.map(([name, t, budget]) =>
      `  ${name.padEnd(30)} ${t ? String(t.database).padStart(2) : ' –'}${budget === null ? '' : ` (budget ≤ ${budget})`}` +
      (t ? `   ${Object.entries(t.byAction).map(([a, n]) => `${a.replace('database.', '')}×${n}`).join(' ')}` : '   (not available)')).join('\n'),
  );
  expect(storefront.trips.database).toBeLessThanOrEqual(3);
  expect(place.trips.database).toBeLessThanOrEqual(14);
  expect(payNotify.database).toBeLessThanOrEqual(13);
  expect(place.trips.byAction['wx.wxPayApi']).toBe(1); // one unifiedOrder
  expect(payNotify.byAction['wx.wxPayApi']).toBe(1); // one queryOrder
}, 120_000);

const photo = (i: number, k: number) => `cloud://kaidian-local.6b61-kaidian-local/shops/S/products/p${String(i).padStart(5, '0')}-${k}-${'x'.repeat(60)}.jpg`;

/**
 * One of the largest products the catalogue accepts: longest name and description, 9 photos, 3 option groups
 * of 5 × 5 × 4 values with a photo each (100 SKUs), every SKU held by 20 unpaid orders.
 */
function big(i: number) {
  const doc = {
    name: `大${'码'.repeat(39)}`.slice(0, 40), description: '描'.repeat(2000), photos: Array.from({ length: 9 }, (_, k) => photo(i, k)), sort: 0,
    ...makeOptions([['颜色', ['红', '橙', '黄', '绿', '蓝']], ['尺码', ['S', 'M', 'L', 'XL', 'XXL']], ['面料', ['棉', '麻', '丝', '毛']]], () => ({
      stock: 50, reserved: 20, holds: Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`O20261201000000hold${String(k).padStart(5, '0')}`, 1])),
    })),
  };
  doc.options?.forEach((g, gi) => g.values.forEach((v, vi) => { v.photo = photo(gi, vi); }));
  return doc;
}

test('5,000 products, the first 21 as large as the catalogue allows: the first screen is 1 call and 3 database requests, every page stays small, all 5,000 are reachable', async () => {
  const now = h.cloud.now();
  const products = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`p${String(i).padStart(5, '0')}`, i < 21 ? big(i) : {
    description: '手工制作，'.repeat(30), photos: [photo(i, 0), photo(i, 1), photo(i, 2)], sort: 1 + i, createdAt: now - i,
  }]));
  const { shop } = seedShop(h, { products });
  await h.control.callFunction('storefront', { action: 'home', payload: { shopId: shop._id } }, BUYER_A);
  const seq = h.cloud.requests.lastSeq;
  const { result, trips } = await measured<StorefrontHome>('storefront', 'home', { shopId: shop._id }, BUYER_A);
  const calls = h.cloud.requests.list({ since: seq }).filter((r) => r.action === 'functions.invokeFunction' || r.functionName === 'storefront');
  const invocations = new Set(calls.map((r) => r.invocationId)).size;
  const reads = h.cloud.requests.list({ since: seq }).filter((r) => r.functionName === 'storefront' && r.bytes !== undefined);
  const shelfRead = Math.max(...reads.map((r) => r.bytes ?? 0));
  const reply = Buffer.byteLength(JSON.stringify(result));
  // A deep page: the same requests, the same documents read.
  const deepSeq = h.cloud.requests.lastSeq;
  const deep = await measured<{ items: { name: string }[]; hasMore: boolean }>('storefront', 'products', { shopId: shop._id, offset: 4_980, limit: 20 }, BUYER_A);
  const deepReads = h.cloud.requests.list({ since: deepSeq }).filter((r) => r.functionName === 'storefront' && r.docs !== undefined);
  console.log(`storefront.home at 5,000 products: ${invocations} function call, ${trips.database} database requests ` +
    `(${Object.entries(trips.byAction).map(([a, n]) => `${a.replace('database.', '')}×${n}`).join(' ')}), largest database reply ${Math.round(shelfRead / 1024)} KB ` +
    `(21 products of 100 SKUs, each SKU held by 20 orders), reply to the phone ${Math.round(reply / 1024)} KB; ` +
    `page at offset 4,980: ${deep.trips.database} requests, ${deepReads.reduce((n, r) => n + (r.docs ?? 0), 0)} documents read`);
  expect([result.products.length, result.hasMore, invocations]).toEqual([20, true, 1]);
  expect(trips.database).toBeLessThanOrEqual(3);
  // The bounds (docs/decisions.md §D20): a database reply of a shelf page ≤ 256 KB (a quarter of the 1 MB limit), the phone's reply ≤ 32 KB, at the catalogue's limits.
  expect(shelfRead).toBeLessThanOrEqual(256 * 1024);
  expect(reply).toBeLessThanOrEqual(32 * 1024);
  expect([deep.result.items.length, deep.result.hasMore, deep.result.items[19].name]).toEqual([20, false, 'p04999']);
  expect(deep.trips.database).toBe(2);
}, 120_000);

test('the owner\'s product list at the catalogue\'s limits: a full page of the largest products stays under the reply limits', async () => {
  const { shop } = seedShop(h, { products: Object.fromEntries(Array.from({ length: OWNER_LIST_PAGE + 1 }, (_, i) => [`b${String(i).padStart(3, '0')}`, big(i)])) });
  const seq = h.cloud.requests.lastSeq;
  const { result } = await measured<{ items: { name: string; skus: unknown[] }[]; hasMore: boolean }>('shopAdmin', 'listProducts', { shopId: shop._id, limit: OWNER_LIST_PAGE }, OWNER);
  const dbReply = Math.max(...h.cloud.requests.list({ since: seq }).filter((r) => r.functionName === 'shopAdmin' && r.bytes !== undefined).map((r) => r.bytes ?? 0));
  const reply = Buffer.byteLength(JSON.stringify(result));
  console.log(`shopAdmin.listProducts, ${OWNER_LIST_PAGE} products of 100 SKUs each held by 20 orders: largest database reply ${Math.round(dbReply / 1024)} KB, reply to the phone ${Math.round(reply / 1024)} KB`);
  expect([result.items.length, result.items[0].skus.length, result.hasMore]).toEqual([OWNER_LIST_PAGE, 100, true]);
  // Three quarters of the 1 MB limits (docs/wechat-contracts.md §2.3), whatever unpaid orders hold: every SKU of
  // every product is in the view (the list's 款 · 库存 · 已售), the holds are not.
  expect(dbReply).toBeLessThanOrEqual(768 * 1024);
  expect(reply).toBeLessThanOrEqual(768 * 1024);
}, 120_000);
