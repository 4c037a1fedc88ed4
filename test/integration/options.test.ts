// Product options (规格) through the real functions: the owner builds 颜色 × 尺码, buyers buy SKUs at the
// SKU's price and stock, order lines keep the SKU's label, refunds return units to the SKU, and changing
// the options while units are held or sold never loses or invents one (core/options.ts).
import type { OwnerProductView, ProductView, QuoteView } from '../../core/contracts/views';
import type { ProductSku } from '../../core/model';
import { BUYER_A, BUYER_B, data, OWNER, startHarness, type Harness } from './harness';
import { openShopWithProducts } from './catalogue-helpers';
import { order, place, prepayOf, product, tick } from './money-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

const MINUTE = 60_000;
const bucketUnits = (s: Pick<ProductSku, 'stock' | 'reserved' | 'sold'>) => s.stock + s.reserved + s.sold;
const heldIn = (s: ProductSku) => Object.values(s.holds ?? {}).reduce((a, b) => a + b, 0);

/** 颜色 白色/黑色 × 尺码 M/L, ¥59 (M) and ¥69 (L), 5 units each; the editor's payload shape. */
function tshirtOptions() {
  return {
    groups: [
      { name: '颜色', values: [{ id: null, name: '白色', photo: null }, { id: null, name: '黑色', photo: null }] },
      { name: '尺码', values: [{ id: null, name: 'M', photo: null }, { id: null, name: 'L', photo: null }] },
    ],
    skus: [[0, 0], [0, 1], [1, 0], [1, 1]].map(([c, s]) => ({
      values: [c, s], price: s === 0 ? 5900 : 6900, memberPrice: null, unlimited: false, stock: 5, onShelf: true,
    })),
  };
}

async function tshirtShop() {
  const fx = await openShopWithProducts(h);
  await h.call('shopAdmin', 'updateSettings', { shopId: fx.shop.shopId, subMchId: '1900000109' }, OWNER);
  const tee = data(await h.call<OwnerProductView>('shopAdmin', 'createProduct', {
    shopId: fx.shop.shopId, kind: 'physical', name: '纯棉T恤', description: '夏天穿的短袖', price: 5900, options: tshirtOptions(),
  }, OWNER));
  const sku = (label: string) => tee.skus.find((s) => s.label === label)!.skuId;
  return { ...fx, tee, sku };
}

test('the owner creates 颜色 × 尺码: four SKUs, listed from the lowest price; buyers buy a combination at its price', async () => {
  const { shop, tee, sku } = await tshirtShop();
  expect(tee.skus.map((s) => `${s.label} ¥${s.price / 100} ×${s.stock}`)).toEqual(['白色 / M ¥59 ×5', '白色 / L ¥69 ×5', '黑色 / M ¥59 ×5', '黑色 / L ¥69 ×5']);
  expect(tee.price).toBe(5900);

  const view = data(await h.call<ProductView>('storefront', 'product', { shopId: shop.shopId, productId: tee.productId }, BUYER_A));
  expect([view.options.map((g) => g.name), view.skus.length, view.stock]).toEqual([['颜色', '尺码'], 4, 20]);

  const noSku = await h.call<QuoteView>('confirmOrder', 'quote', { shopId: shop.shopId, lines: [{ productId: tee.productId, quantity: 1 }] }, BUYER_A);
  expect(data(noSku).unavailable.map((u) => u.reason)).toEqual(['SKU_REQUIRED']);

  const lines = [{ productId: tee.productId, skuId: sku('白色 / L'), quantity: 2 }, { productId: tee.productId, skuId: sku('黑色 / M'), quantity: 1 }];
  const placed = data(await place(h, BUYER_A, { shopId: shop.shopId, lines }));
  const o = order(h, placed.orderId);
  expect(o.lines.map((l) => `${l.name} ${l.skuLabel} ${l.quantity}×${l.unitPrice}`)).toEqual(['纯棉T恤 白色 / L 2×6900', '纯棉T恤 黑色 / M 1×5900']);
  expect(o.total).toBe(2 * 6900 + 5900);
  const doc = product(h, tee.productId);
  expect([doc.skus![sku('白色 / L')].stock, doc.skus![sku('白色 / L')].reserved, doc.skus![sku('黑色 / M')].reserved, doc.stock]).toEqual([3, 2, 1, 0]);
  console.log(`order ${o._id}: ${o.lines.map((l) => `${l.skuLabel} × ${l.quantity}`).join(', ')} = ¥${o.total / 100}; 白色 / L stock 3 reserved 2`);
});

