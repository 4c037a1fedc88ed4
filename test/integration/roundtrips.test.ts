// Database round trips per operation, counted from the local cloud's request log (every
// `database.*` request an invocation sent; Cloud Pay and open-API calls are listed apart). Budgets:
// storefront ≤ 3, place (3 lines) ≤ 14 (10, plus the read and the claim of the buyer’s unpaid-order slot, plus the running 满减 and the buyer’s coupons), payNotify ≤ 13 (8, plus freeing that slot, and the owner's figures: a day shard and a customer row, created on a first payment — 11 once they exist).
import type { PlaceResult, StorefrontHome } from '../../core/contracts/views';
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

test('the storefront first screen with 100 products × 6 SKUs: one function call, ≤ 3 database requests', async () => {
  const products = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [
    `tee${String(i).padStart(3, '0')}`, { stock: 0, ...makeOptions([['颜色', ['白色', '黑色']], ['尺码', ['S', 'M', 'L']]], (_l, k) => ({ stock: k + 1 })) },
  ]));
  const { shop } = seedShop(h, { products });
  await h.control.callFunction('storefront', { action: 'home', payload: { shopId: shop._id } }, BUYER_A);
  const seq = h.cloud.requests.lastSeq;
  const { result, trips } = await measured<StorefrontHome>('storefront', 'home', { shopId: shop._id }, BUYER_A);
  const calls = h.cloud.requests.list({ since: seq }).filter((r) => r.action === 'functions.invokeFunction' || r.functionName === 'storefront');
  const invocations = new Set(calls.map((r) => r.invocationId)).size;
  const skus = result.products.reduce((n, p) => n + p.skus.length, 0);
  console.log(`storefront.home, 100 products × 6 SKUs: ${invocations} function call, ${trips.database} database requests ` +
    `(${Object.entries(trips.byAction).map(([a, n]) => `${a.replace('database.', '')}×${n}`).join(' ')}), ${skus} SKUs, ` +
    `${Math.round(JSON.stringify(result).length / 1024)} KB of JSON`);
  expect([result.products.length, skus, invocations]).toEqual([100, 600, 1]);
  expect(trips.database).toBeLessThanOrEqual(3);
}, 120_000);
