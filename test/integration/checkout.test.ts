// confirmOrder through the local cloud with the real wx-server-sdk: quote and place.
import type { PlaceResult, QuoteView } from '../../core/contracts/views';
import type { CheckoutDoc, OrderDoc } from '../../core/model';
import { formatPayTime } from '../../core/time';
import { BUYER_A, BUYER_B, data, MERCHANT, startHarness, type Harness } from './harness';
import { newRequestId, order, place, product, seedMembership, seedShop, units } from './money-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

const DAY = 86_400_000;
const fail = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);

describe('quote', () => {
  test('the server prices the cart: quantities of one product merged, member price while the tag is active, delivery fee, unavailable lines named', async () => {
    const { shop, p } = seedShop(h, {
      products: {
        chips: { price: 1200 as never, memberPrice: 1000 as never, memberTag: 'vip', stock: 10 },
        cola: { price: 300 as never, stock: 1 },
        secret: { price: 500 as never, membersOnly: true, memberTag: 'gold' },
        gone: { onShelf: false },
      },
    });
    seedMembership(h, { shopId: shop._id, buyerOpenid: BUYER_A, tag: 'vip', expiresAt: h.cloud.now() + 30 * DAY });
    const lines = [
      { productId: p.chips._id, quantity: 2 }, { productId: p.cola._id, quantity: 2 }, { productId: p.chips._id, quantity: 1 },
      { productId: p.secret._id, quantity: 1 }, { productId: p.gone._id, quantity: 1 },
    ];
    const q = data(await h.call<QuoteView>('confirmOrder', 'quote', { shopId: shop._id, lines, deliveryMethod: 'local' }, BUYER_A));
    expect(q.lines).toEqual([expect.objectContaining({ productId: p.chips._id, quantity: 3, unitPrice: 1000, memberPriceApplied: true, lineTotal: 3000 })]);
    expect(q.unavailable.map((u) => [u.reason, u.available])).toEqual([['OUT_OF_STOCK', 1], ['MEMBERS_ONLY', null], ['OFF_SHELF', null]]);
    expect(q).toMatchObject({ subtotal: 3000, deliveryFee: 500, total: 3500, memberSavings: 600 });

    const other = data(await h.call<QuoteView>('confirmOrder', 'quote', { shopId: shop._id, lines: lines.slice(0, 1), deliveryMethod: 'pickup' }, BUYER_B));
    expect(other.lines[0]).toMatchObject({ unitPrice: 1200, memberPriceApplied: false });
    console.log(`quote: member pays ${q.lines[0].unitPrice} fen per unit, non-member ${other.lines[0].unitPrice}`);
  }, 120_000);
});

