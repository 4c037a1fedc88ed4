// Crash points: every database write of every money operation can fail, and the process can die right
// after any of them. For each operation we count its writes in a clean run (N), then for k = 1…N fail
// the k-th write — and, separately, kill the function's instance right after it — let WeChat's retries,
// the buyer's retry and the sweeper run on the virtual clock, and audit the shop:
//   per product and per SKU of a product with options: available + reserved + sold = initial, and
//   reserved = its holds = the units its unpaid orders hold;
//   every paid order has its payment record, its units sold, its grants and entitlements;
//   no grant or entitlement on an unpaid or refunded line; no order still owes anything.
import type { PlaceResult } from '../../core/contracts/views';
import { grantKey } from '../../core/ids';
import type { MembershipGrantDoc, PayChannelKind } from '../../core/model';
import { makeOptions } from '../../core/testing/fixtures';
import { auditShop } from './audit';
import { BUYER_A, data, MERCHANT, OWNER, startHarness, WRITE_ACTIONS, type Harness } from './harness';
import { newRequestId, order, prepayOf, seedShop, tick, type Shop } from './money-fixtures';

const MINUTE = 60_000;
/** WeChat's first notify retries (15 s … 3 min), the sweeper's repair (1–2 min) and its re-query of a refund nobody heard of (10 min) all fit. */
const RECOVERY_MINUTES = 12;

let h: Harness;

interface Run {
  shop: Shop;
  initial: Record<string, number>;
  orderId?: string;
  requestId?: string;
  placed?: PlaceResult;
}

interface CrashOp {
  name: string;
  /** The function whose writes are failed or killed. */
  fn: string;
  /** Everything before the operation, fault-free. */
  setup(): Promise<Run>;
  /** The operation itself (its outcome does not matter: a fault may break it). */
  run(r: Run): Promise<void>;
  /** What a person or WeChat does afterwards besides the clock: the buyer taps again, the owner retries. */
  retry?(r: Run): Promise<void>;
}

function basket(payChannel: PayChannelKind = 'cloudpay'): Run {
  const shop = seedShop(h, {
    settings: { payChannel, subMchId: MERCHANT },
    products: {
      tea: { stock: 5 }, cake: { stock: 3 }, coffee: { unlimited: true, stock: 0 },
      card: { kind: 'membership' }, book: { kind: 'digital' },
      tee: { stock: 0, ...makeOptions([['颜色', ['白色', '黑色']]], () => ({ stock: 4 })) },
    },
  });
  const initial = Object.fromEntries(Object.values(shop.p).flatMap((p) => [
    [p._id, p.stock], ...Object.keys(p.skus ?? {}).map((skuId) => [`${p._id}/${skuId}`, p.skus![skuId].stock]),
  ]));
  return { shop, initial };
}

async function placed(r: Run, lines?: { productId: string; skuId?: string; quantity: number }[]): Promise<Run> {
  const requestId = newRequestId();
  const p = r.shop.p;
  const result = data(await h.call<PlaceResult>('confirmOrder', 'place', {
    shopId: r.shop.shop._id, requestId, deliveryMethod: 'pickup',
    lines: lines ?? [
      { productId: p.tea._id, quantity: 2 }, { productId: p.cake._id, quantity: 1 }, { productId: p.coffee._id, quantity: 1 },
      { productId: p.card._id, quantity: 1 }, { productId: p.book._id, quantity: 1 },
      { productId: p.tee._id, skuId: 'v1', quantity: 2 }, { productId: p.tee._id, skuId: 'v2', quantity: 1 },
    ],
  }, BUYER_A));
  return { ...r, requestId, placed: result, orderId: result.orderId };
}

async function paid(r: Run): Promise<Run> {
  await h.control.pay(prepayOf(r.placed!), 'pay', BUYER_A);
  return r;
}