test('a switched-off SKU cannot be bought; more than its stock is refused with what is left', async () => {
  const { shop, tee, sku } = await tshirtShop();
  const off = tshirtOptions();
  off.skus[3].onShelf = false;
  data(await h.call('shopAdmin', 'updateProduct', { shopId: shop.shopId, productId: tee.productId, patch: { options: keepIds(tee, off) } }, OWNER));
  const q = data(await h.call<QuoteView>('confirmOrder', 'quote', {
    shopId: shop.shopId, lines: [{ productId: tee.productId, skuId: sku('黑色 / L'), quantity: 1 }, { productId: tee.productId, skuId: sku('白色 / M'), quantity: 6 }],
  }, BUYER_A));
  expect(q.unavailable.map((u) => [u.skuLabel, u.reason, u.available])).toEqual([['黑色 / L', 'OFF_SHELF', null], ['白色 / M', 'OUT_OF_STOCK', 5]]);
});

/** The editor's payload for `options` with the stored value ids kept (what the editor sends on a save). */
function keepIds(tee: OwnerProductView, opts: ReturnType<typeof tshirtOptions>) {
  return {
    ...opts,
    groups: opts.groups.map((g, gi) => ({
      ...g, values: g.values.map((v, vi) => ({ ...v, id: tee.options[gi]?.values[vi]?.id ?? null })),
    })),
  };
}

test('changing options while units are held and sold: no unit lost or invented, held units still pay and expire', async () => {
  const { shop, tee, sku } = await tshirtShop();
  const whiteM = sku('白色 / M');
  const blackL = sku('黑色 / L');
  // Buyer A pays for 1 × 白色 / M; buyer B holds 2 × 白色 / M and 1 × 黑色 / L unpaid.
  const a = data(await place(h, BUYER_A, { shopId: shop.shopId, lines: [{ productId: tee.productId, skuId: whiteM, quantity: 1 }] }));
  await h.control.pay(prepayOf(a), 'pay', BUYER_A);
  const b = data(await place(h, BUYER_B, {
    shopId: shop.shopId, lines: [{ productId: tee.productId, skuId: whiteM, quantity: 2 }, { productId: tee.productId, skuId: blackL, quantity: 1 }],
  }));
  const before = product(h, tee.productId).skus!;
  const initial = Object.fromEntries(Object.entries(before).map(([id, s]) => [id, bucketUnits(s)]));

  // The owner removes 白色, renames 黑色 → 墨黑, adds 尺码 XL, and sets 墨黑 / L to 8 units.
  const current = data(await h.call<OwnerProductView>('shopAdmin', 'getProduct', { shopId: shop.shopId, productId: tee.productId }, OWNER));
  const [color, size] = current.options;
  const edited = {
    groups: [
      { name: '颜色', values: [{ id: color.values[1].id, name: '墨黑', photo: null }] },
      { name: '尺码', values: [...size.values.map((v) => ({ id: v.id, name: v.name, photo: null })), { id: null, name: 'XL', photo: null }] },
    ],
    skus: [0, 1, 2].map((s) => ({ values: [0, s], price: 6900, memberPrice: null, unlimited: false, stock: s === 1 ? 8 : 5, onShelf: true })),
  };
  const saved = data(await h.call<OwnerProductView>('shopAdmin', 'updateProduct', { shopId: shop.shopId, productId: tee.productId, patch: { options: edited } }, OWNER));
  const after = product(h, tee.productId).skus!;
  const whiteL = sku('白色 / L');
  expect(saved.skus.map((s) => `${s.label}${s.retired ? ' (retired)' : ''} ${s.stock}/${s.reserved}/${s.sold}`)).toEqual([
    '墨黑 / M 5/0/0', '墨黑 / L 8/1/0', '墨黑 / XL 5/0/0', '白色 / M (retired) 2/2/1',
  ]);
  expect(after[whiteL]).toBeUndefined(); // never held or sold: dropped
  expect([after[whiteM].retired, after[whiteM].onShelf, after[whiteM].holds?.[b.orderId]]).toEqual([true, false, 2]);
  // Units: 白色 / M keeps its 5; 墨黑 / L went from 5 to 9 only by the owner's +4 to the available count.
  expect(bucketUnits(after[whiteM])).toBe(initial[whiteM]);
  expect(bucketUnits(after[blackL])).toBe(initial[blackL] + (8 - 4));

  // Nobody can buy the retired SKU; buyer B's hold still expires back into it.
  const refused = await place(h, BUYER_A, { shopId: shop.shopId, lines: [{ productId: tee.productId, skuId: whiteM, quantity: 1 }] });
  expect(refused.ok ? 'ok' : refused.code).toBe('OFF_SHELF');
  await h.control.advanceClock(16 * MINUTE);
  await tick(h, ['expireOrders']);
  const end = product(h, tee.productId).skus!;
  expect(order(h, b.orderId).status).toBe('cancelled');
  expect([end[whiteM].stock, end[whiteM].reserved, end[whiteM].sold, heldIn(end[whiteM])]).toEqual([4, 0, 1, 0]);
  expect([end[blackL].stock, end[blackL].reserved, heldIn(end[blackL])]).toEqual([9, 0, 0]);
  for (const s of Object.values(end)) expect([s.label, s.stock >= 0, s.reserved === heldIn(s)]).toEqual([s.label, true, true]);
  console.log(`options changed with 3 units held and 1 sold: ${saved.skus.length} SKUs after (1 retired, 1 dropped); ` +
    `白色 / M ${bucketUnits(end[whiteM])} units before and after, its held 2 expired back into it`);
});