describe('place', () => {
  test('place reserves the stock, snapshots the prices, and opens a Cloud Pay order of the shop that expires before the reservation', async () => {
    const { shop, p } = seedShop(h, { products: { chips: { stock: 10 }, cola: { price: 300 as never, stock: 5 } } });
    const r = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 2 }, { productId: p.cola._id, quantity: 1 }] }));
    const o = order(h, r.orderId);
    expect(o).toMatchObject({ status: 'unpaid', buyerOpenid: BUYER_A, total: 2700, stockState: 'reserved', paymentMethod: 'wechat' });
    expect(o.lines.map((l) => [l.name, l.quantity, l.unitPrice])).toEqual([['chips', 2, 1200], ['cola', 1, 300]]);
    expect(product(h, p.chips._id)).toMatchObject({ stock: 8, reserved: 2, sold: 0 });
    expect(product(h, p.cola._id)).toMatchObject({ stock: 4, reserved: 1, sold: 0 });

    const trade = (await h.control.trades()).trades.find((t) => t.outTradeNo === r.outTradeNo) as Record<string, unknown>;
    expect(trade).toMatchObject({ subMchId: MERCHANT, totalFee: 2700, functionName: 'payNotify', envId: h.cloud.envId, payer: BUYER_A, state: 'NOTPAY' });
    expect(trade.expiresAt as number).toBeLessThan(o.expiresAt);
    expect(formatPayTime(trade.expiresAt as number)).toBe(formatPayTime(o.payment!.payExpiresAt));
    expect(r.payment).toMatchObject({ package: expect.stringMatching(/^prepay_id=wx/), signType: 'MD5' });
    expect(o.payment!.params).toEqual(r.payment);
    console.log(`place: order ${r.orderId} total ${r.total} fen, reservation ends in ${(o.expiresAt - o.createdAt) / 60_000} min, Cloud Pay ${(o.expiresAt - (trade.expiresAt as number)) / 1000}s earlier`);
  }, 120_000);

  test('the same requestId again returns the same order and payment, and writes nothing', async () => {
    const { shop, p } = seedShop(h);
    const requestId = newRequestId();
    const spec = { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }], requestId };
    const first = data(await place(h, BUYER_A, spec));
    const seq = h.cloud.requests.lastSeq;
    const again = data(await place(h, BUYER_A, spec));
    expect(again).toEqual({ ...first, replayed: true });
    expect(h.writesSince(seq)).toBe(0);
    expect(h.docs<OrderDoc>('orders').filter((o) => o.requestId === requestId)).toHaveLength(1);
    expect(product(h, p.chips._id)).toMatchObject({ stock: 9, reserved: 1 });
  }, 120_000);

  test('a double tap (the same requestId twice at once) creates one order', async () => {
    const { shop, p } = seedShop(h);
    const spec = { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }], requestId: newRequestId() };
    const [a, b] = await Promise.all([place(h, BUYER_A, spec), place(h, BUYER_A, spec)]);
    expect(data(a).orderId).toBe(data(b).orderId);
    expect([data(a).replayed, data(b).replayed].sort()).toEqual([false, true]);
    expect(h.docs<OrderDoc>('orders').filter((o) => o.shopId === shop._id)).toHaveLength(1);
    expect(product(h, p.chips._id)).toMatchObject({ stock: 9, reserved: 1 });
  }, 120_000);

  test('the same requestId with another cart is IDEMPOTENCY_MISMATCH, and writes nothing', async () => {
    const { shop, p } = seedShop(h);
    const requestId = newRequestId();
    data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }], requestId }));
    const seq = h.cloud.requests.lastSeq;
    const other = await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 2 }], requestId });
    expect(fail(other)).toBe('IDEMPOTENCY_MISMATCH');
    expect(h.writesSince(seq)).toBe(0);
    // Another buyer may use the same requestId: keys are per buyer.
    expect(data(await place(h, BUYER_B, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 2 }], requestId })).replayed).toBe(false);
    expect(h.docs<CheckoutDoc>('checkouts').filter((c) => c.requestId === requestId)).toHaveLength(2);
  }, 120_000);

  test('refused carts write nothing: out of stock, members-only, off shelf, virtual goods on iOS, no delivery method, address missing', async () => {
    const { shop, p } = seedShop(h, {
      products: {
        chips: { stock: 2 },
        secret: { membersOnly: true },
        gone: { onShelf: false },
        plan: { kind: 'membership' },
      },
    });
    const one = (productId: string, quantity = 1) => [{ productId, quantity }];
    const cases: [string, Parameters<typeof place>[2], string][] = [
      ['3 of 2 in stock', { shopId: shop._id, lines: one(p.chips._id, 3) }, 'OUT_OF_STOCK'],
      ['the same product on two lines, 2 + 1 of 2', { shopId: shop._id, lines: [...one(p.chips._id, 2), ...one(p.chips._id)] }, 'OUT_OF_STOCK'],
      ['members-only for a non-member', { shopId: shop._id, lines: one(p.secret._id) }, 'MEMBERS_ONLY'],
      ['off shelf', { shopId: shop._id, lines: one(p.gone._id) }, 'OFF_SHELF'],
      ['a membership plan from iOS', { shopId: shop._id, lines: one(p.plan._id), clientPlatform: 'ios' }, 'VIRTUAL_GOODS_IOS'],
      ['physical goods without a delivery method', { shopId: shop._id, lines: one(p.chips._id), deliveryMethod: null }, 'DELIVERY_NOT_AVAILABLE'],
      ['local delivery without an address', { shopId: shop._id, lines: one(p.chips._id), deliveryMethod: 'local' }, 'ADDRESS_REQUIRED'],
      ['pay on pickup where the shop does not allow it', { shopId: shop._id, lines: one(p.chips._id), paymentMethod: 'on_pickup' }, 'PAY_ON_PICKUP_NOT_ALLOWED'],
      ['a shop that does not exist', { shopId: 'Snosuchshop000000000000', lines: one(p.chips._id) }, 'SHOP_NOT_FOUND'],
    ];
    for (const [name, spec, code] of cases) {
      const seq = h.cloud.requests.lastSeq;
      const r = await place(h, BUYER_A, spec);
      expect([name, fail(r)]).toEqual([name, code]);
      expect([name, h.writesSince(seq)]).toEqual([name, 0]);
    }
    expect(product(h, p.chips._id)).toMatchObject({ stock: 2, reserved: 0, sold: 0 });
    console.log(`place: ${cases.length} refused carts, 0 writes each`);
  }, 120_000);

  test('a members-only product and the member price are granted while the tag is active, not after it expired', async () => {
    const { shop, p } = seedShop(h, { products: { secret: { membersOnly: true, memberTag: 'vip', price: 2000 as never, memberPrice: 1500 as never } } });
    seedMembership(h, { shopId: shop._id, buyerOpenid: BUYER_A, tag: 'vip', expiresAt: h.cloud.now() + DAY });
    const r = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.secret._id, quantity: 1 }] }));
    expect(r.total).toBe(1500);
    expect(order(h, r.orderId).memberTags).toEqual(['vip']);
    seedMembership(h, { shopId: shop._id, buyerOpenid: BUYER_A, tag: 'vip', expiresAt: h.cloud.now() - 1 });
    expect(fail(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.secret._id, quantity: 1 }] }))).toBe('MEMBERS_ONLY');
  }, 120_000);

  test('pay on pickup skips Cloud Pay: no payment parameters, the order waits for the owner', async () => {
    const { shop, p } = seedShop(h, { settings: { payOnPickup: true } });
    const r = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }], paymentMethod: 'on_pickup' }));
    expect(r).toMatchObject({ paymentMethod: 'on_pickup', payment: null, replayed: false });
    expect(order(h, r.orderId)).toMatchObject({ status: 'unpaid', payment: null, stockState: 'reserved' });
    expect((await h.control.trades()).trades.some((t) => t.outTradeNo === r.outTradeNo)).toBe(false);
  }, 120_000);

  test('a sub-merchant Cloud Pay does not know: MERCHANT_NOT_CONFIGURED, and the stock comes back', async () => {
    const { shop, p } = seedShop(h, { settings: { subMchId: '1234567890' } });
    const r = await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 4 }] });
    expect(fail(r)).toBe('MERCHANT_NOT_CONFIGURED');
    const chips = product(h, p.chips._id);
    expect(chips).toMatchObject({ stock: 10, reserved: 0 });
    expect(units(chips)).toBe(10);
    const placed = h.docs<OrderDoc>('orders').filter((o) => o.shopId === shop._id);
    expect(placed.map((o) => [o.status, o.stockState])).toEqual([['cancelled', 'released']]);
  }, 120_000);

  test('a shop without a sub-merchant id cannot take WeChat Pay', async () => {
    const { shop, p } = seedShop(h, { settings: { subMchId: null } });
    expect(fail(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }] }))).toBe('MERCHANT_NOT_CONFIGURED');
  }, 120_000);
});

export type { PlaceResult };