const OPS: CrashOp[] = [
  {
    name: 'place', fn: 'confirmOrder',
    setup: async () => ({ ...basket(), requestId: newRequestId() }),
    run: async (r) => {
      const p = r.shop.p;
      await h.call('confirmOrder', 'place', {
        shopId: r.shop.shop._id, requestId: r.requestId, deliveryMethod: 'pickup',
        lines: [
          { productId: p.tea._id, quantity: 2 }, { productId: p.cake._id, quantity: 1 }, { productId: p.coffee._id, quantity: 1 },
          { productId: p.tee._id, skuId: 'v2', quantity: 1 },
        ],
      }, BUYER_A).catch(() => undefined);
    },
    retry: (r) => OPS[0].run(r),
  },
  { name: 'payNotify', fn: 'payNotify', setup: async () => placed(basket()), run: async (r) => void (await paid(r)) },
  {
    name: 'confirmPaid', fn: 'orders',
    setup: async () => {
      const r = await placed(basket());
      await h.control.notifyPolicy({ mode: 'drop', outTradeNo: r.placed!.outTradeNo });
      return paid(r);
    },
    run: async (r) => void (await h.call('orders', 'confirmPaid', { orderId: r.orderId }, BUYER_A).catch(() => undefined)),
  },
  {
    name: 'buyer cancel', fn: 'orders', setup: async () => placed(basket()),
    run: async (r) => void (await h.call('orders', 'cancel', { orderId: r.orderId, reason: '不想要了' }, BUYER_A).catch(() => undefined)),
  },
  {
    name: 'sweeper expiry', fn: 'sweeper',
    setup: async () => {
      const r = await placed(basket());
      h.cloud.db.seed('orders', [{ ...order(h, r.orderId!), expiresAt: h.cloud.now() - 1 } as never]);
      return r;
    },
    run: async () => void (await tick(h, ['expireOrders']).catch(() => undefined)),
  },
  {
    name: 'refund start', fn: 'shopAdmin', setup: async () => paid(await placed(basket())),
    run: async (r) => void (await h.call('shopAdmin', 'refundOrder', {
      shopId: r.shop.shop._id, orderId: r.orderId, reason: '顾客退货', mode: 'full',
    }, OWNER).catch(() => undefined)),
  },
  {
    // The buyer's after-sale request approved by the owner: the approval, then the refund it starts.
    name: 'after-sale approve', fn: 'shopAdmin',
    setup: async () => {
      const r = await paid(await placed(basket()));
      const asked = data(await h.call<{ afterSaleId: string }>('orders', 'requestAfterSale', { orderId: r.orderId, mode: 'full', reason: '不想要了', photos: [] }, BUYER_A));
      return { ...r, requestId: asked.afterSaleId };
    },
    run: async (r) => void (await h.call('shopAdmin', 'approveAfterSale', { shopId: r.shop.shop._id, orderId: r.orderId, afterSaleId: r.requestId }, OWNER)
      .catch(() => undefined)),
    // The owner taps 同意退款 again (or the sweeper's escalateAfterSales finishes the approval).
    retry: async (r) => void (await h.call('shopAdmin', 'approveAfterSale', { shopId: r.shop.shop._id, orderId: r.orderId, afterSaleId: r.requestId }, OWNER)
      .catch(() => undefined)),
  },
  {
    name: 'refund notify', fn: 'refundNotify',
    setup: async () => {
      const r = await paid(await placed(basket()));
      data(await h.call('shopAdmin', 'refundOrder', { shopId: r.shop.shop._id, orderId: r.orderId, reason: '顾客退货', mode: 'full' }, OWNER));
      return r;
    },
    // The sandbox settles the refund on the virtual clock and notifies refundNotify.
    run: async () => void (await h.control.advanceClock(MINUTE)),
  },
  {
    name: 'membership grant', fn: 'membership',
    // A gift goes to a customer of the shop: one who has ordered. `requestId` is the gift id.
    setup: async () => {
      const b = basket();
      const r = await placed(b, [{ productId: b.shop.p.tea._id, quantity: 1 }]);
      return { ...r, requestId: newRequestId() };
    },
    run: async (r) => {
      const result = await h.call('membership', 'gift', {
        shopId: r.shop.shop._id, giftId: r.requestId, buyerOpenid: BUYER_A, tag: r.shop.p.card.membership!.tag, days: 30,
      }, OWNER).catch((err: Error) => ({ ok: false, code: err.message }));
      if (!result.ok && !/INTERNAL_ERROR|invocation failed/.test(`${'code' in result ? result.code : ''}`)) throw new Error(`gift: ${JSON.stringify(result)}`);
    },
    retry: (r) => OPS[7].run(r),
  },
  // The same payment as payNotify, for a v3 shop (service-provider mode): the signed, encrypted notify
  // reaches payNotifyV3 through the HTTP access service; a 5xx or a killed instance is retried by WeChat Pay.
  { name: 'payNotifyV3', fn: 'payNotifyV3', setup: async () => placed(basket('v3-partner')), run: async (r) => void (await paid(r)) },
  {
    // The buyer's coupon is held before the stock: a place that dies after holding it is repaired with its lock.
    name: 'place with coupon', fn: 'confirmOrder',
    setup: async () => ({ ...(await withCoupon(basket())), requestId: newRequestId() }),
    run: async (r) => void (await h.call('confirmOrder', 'place', {
      shopId: r.shop.shop._id, requestId: r.requestId, deliveryMethod: 'pickup', lines: [{ productId: r.shop.p.tea._id, quantity: 2 }],
    }, BUYER_A).catch(() => undefined)),
    retry: (r) => OPS.find((o) => o.name === 'place with coupon')!.run(r),
  },
  {
    name: 'payNotify with coupon', fn: 'payNotify',
    setup: async () => placed(await withCoupon(basket())),
    run: async (r) => void (await paid(r)),
  },
  {
    name: 'expiry with coupon', fn: 'sweeper',
    setup: async () => {
      const r = await placed(await withCoupon(basket()));
      h.cloud.db.seed('orders', [{ ...order(h, r.orderId!), expiresAt: h.cloud.now() - 1 } as never]);
      return r;
    },
    run: async () => void (await tick(h, ['expireOrders']).catch(() => undefined)),
  },
  {
    // The full refund's follow-ups give the coupon back.
    name: 'refund notify with coupon', fn: 'refundNotify',
    setup: async () => {
      const r = await paid(await placed(await withCoupon(basket())));
      data(await h.call('shopAdmin', 'refundOrder', { shopId: r.shop.shop._id, orderId: r.orderId, reason: '顾客退货', mode: 'full' }, OWNER));
      return r;
    },
    run: async () => void (await h.control.advanceClock(MINUTE)),
  },
];