test('a refund by line returns the units to the SKU they were sold from', async () => {
  const { shop, tee, sku } = await tshirtShop();
  const blackM = sku('黑色 / M');
  const placed = data(await place(h, BUYER_A, { shopId: shop.shopId, lines: [{ productId: tee.productId, skuId: blackM, quantity: 3 }] }));
  await h.control.pay(prepayOf(placed), 'pay', BUYER_A);
  data(await h.call('shopAdmin', 'refundOrder', {
    shopId: shop.shopId, orderId: placed.orderId, reason: '尺码不合适', mode: 'lines', lines: [{ lineNo: 1, quantity: 2 }],
  }, OWNER));
  await h.control.advanceClock(MINUTE);
  const s = product(h, tee.productId).skus![blackM];
  expect([s.stock, s.reserved, s.sold]).toEqual([4, 0, 1]);
});

test('search finds products by name or description, as typed (regex characters escaped), page by page', async () => {
  const { shop } = await tshirtShop();
  for (let i = 0; i < 5; i += 1) {
    data(await h.call('shopAdmin', 'createProduct', { shopId: shop.shopId, kind: 'physical', name: `薯片(大) ${i}`, price: 800, stock: 3 }, OWNER));
  }
  type PageOf = { items: ProductView[]; hasMore: boolean };
  const search = (query: string, offset = 0, limit = 20) =>
    h.call<PageOf>('storefront', 'search', { shopId: shop.shopId, query, offset, limit }, BUYER_A).then(data);
  const names = (p: PageOf) => p.items.map((x) => x.name);
  expect(names(await search('短袖'))).toEqual(['纯棉T恤']); // description
  expect(names(await search('t恤'))).toEqual(['纯棉T恤']); // case-insensitive
  expect(names(await search('(大)', 0, 3))).toEqual(['薯片(大) 0', '薯片(大) 1', '薯片(大) 2']);
  expect((await search('(大)', 3, 3)).hasMore).toBe(false);
  expect(names(await search('.*'))).toEqual([]);
  expect(names(await search('蓝色'))).toEqual(['蓝色薯片']);
});

test('memberships and digital products have no options', async () => {
  const { shop, membership } = await tshirtShop();
  const r = await h.call('shopAdmin', 'updateProduct', { shopId: shop.shopId, productId: membership.productId, patch: { options: tshirtOptions() } }, OWNER);
  expect(r.ok ? 'ok' : r.code).toBe('VALIDATION_FAILED');
  const created = await h.call('shopAdmin', 'createProduct', {
    shopId: shop.shopId, kind: 'membership', name: '年卡', price: 100, membership: { tag: 'vip', lifetime: true }, options: tshirtOptions(),
  }, OWNER);
  expect(created.ok ? 'ok' : created.code).toBe('VALIDATION_FAILED');
});
