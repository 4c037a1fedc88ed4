// Many buyers at once for a few units, through the real functions (several instances of confirmOrder
// serve them concurrently; the rest queue, as at the platform's per-function limit). Each seed decides
// the buyers' order, their start jitter, and what the winners then do (pay, cancel, let expire).
// After every step: no oversell, and available + reserved + sold = the initial stock. A sampler reads
// the product continuously while the calls are in flight and checks the same sum on every snapshot.
import type { PlaceResult } from '../../core/contracts/views';
import type { Result } from '../../core/errors';
import type { ProductDoc, ProductSku } from '../../core/model';
import { makeOptions } from '../../core/testing/fixtures';
import { seededRandom, type SeededRandom } from '../../core/prng';
import { HARNESS_INSTANCES, startHarness, type Harness } from './harness';
import { newRequestId, ordersOf, prepayOf, product, seedShop, units } from './money-fixtures';

let h: Harness;
const MINUTE = 60_000;

/** Reads the product every few ms until stopped; returns every snapshot whose units differ from `initial`. */
function sampler(productId: string, initial: number) {
  const bad: ProductDoc[] = [];
  let samples = 0;
  const timer = setInterval(() => {
    const p = product(h, productId);
    samples += 1;
    if (units(p) !== initial || p.stock < 0 || p.reserved < 0) bad.push(p);
  }, 3);
  return { stop: () => (clearInterval(timer), { bad, samples }) };
}

type Cart = { productId: string; skuId?: string; quantity: number }[];

async function storm(rng: SeededRandom, shopId: string, carts: Cart[], seed: number) {
  const buyers = carts.map((_, i) => `oCONC_${seed}_${String(i).padStart(3, '0')}`);
  const order = buyers.map((b, i) => ({ b, cart: carts[i], jitter: rng.int(20) }));
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const results = await Promise.all(order.map(async ({ b, cart, jitter }) => {
    await new Promise((r) => setTimeout(r, jitter));
    const r = await h.call<PlaceResult>('confirmOrder', 'place', { shopId, requestId: newRequestId(), lines: cart, deliveryMethod: 'pickup' }, b);
    return { buyer: b, r };
  }));
  return results;
}

/** Refused by the guarded update itself (it lost the race after the read said there was stock), not by the read. */
const lostRace = (results: { r: Result<PlaceResult> }[]) =>
  results.filter(({ r }) => !r.ok && r.code === 'OUT_OF_STOCK' && r.details?.available === null).length;

const codes = (results: { r: Result<PlaceResult> }[]) =>
  results.reduce<Record<string, number>>((acc, { r }) => ({ ...acc, [r.ok ? 'ok' : r.code]: (acc[r.ok ? 'ok' : r.code] ?? 0) + 1 }), {});

function skuProblems(p: ProductDoc, initial: Record<string, number>): string[] {
  return Object.entries(p.skus ?? {}).flatMap(([id, s]: [string, ProductSku]) => {
    const held = Object.values(s.holds ?? {}).reduce((a, b) => a + b, 0);
    const bad = s.stock + s.reserved + s.sold !== initial[id] || s.stock < 0 || s.reserved < 0 || s.reserved !== held;
    return bad ? [`${s.label}: ${s.stock}+${s.reserved}+${s.sold} (held ${held}), initial ${initial[id]}`] : [];
  });
}

/**
 * The storms for the given seeds, with their own local cloud whose functions run `maxInstances` instances
 * at once: npm test runs one seed (concurrency.test.ts), `npm run test:sweeps` and CI more, through 10
 * instances (test/sweeps/concurrency.test.ts).
 */