/** A ¥3 coupon (and 满 1 减 1) for BUYER_A in the run's shop, claimed through the orders function. */
async function withCoupon(r: Run): Promise<Run> {
  const shopId = r.shop.shop._id;
  const now = h.cloud.now();
  data(await h.call('shopAdmin', 'saveActivity', { shopId, name: '满 1 减 1', tiers: [{ threshold: 2, off: 1 }], startsAt: now - MINUTE, endsAt: now + 60 * MINUTE }, OWNER));
  const coupon = data(await h.call<{ couponId: string }>('shopAdmin', 'saveCoupon', {
    shopId, name: '3 元券', benefit: { kind: 'amount', off: 300 }, validity: { kind: 'days', days: 7 }, quantity: 10,
  }, OWNER));
  data(await h.call('orders', 'claimCoupon', { couponId: coupon.couponId }, BUYER_A));
  return r;
}

function audit(r: Run): string[] {
  const bad = auditShop(<T>(c: string) => h.docs<T>(c), r.shop.shop._id, r.initial);
  const giftKey = r.requestId && grantKey({ type: 'gift', shopId: r.shop.shop._id, giftId: r.requestId });
  if (giftKey && h.docs<MembershipGrantDoc>('membership_grants').filter((g) => g._id === giftKey).length > 1) bad.push('gift granted twice');
  return bad;
}

