// Stock hoarding: one account must not hold a shop's shelf with unpaid orders. Each buyer may hold at most
// the shop's maxUnpaidPerBuyer unpaid orders (default 3) — race-free, by numbered slots — and a
// pay-on-pickup order holds its stock a day by default, not a week.
import type { PlaceResult } from '../../core/contracts/views';
import { DEFAULT_MAX_UNPAID_PER_BUYER, DEFAULT_PICKUP_HOLD_HOURS } from '../../core/checkout';
import { BUYER_A, BUYER_B, data, startHarness, type Harness } from './harness';
import { order, ordersOf, place, product, seedShop } from './money-fixtures';
import { auditShop } from './audit';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.close());

test('one buyer, 50 unpaid orders at once: capped at the shop limit, and the shelf stays open to others', async () => {
  const { shop, p } = seedShop(h, { products: { tea: { stock: 100 } } });
  const lines = [{ productId: p.tea._id, quantity: 2 }];
  const results = await Promise.all(Array.from({ length: 50 }, () => place(h, BUYER_A, { shopId: shop._id, lines })));
  const placed = results.filter((r) => r.ok).length;
  const refused = results.filter((r) => !r.ok && r.code === 'TOO_MANY_UNPAID');
  console.log(`one buyer, 50 unpaid orders at once: ${placed} placed (limit ${DEFAULT_MAX_UNPAID_PER_BUYER}), ${refused.length} TOO_MANY_UNPAID, ` +
    `${product(h, p.tea._id).reserved} of 100 units held`);
  expect(placed).toBe(DEFAULT_MAX_UNPAID_PER_BUYER);
  expect(refused).toHaveLength(50 - DEFAULT_MAX_UNPAID_PER_BUYER);
  expect(refused[0]).toMatchObject({ message: expect.stringContaining('未支付的订单') });
  expect(product(h, p.tea._id)).toMatchObject({ stock: 100 - 2 * placed, reserved: 2 * placed });
  expect(data(await place(h, BUYER_B, { shopId: shop._id, lines }))).toMatchObject({ total: expect.any(Number) });
  expect(auditShop(<T>(c: string) => h.docs<T>(c), shop._id, { [p.tea._id]: 100 })).toEqual([]);
}, 120_000);

test('a cancelled order frees its slot: the buyer may order again', async () => {
  const { shop, p } = seedShop(h, { settings: { maxUnpaidPerBuyer: 1 }, products: { tea: { stock: 10 } } });
  const lines = [{ productId: p.tea._id, quantity: 1 }];
  const first = data(await place(h, BUYER_A, { shopId: shop._id, lines }));
  expect(await place(h, BUYER_A, { shopId: shop._id, lines })).toMatchObject({ ok: false, code: 'TOO_MANY_UNPAID', details: { limit: 1 } });
  data(await h.call('orders', 'cancel', { orderId: first.orderId }, BUYER_A));
  expect(data(await place(h, BUYER_A, { shopId: shop._id, lines }))).toMatchObject({ total: expect.any(Number) });
  expect(ordersOf(h, shop._id).filter((o) => o.status === 'unpaid')).toHaveLength(1);
}, 60_000);

test(`a pay-on-pickup order holds its stock ${DEFAULT_PICKUP_HOLD_HOURS} h by default, as long as the owner sets`, async () => {
  const { shop, p } = seedShop(h, { settings: { payOnPickup: true }, products: { tea: { stock: 10 } } });
  const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.tea._id, quantity: 1 }], paymentMethod: 'on_pickup' })) as PlaceResult;
  const o = order(h, placed.orderId);
  expect(o.expiresAt - o.createdAt).toBe(DEFAULT_PICKUP_HOLD_HOURS * 3_600_000);
  const longer = seedShop(h, { settings: { payOnPickup: true, pickupHoldHours: 72 }, products: { tea: { stock: 10 } } });
  const later = data(await place(h, BUYER_A, { shopId: longer.shop._id, lines: [{ productId: longer.p.tea._id, quantity: 1 }], paymentMethod: 'on_pickup' }));
  const o2 = order(h, later.orderId);
  expect(o2.expiresAt - o2.createdAt).toBe(72 * 3_600_000);
}, 60_000);