export function concurrencyCases(seeds: number[], maxInstances = HARNESS_INSTANCES): void {
  beforeAll(async () => {
    h = await startHarness({ maxInstances });
  }, 60_000);
  afterAll(() => h.close());

  describe('concurrent buyers never oversell', () => {
    test.each(seeds)('seed %i: 200 buyers for 10 units, then pay / cancel / expire; 50 buyers for 1 unit; two lines of one product count once', async (seed) => {
      const rng = seededRandom(seed);
      const { shop, p } = seedShop(h, { products: { ten: { stock: 10 }, one: { stock: 1 }, pair: { stock: 10 } } });
      const check = (id: string, initial: number, step: string) => {
        const doc = product(h, id);
        expect([step, units(doc), doc.stock >= 0, doc.reserved >= 0, doc.sold <= initial]).toEqual([step, initial, true, true, true]);
        return doc;
      };

      // 200 buyers, one unit each, for 10 units.
      const s1 = sampler(p.ten._id, 10);
      const ten = await storm(rng, shop._id, Array.from({ length: 200 }, () => [{ productId: p.ten._id, quantity: 1 }]), seed);
      const { bad: bad1, samples: n1 } = s1.stop();
      const winners = ten.filter((x) => x.r.ok);
      expect(codes(ten)).toEqual({ ok: 10, OUT_OF_STOCK: 190 });
      expect(ordersOf(h, shop._id).filter((o) => o.lines[0].productId === p.ten._id)).toHaveLength(10);
      expect(bad1).toEqual([]);
      expect(check(p.ten._id, 10, 'after the storm')).toMatchObject({ stock: 0, reserved: 10, sold: 0 });

      // 50 buyers for the last unit.
      const one = await storm(rng, shop._id, Array.from({ length: 50 }, () => [{ productId: p.one._id, quantity: 1 }]), seed + 100);
      expect(codes(one)).toEqual({ ok: 1, OUT_OF_STOCK: 49 });
      expect(check(p.one._id, 1, 'one unit')).toMatchObject({ stock: 0, reserved: 1, sold: 0 });

      // 20 buyers whose carts name the same product on two lines (1 + 1 = 2 units) for 10 units: 5 orders.
      const pair = await storm(rng, shop._id, Array.from({ length: 20 }, () => [{ productId: p.pair._id, quantity: 1 }, { productId: p.pair._id, quantity: 1 }]), seed + 200);
      expect(codes(pair)).toEqual({ ok: 5, OUT_OF_STOCK: 15 });
      expect(ordersOf(h, shop._id).filter((o) => o.lines[0].productId === p.pair._id).map((o) => o.lines.map((l) => l.quantity))).toEqual(Array(5).fill([2]));
      expect(check(p.pair._id, 10, 'two lines')).toMatchObject({ stock: 0, reserved: 10, sold: 0 });

      // The winners of the 10: some pay, some cancel, the rest let their orders expire.
      const shuffled = [...winners].sort(() => rng.next() - 0.5);
      const payers = shuffled.slice(0, 3 + rng.int(4));
      const cancellers = shuffled.slice(payers.length, payers.length + 1 + rng.int(3));
      const s2 = sampler(p.ten._id, 10);
      await Promise.all(payers.map(({ buyer, r }) => h.control.pay(prepayOf((r as { data: PlaceResult }).data), 'pay', buyer)));
      check(p.ten._id, 10, 'after paying');
      await Promise.all(cancellers.map(({ buyer, r }) => h.call('orders', 'cancel', { orderId: (r as { data: PlaceResult }).data.orderId }, buyer)));
      check(p.ten._id, 10, 'after cancelling');
      await h.control.advanceClock(16 * MINUTE);
      const { bad: bad2, samples: n2 } = s2.stop();
      expect(bad2).toEqual([]);
      const final = check(p.ten._id, 10, 'after expiry');
      expect(final).toEqual(expect.objectContaining({ stock: 10 - payers.length, reserved: 0, sold: payers.length }));
      const statuses = ordersOf(h, shop._id).filter((o) => o.lines[0].productId === p.ten._id).map((o) => o.status);
      expect(statuses.filter((s) => s === 'paid')).toHaveLength(payers.length);
      expect(statuses.filter((s) => s === 'cancelled')).toHaveLength(10 - payers.length);
      console.log(
        `seed ${seed}, ${maxInstances} instances at once: 200 buyers → ${winners.length} orders for 10 units (${lostRace(ten)} refused by the guarded update after reading stock), ` +
        `50 → ${one.filter((x) => x.r.ok).length} for 1 (${lostRace(one)} by the guard), ` +
        `20 two-line carts → ${pair.filter((x) => x.r.ok).length} orders for 10; oversold 0; then ${payers.length} paid, ` +
        `${cancellers.length} cancelled, ${10 - payers.length - cancellers.length} expired → stock ${final.stock}/reserved ${final.reserved}/sold ${final.sold}; ` +
        `units = 10 on all ${n1 + n2} snapshots`,
      );
    }, 300_000);
  });

  /** Per SKU: available + reserved + sold = initial, nothing below zero, reserved = its holds. */

  describe('concurrent buyers of one SKU never oversell it, while other SKUs of the product sell too', () => {
    test.each(seeds)('seed %i: 200 buyers for 10 units of 白色 / M, 100 more for 黑色 / M and 黑色 / L; then pay / cancel / expire', async (seed) => {
      const rng = seededRandom(seed + 1000);
      const opts = makeOptions([['颜色', ['白色', '黑色']], ['尺码', ['M', 'L', 'XL']]], (label) => ({ stock: label === '白色 / M' ? 10 : label === '黑色 / M' ? 30 : 5 }));
      const { shop, p } = seedShop(h, { products: { tee: { stock: 0, ...opts } } });
      const teeId = p.tee._id;
      const initial = Object.fromEntries(Object.entries(opts.skus!).map(([id, s]) => [id, s.stock]));
      const id = (label: string) => Object.entries(opts.skus!).find(([, s]) => s.label === label)![0];
      const [whiteM, blackM, blackL] = [id('白色 / M'), id('黑色 / M'), id('黑色 / L')];
      const bad: string[] = [];
      let samples = 0;
      const timer = setInterval(() => { samples += 1; bad.push(...skuProblems(product(h, teeId), initial)); }, 3);
      const step = (name: string) => expect([name, skuProblems(product(h, teeId), initial)]).toEqual([name, []]);

      // 200 want 白色 / M (10 units) while 60 want 黑色 / M (30 units) and 40 want 黑色 / L (5 units), all at once.
      const carts: Cart[] = [
        ...Array.from({ length: 200 }, () => [{ productId: teeId, skuId: whiteM, quantity: 1 }]),
        ...Array.from({ length: 60 }, () => [{ productId: teeId, skuId: blackM, quantity: 1 }]),
        ...Array.from({ length: 40 }, () => [{ productId: teeId, skuId: blackL, quantity: 1 }]),
      ];
      const results = await storm(rng, shop._id, carts, seed + 300);
      step('after the storm');
      const orders = ordersOf(h, shop._id);
      const bySku = (sku: string) => orders.filter((o) => o.lines.some((l) => l.skuId === sku));
      expect([bySku(whiteM).length, bySku(blackM).length, bySku(blackL).length]).toEqual([10, 30, 5]);
      const doc = product(h, teeId);
      const oversold = Object.entries(doc.skus!).filter(([k, s]) => s.stock < 0 || s.reserved + s.sold > initial[k]).length;
      expect(oversold).toBe(0);
      expect([doc.skus![whiteM].stock, doc.skus![whiteM].reserved]).toEqual([0, 10]);

      // Winners pay, cancel or let expire.
      const winners = results.filter((x) => x.r.ok).sort(() => rng.next() - 0.5);
      const payers = winners.slice(0, 10 + rng.int(10));
      const cancellers = winners.slice(payers.length, payers.length + 5 + rng.int(5));
      await Promise.all(payers.map(({ buyer, r }) => h.control.pay(prepayOf((r as { data: PlaceResult }).data), 'pay', buyer)));
      step('after paying');
      await Promise.all(cancellers.map(({ buyer, r }) => h.call('orders', 'cancel', { orderId: (r as { data: PlaceResult }).data.orderId }, buyer)));
      step('after cancelling');
      await h.control.advanceClock(16 * MINUTE);
      clearInterval(timer);
      step('after expiry');
      expect(bad).toEqual([]);
      const end = product(h, teeId).skus!;
      const sold = Object.values(end).reduce((n, s) => n + s.sold, 0);
      expect([sold, Object.values(end).every((s) => s.reserved === 0)]).toEqual([payers.length, true]);
      console.log(
        `seed ${seed}, ${maxInstances} instances at once: 300 buyers of one product → 白色 / M ${bySku(whiteM).length} orders for 10, 黑色 / M ${bySku(blackM).length} for 30, ` +
        `黑色 / L ${bySku(blackL).length} for 5; oversold 0 on all 6 SKUs; ${payers.length} paid, ${cancellers.length} cancelled, rest expired; ` +
        `per-SKU units = initial on all ${samples} snapshots (${lostRace(results)} refused by the guarded update)`,
      );
    }, 300_000);
  });
}