async function recover(op: CrashOp, r: Run): Promise<void> {
  await h.control.request('DELETE', '/control/faults');
  await h.control.notifyPolicy({ mode: 'deliver' });
  if (op.retry) await op.retry(r);
  for (let i = 0; i < RECOVERY_MINUTES; i += 1) await h.control.advanceClock(MINUTE);
}

function writesBy(fn: string, since: number): number {
  return h.cloud.requests.list({ since }).filter((q) => q.functionName === fn && WRITE_ACTIONS.includes(q.action)).length;
}

type Mode = 'fail' | 'kill';
/** Every write point in both modes, or the everyday sample. */
type Points = 'all' | 'sample';

/**
 * Where to fault an operation of `n` writes: every write in both modes (the exhaustive sweep), or a
 * sample for the everyday suite — the instance killed right after the middle write (something half done
 * must be finished or undone) and the last write failed (the retries must not repeat its effects).
 */
export function faultPoints(n: number, points: Points): { k: number; mode: Mode }[] {
  if (points === 'all') return Array.from({ length: n }, (_, i) => (['fail', 'kill'] as const).map((mode) => ({ k: i + 1, mode }))).flat();
  return [{ k: Math.ceil(n / 2), mode: 'kill' }, { k: n, mode: 'fail' }];
}

/**
 * The sweep over the named operations, as one jest test with its own local cloud. The exhaustive sweep
 * (`points: 'all'`) is spread over test/sweeps/crash-points-*.test.ts (npm run test:sweeps), so that
 * jest's workers run them side by side; npm test runs a sample of every operation (crash-points.test.ts).
 */
export function crashSweep(names: readonly string[], points: Points = 'all'): void {
  beforeAll(async () => {
    // v3 keys for every function: Cloud Pay shops ignore them, the v3 shop's notify goes through payNotifyV3.
    h = await startHarness({ v3: 'public_key' });
  }, 60_000);
  afterAll(() => h?.close());
  const which = points === 'all' ? 'every write' : 'a sample of the writes';
  test(`${which} of ${names.join(', ')} fails or crashes in turn: 0 invariant violations`, async () => {
    const rows: string[] = [];
    let crashes = 0;
    let writePoints = 0;
    const violations: string[] = [];
    // CRASH_OPS=name,name runs only those operations (while working on one of them).
    const only = process.env.CRASH_OPS?.split(',');
    const ops = OPS.filter((o) => names.includes(o.name) && (!only || only.includes(o.name)));
    if (ops.length !== names.length && !only) throw new Error(`unknown operations in ${names.join(', ')}`);
    for (const op of ops) {
      const clean = await op.setup();
      const seq = h.cloud.requests.lastSeq;
      await op.run(clean);
      const n = writesBy(op.fn, seq);
      if (n === 0) throw new Error(`${op.name}: no writes by ${op.fn} in a clean run`);
      await recover(op, clean);
      violations.push(...audit(clean).map((v) => `${op.name} (no fault): ${v}`));
      writePoints += n;
      const faults = faultPoints(n, points);
      for (const { k, mode } of faults) {
        const r = await op.setup();
        await h.control.fault({ target: 'database', mode, actions: WRITE_ACTIONS, functionName: op.fn, after: k - 1, count: 1 });
        await op.run(r);
        crashes += 1;
        await recover(op, r);
        violations.push(...audit(r).map((v) => `${op.name}, ${mode} at write ${k}/${n}: ${v}`));
      }
      rows.push(`  ${op.name.padEnd(25)} ${String(n).padStart(2)} writes${points === 'all' ? '' : `, faulted at ${faults.map((f) => `${f.mode} ${f.k}`).join(', ')}`}`);
    }
    console.log(`${ops.length} operations × ${writePoints} write points: ${crashes} crashes injected, ${violations.length} invariant violations\n${rows.join('\n')}` +
      (violations.length ? `\n${violations.slice(0, 30).join('\n')}` : ''));
    expect(violations).toEqual([]);
  }, 1_200_000);
}

/** Every operation of the sweep, by name. */
export const CRASH_OPS = OPS.map((o) => o.name);
