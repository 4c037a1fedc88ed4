// npm run bench:scale — a shop with 5,000 products and 10,000 orders stays as fast as a shop with 10 (docs/decisions.md §D20).
// The built functions (cloudfunctions/, `npm run build:functions`) run unmodified with the real wx-server-sdk
// in one in-memory local cloud (the integration harness, test/integration/harness.ts). Every size is its own
// shop in that cloud, so `products` and `orders` hold every shop's documents, as in production.
//
// For each read and size: function calls, database requests (the request log's `database.*` actions of the
// invocation), rows the database returned to the function and their bytes (counted by wrapping the local
// cloud's database actions: the request log records neither), the function's reply in bytes (JSON), and
// p50 / p95 of 30 warm calls after 3 warm-up calls. Figures only: timings are never asserted and a ratio
// never fails the run; a call that fails does (exit 1).
import { chinaDayKey, DAY_MS, HOUR_MS, MINUTE_MS } from '../core/time';
import type { CategoryDoc, CustomerDoc, MembershipDoc, OrderDoc, OrderLine, ProductDoc, ShopDayDoc, TimelineEntry } from '../core/model';
import type { OrderStatus } from '../core/order-state';
import { WAITING_STATUSES } from '../core/order-state';
import { makeLine, makeMembership, makeMembershipProduct, makeOrder, makeProduct } from '../core/testing/fixtures';
import { formatFileId } from '../localcloud/storage/fileid';
import type { AdminCall } from '../localcloud/types';
import { BUYER_A, MERCHANT, OWNER, startHarness, unindexedReport, type Harness } from '../test/integration/harness';
import { freshId, seedShop } from '../test/integration/money-fixtures';
import { fmt, summarize } from './stats';

const WARMUP = 3;
const TIMED = 30;
const SHELF_SIZES = [10, 100, 1_000, 5_000];
const ORDER_SIZES = [10, 1_000, 10_000];
const SEED_BATCH = 2_000;

type Docs = Record<string, unknown>[];
const asDocs = (docs: object[]) => docs as unknown as Docs;

// ---------- what the database returned, per invocation ----------

/** Rows (documents in `data.list`, or a returned `data.doc`) and reply bytes of the database, per invocation id. */
const dbReads = new Map<string, { rows: number; bytes: number }>();

function record(call: AdminCall, reply: unknown): void {
  const inv = call.invocation?.requestId;
  if (!inv) return;
  const data = (reply as { data?: { list?: unknown; doc?: unknown } } | undefined)?.data;
  const rows = Array.isArray(data?.list) ? data.list.length : data?.doc ? 1 : 0;
  const seen = dbReads.get(inv) ?? { rows: 0, bytes: 0 };
  seen.rows += rows;
  seen.bytes += Buffer.byteLength(JSON.stringify(reply ?? null));
  dbReads.set(inv, seen);
}

/** Wrap the local cloud's `database.*` actions (the map /admin dispatches to) to count what they return. */
function countDatabaseReplies(h: Harness): void {
  const actions = h.cloud.actions();
  for (const name of Object.keys(actions)) {
    if (!name.startsWith('database.')) continue;
    const inner = actions[name];
    actions[name] = (call) => {
      const reply = inner(call);
      if (reply instanceof Promise) return reply.then((r) => { record(call, r); return r; });
      record(call, reply);
      return reply;
    };
  }
}

// ---------- measuring ----------

interface Figures {
  size: string;
  calls: string;
  dbRequests: string;
  rows: number;
  dbBytes: number;
  replyBytes: number;
  p50: number;
  p95: number;
  note: string;
}

interface Invoked {
  requestId: string;
  result: unknown;
}

class CallFailed extends Error {}

/** 3 warm-up calls, then 30 timed; the counts of every call (min–max when they differ), the bytes of the last. */
async function measure(h: Harness, size: string, invoke: () => Promise<Invoked>, note: (result: unknown) => string = () => ''): Promise<Figures> {
  for (let i = 0; i < WARMUP; i++) await invoke();
  const times: number[] = [];
  const db: number[] = [];
  const calls: number[] = [];
  /** Per collection, the milliseconds its requests took in each call (the request log's `ms`). */
  const byCollection = new Map<string, number[]>();
  let last: Invoked | null = null;
  let reads = { rows: 0, bytes: 0 };
  for (let i = 0; i < TIMED; i++) {
    const t = performance.now();
    last = await invoke();
    times.push(performance.now() - t);
    const requests = h.cloud.requests.list({ invocationId: last.requestId });
    db.push(requests.filter((r) => r.action.startsWith('database.')).length);
    calls.push(1 + requests.filter((r) => r.action === 'functions.invokeFunction').length);
    const spent = new Map<string, number>();
    for (const r of requests) if (r.action.startsWith('database.')) spent.set(r.collection ?? r.action, (spent.get(r.collection ?? r.action) ?? 0) + r.ms);
    for (const [c, ms] of spent) byCollection.set(c, [...(byCollection.get(c) ?? []), ms]);
    reads = dbReads.get(last.requestId) ?? { rows: 0, bytes: 0 };
  }
  dbReads.clear();
  const s = summarize(times);
  // The collection whose requests took longest (p50 over the timed calls): where the time goes.
  const slowest = [...byCollection].map(([c, ms]) => ({ c, p50: summarize(ms).p50 })).sort((a, b) => b.p50 - a.p50)[0];
  const range = (xs: number[]) => (Math.min(...xs) === Math.max(...xs) ? String(xs[0]) : `${Math.min(...xs)}–${Math.max(...xs)}`);
  return {
    size, calls: range(calls), dbRequests: range(db), rows: reads.rows, dbBytes: reads.bytes,
    replyBytes: Buffer.byteLength(JSON.stringify(last?.result ?? null)), p50: s.p50, p95: s.p95,
    note: [last ? note(last.result) : '', slowest ? `slowest db: ${slowest.c} ${slowest.p50} ms` : ''].filter(Boolean).join('; '),
  };
}

/** A client call through the gateway; throws unless the function answered ok. */
function gateway(h: Harness, fn: string, action: string, payload: Record<string, unknown>, openid: string): () => Promise<Invoked> {
  return async () => {
    const reply = await h.control.callFunction<{ ok: boolean; data?: unknown; code?: string; message?: string }>(fn, { action, payload }, openid);
    if (!reply.ok) throw new CallFailed(`${fn}.${action} invocation failed: ${reply.errCode} ${reply.errMsg}`);
    if (!reply.result?.ok) throw new CallFailed(`${fn}.${action} ${JSON.stringify(payload)}: ${reply.result?.code} ${reply.result?.message ?? ''}`);
    return { requestId: reply.requestID, result: reply.result.data };
  };
}

/** The sweeper's every-minute timer event (SOURCE wx_trigger), as money-fixtures' tick() sends it. */
function sweeperTick(h: Harness): () => Promise<Invoked> {
  return async () => {
    const event = { Type: 'Timer', TriggerName: 'everyMinute', Time: new Date(h.cloud.now()).toISOString() };
    const outcome = await h.cloud.functions.invoke('sweeper', event, { source: 'wx_trigger' });
    if (!outcome.ok) throw new CallFailed(`sweeper failed: ${JSON.stringify(outcome)}`);
    const result = outcome.result as { ok: boolean; data?: Record<string, number>; code?: string };
    if (!result?.ok) throw new CallFailed(`sweeper: ${JSON.stringify(result)}`);
    if (result.data?.failed) throw new CallFailed(`sweeper: ${result.data.failed} job(s) failed`);
    return { requestId: outcome.requestId, result: result.data };
  };
}

const kb = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);

function table(title: string, rows: Figures[]): void {
  console.log(`\n${title}`);
  const head = ['size', 'fn calls', 'db requests', 'db rows', 'db bytes', 'reply bytes', 'p50', 'p95'];
  const widths = [22, 8, 11, 8, 9, 11, 10, 10];
  const line = (cells: string[], note = '') =>
    console.log(`  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}${note ? `   ${note}` : ''}`);
  line(head);
  for (const r of rows) line([r.size, r.calls, r.dbRequests, String(r.rows), kb(r.dbBytes), kb(r.replyBytes), fmt(r.p50), fmt(r.p95)], r.note);
  if (rows.length > 1) {
    const first = rows[0];
    const lastRow = rows[rows.length - 1];
    console.log(`  p50 at largest ÷ p50 at smallest = ${(lastRow.p50 / first.p50).toFixed(1)}× (target ≤ 1.5×)   [${lastRow.size} vs ${first.size}]`);
    // A small shop may not fill the page (1 waiting order against 20 rows): the same page, compared apart.
    const same = rows.find((r) => r.rows === lastRow.rows && r !== lastRow);
    if (first.rows !== lastRow.rows && same) {
      console.log(`  the same page at the smallest size that fills it: ${(lastRow.p50 / same.p50).toFixed(1)}×   [${lastRow.size} vs ${same.size}]`);
    }
  }
}

function seedInBatches(h: Harness, collection: string, docs: object[]): void {
  for (let i = 0; i < docs.length; i += SEED_BATCH) h.cloud.db.seed(collection, asDocs(docs.slice(i, i + SEED_BATCH)));
}

const n0 = (n: number) => n.toLocaleString('en-US');

// ---------- the storefront: a shelf of n products ----------

const HANZI = '本店精选当季新鲜食材每日清晨产地直送冷链保鲜到家口感细腻香甜多汁营养丰富适合全家老少一起享用产品经过严格质检无添加剂放心食用收到后请尽快冷藏保存如有任何问题请联系客服我们将竭诚为您服务感谢您的支持与信任欢迎再次光临小店';

function description(i: number): string {
  let s = '';
  for (let k = 0; s.length < 150; k++) s += HANZI[(i * 7 + k) % HANZI.length];
  return s;
}

function seedShelf(h: Harness, n: number): { shopId: string } {
  const { shop } = seedShop(h, { products: {} });
  const now = h.cloud.now();
  const photo = (productId: string, k: number) => formatFileId(h.cloud.envId, `shops/${shop._id}/products/${productId}-${k}.jpg`);
  const categories: CategoryDoc[] = Array.from({ length: 5 }, (_, k) => ({
    _id: freshId('C'), shopId: shop._id, name: ['水果', '蔬菜', '零食', '饮料', '日用'][k], sort: k + 1, createdAt: now - 100 * DAY_MS, updatedAt: now - 100 * DAY_MS,
  }));
  const products: ProductDoc[] = [];
  // Two membership plans (the first screen's plans come by $lookup), the rest physical products.
  for (const [k, plan] of [{ tag: 'vip', days: 30, name: '月卡', price: 3000 }, { tag: 'vip', days: 365, name: '年卡', price: 29900 }].entries()) {
    const _id = freshId('P');
    products.push(makeMembershipProduct({
      _id, shopId: shop._id, name: plan.name, description: description(k), photos: [0, 1, 2].map((p) => photo(_id, p)), price: plan.price as never,
      membership: { tag: plan.tag, lifetime: false, days: plan.days }, sort: k, createdAt: now - 90 * DAY_MS, updatedAt: now - 90 * DAY_MS,
    }));
  }
  for (let i = products.length; i < n; i++) {
    const _id = freshId('P');
    const price = 100 + ((i * 37) % 9_900);
    const createdAt = now - (n - i) * MINUTE_MS;
    products.push(makeProduct({
      _id, shopId: shop._id, name: `精选商品 ${i} 号`, description: description(i), photos: [0, 1, 2].map((p) => photo(_id, p)),
      price: price as never, memberPrice: (i % 4 === 0 ? Math.round(price * 0.9) : null) as never, stock: 50 + (i % 100), sold: i % 17,
      categoryId: i % 6 < 5 ? categories[i % 6]._id : null, sort: i, onShelf: true, deleted: false, createdAt, updatedAt: createdAt,
    }));
  }
  h.cloud.db.seed('categories', asDocs(categories));
  seedInBatches(h, 'products', products);
  return { shopId: shop._id };
}

// ---------- the owner's shop: n orders and the counters they made ----------

interface OrderShop {
  shopId: string;
  orders: number;
  waiting: number;
}

/** store/counters.ts shardOf: the shard of the day a payment is counted in. */
function shardOf(key: string): number {
  let x = 0;
  for (const c of key) x = (x * 31 + c.charCodeAt(0)) >>> 0;
  return x % 4;
}

/** yyyyMMddHHmmss, China time (VerifiedPayment.timeEnd). */
function timeEnd(ms: number): string {
  return new Date(ms + 8 * HOUR_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function seedOrders(h: Harness, n: number): OrderShop {
  const productSpecs = Object.fromEntries(['苹果', '香蕉', '橙子', '牛奶', '面包'].map((name, k) => [name, { stock: 100_000, price: (800 + k * 450) as never }]));
  const { shop, p } = seedShop(h, { products: productSpecs });
  const shelf = Object.values(p);
  const now = h.cloud.now();
  const buyers = Math.max(1, Math.ceil(n / 4));
  const openid = (b: number) => `oBENCH${String(n).padStart(5, '0')}B${String(b).padStart(16, '0')}`;
  const waitingN = Math.max(1, Math.round(n * 0.05));
  const fulfilledN = Math.max(1, Math.round(n * 0.05));
  const step = Math.min(6 * HOUR_MS, (60 * DAY_MS) / n);
  const clamp = (t: number) => Math.min(t, now - MINUTE_MS);

  const orders: OrderDoc[] = [];
  const days = new Map<string, ShopDayDoc>();
  const customers = new Map<string, CustomerDoc>();
  for (let r = 0; r < n; r++) { // r = 0: the newest
    const _id = freshId('O');
    const b = (r * 7919) % buyers;
    const buyer = openid(b);
    const createdAt = now - 5 * MINUTE_MS - Math.round(r * step);
    const status: OrderStatus = r < waitingN ? (r % 2 === 0 ? 'paid' : 'accepted')
      : r < waitingN + fulfilledN ? 'fulfilled'
        : r % 33 === 5 ? 'cancelled' : 'completed';
    const lines: OrderLine[] = Array.from({ length: 1 + (r % 3) }, (_, k) => {
      const prod = shelf[(r + k) % shelf.length];
      const quantity = 1 + ((r + k) % 3);
      return makeLine({
        lineNo: k + 1, productId: prod._id, name: prod.name, cover: prod.photos[0] ?? null, quantity,
        listPrice: prod.price, unitPrice: prod.price, lineTotal: (prod.price * quantity) as never,
      });
    });
    const subtotal = lines.reduce((s, l) => s + l.lineTotal, 0);
    const local = r % 3 === 0;
    const deliveryFee = local ? 500 : 0;
    const total = subtotal + deliveryFee;
    const paid = status !== 'cancelled';
    const paidAt = paid ? clamp(createdAt + 2 * MINUTE_MS) : null;
    const acceptedAt = paid && status !== 'paid' ? clamp(createdAt + 10 * MINUTE_MS) : null;
    const fulfilledAt = status === 'fulfilled' || status === 'completed' ? clamp(createdAt + HOUR_MS) : null;
    const completedAt = status === 'completed' ? clamp(createdAt + DAY_MS) : null;
    const transactionId = paid ? `4200${String(n).padStart(5, '0')}${String(r).padStart(19, '0')}` : null;
    const timeline: TimelineEntry[] = [{ at: createdAt, event: 'placed', actor: 'buyer', by: buyer, from: null, to: 'unpaid', note: null }];
    if (paidAt !== null) timeline.push({ at: paidAt, event: 'paid', actor: 'payment', by: null, from: 'unpaid', to: 'paid', note: null });
    if (acceptedAt !== null) timeline.push({ at: acceptedAt, event: 'accepted', actor: 'owner', by: OWNER, from: 'paid', to: 'accepted', note: null });
    if (fulfilledAt !== null) timeline.push({ at: fulfilledAt, event: 'fulfilled', actor: 'owner', by: OWNER, from: 'accepted', to: 'fulfilled', note: null });
    if (completedAt !== null) timeline.push({ at: completedAt, event: 'completed', actor: 'system', by: null, from: 'fulfilled', to: 'completed', note: null });
    if (!paid) timeline.push({ at: createdAt + 15 * MINUTE_MS, event: 'expired', actor: 'system', by: null, from: 'unpaid', to: 'cancelled', note: null });
    const order = makeOrder({
      _id, shopId: shop._id, buyerOpenid: buyer, requestId: `req-${_id}`, status, lines,
      itemCount: lines.reduce((s, l) => s + l.quantity, 0), subtotal: subtotal as never, deliveryFee: deliveryFee as never, total: total as never,
      delivery: local
        ? { method: 'local', fee: deliveryFee as never, address: { userName: `顾客${b}`, telNumber: `138${String(b).padStart(8, '0')}`, provinceName: '广东省', cityName: '深圳市', countyName: '南山区', detailInfo: `科技园 ${b} 号`, postalCode: '518000' } }
        : { method: 'pickup', fee: 0 as never, address: null },
      outTradeNo: _id,
      payment: { channel: 'cloudpay', subMchId: MERCHANT, params: null, payExpiresAt: createdAt + 14 * MINUTE_MS, transactionId, lastQueriedAt: null },
      expiresAt: createdAt + 15 * MINUTE_MS, stockState: paid ? 'sold' : 'released', owed: [],
      paidWith: paid && transactionId && paidAt !== null
        ? { transactionId, outTradeNo: _id, totalFee: total as never, subMchId: MERCHANT, timeEnd: timeEnd(paidAt), payerOpenid: buyer, source: 'notify', outcome: 'applied' }
        : null,
      paidFen: (paid ? total : 0) as never, timeline, createdAt, updatedAt: completedAt ?? fulfilledAt ?? acceptedAt ?? paidAt ?? createdAt + 15 * MINUTE_MS,
      paidAt, acceptedAt, fulfilledAt, completedAt, completeDueAt: status === 'fulfilled' ? now + 3 * DAY_MS : null,
      cancelledAt: paid ? null : createdAt + 15 * MINUTE_MS, cancelReason: paid ? null : '超时未支付',
    });
    orders.push(order);
    if (paidAt === null) continue;
    // What count_paid would have written (store/counters.ts countPaid): the day's shard and the customer row.
    const day = chinaDayKey(paidAt);
    const shard = shardOf(_id);
    const dayId = `${shop._id}.${day}.${shard}`;
    const d = days.get(dayId) ?? { _id: dayId, shopId: shop._id, day, shard, paidOrders: 0, paidFen: 0 as never, refundedFen: 0 as never, counted: { o: {} } };
    d.paidOrders += 1;
    d.paidFen = (d.paidFen + total) as never;
    d.counted.o[_id] = 1;
    days.set(dayId, d);
    const cId = `${shop._id}.${buyer}`;
    const c = customers.get(cId) ?? {
      _id: cId, shopId: shop._id, openid: buyer, firstOrderAt: paidAt, lastOrderAt: paidAt, orderCount: 0, paidCount: 0, paidTotal: 0 as never, counted: { o: {} },
    };
    c.firstOrderAt = Math.min(c.firstOrderAt, paidAt);
    c.lastOrderAt = Math.max(c.lastOrderAt, paidAt);
    c.orderCount += 1;
    c.paidCount += 1;
    c.paidTotal = (c.paidTotal + total) as never;
    c.counted.o[_id] = 1;
    customers.set(cId, c);
  }
  // Every 10th buyer is a member (the dashboard counts active members): active well past the reminder
  // window, every 50th expired and already marked, so the sweeper finds nothing to do.
  const memberships: MembershipDoc[] = [];
  for (let b = 0; b < buyers; b += 10) {
    const expired = b % 50 === 0;
    const expiresAt = expired ? now - 10 * DAY_MS : now + (30 + (b % 200)) * DAY_MS;
    memberships.push(makeMembership({
      _id: `${shop._id}.${openid(b)}.vip`, shopId: shop._id, buyerOpenid: openid(b), tag: 'vip', expiresAt, termStartedAt: expiresAt - 30 * DAY_MS,
      reminderSentFor: expired ? expiresAt : null, expiredAt: expired ? expiresAt : null, createdAt: expiresAt - 30 * DAY_MS, updatedAt: now - DAY_MS,
    }));
  }
  const profiles = Array.from({ length: Math.ceil(buyers / 2) }, (_, k) => ({ _id: openid(2 * k), nickname: `买家${2 * k}`, avatar: null, updatedAt: now - DAY_MS }));
  seedInBatches(h, 'orders', orders);
  seedInBatches(h, 'shop_days', [...days.values()]);
  seedInBatches(h, 'customers', [...customers.values()]);
  seedInBatches(h, 'memberships', memberships);
  seedInBatches(h, 'buyer_profiles', profiles);
  const waiting = orders.filter((o) => WAITING_STATUSES.includes(o.status)).length;
  return { shopId: shop._id, orders: n, waiting };
}

/** offset 100, or the last page when there are fewer rows than that page needs. */
const deepOffset = (rows: number) => (rows >= 120 ? 100 : Math.max(0, rows - 20));

// ---------- the run ----------

async function main(): Promise<void> {
  const started = performance.now();
  const h = await startHarness();
  countDatabaseReplies(h);
  let failed = false;
  try {
    console.log('Scale benchmark: the built functions with the real wx-server-sdk on one in-memory local cloud, one shop per size');
    console.log(`  ${WARMUP} warm-up calls, then p50 / p95 of ${TIMED} calls; db rows / db bytes: what the database returned to the function (last call);`);
    console.log('  slowest db: the collection whose requests took longest in a call (request log, whole ms, p50)');

    // Seed every shelf first: the storefront is measured with every shop's products in the collection.
    let t = performance.now();
    const shelves = SHELF_SIZES.map((n) => ({ n, ...seedShelf(h, n) }));
    console.log(`\nSeeded ${shelves.map((s) => n0(s.n)).join(' / ')} products (3 photos, 150-character description, 5 categories, 2 membership plans each) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // Orders shop by shop; the sweeper is one for the whole cloud, so its idle tick is measured as the orders collection grows.
    const sweeper: Figures[] = [];
    const orderShops: OrderShop[] = [];
    let total = 0;
    t = performance.now();
    for (const n of ORDER_SIZES) {
      orderShops.push(seedOrders(h, n));
      total += n;
      sweeper.push(await measure(h, `${n0(total)} orders in db`, sweeperTick(h), (r) => {
        const busy = Object.entries(r as Record<string, number>).filter(([, v]) => v > 0);
        return busy.length ? `NOT IDLE: ${busy.map(([k, v]) => `${k} ${v}`).join(', ')}` : '';
      }));
    }
    console.log(`Seeded ${orderShops.map((s) => `${n0(s.orders)} orders (${s.waiting} waiting)`).join(' / ')} with their shop_days, customers, memberships and buyer profiles, sweeper measured, in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // Warm the local cloud and the function instances once before any figure (the first table would
    // otherwise carry the JIT warm-up of the whole process).
    for (let i = 0; i < 20; i++) {
      await gateway(h, 'storefront', 'home', { shopId: shelves[i % shelves.length].shopId }, BUYER_A)();
      await gateway(h, 'shopAdmin', 'inbox', { shopId: orderShops[i % orderShops.length].shopId }, OWNER)();
    }

    // 1. The storefront.
    const cards = (r: unknown) => {
      const home = r as { products?: unknown[]; hasMore?: boolean; plans?: unknown[] };
      return `${home.products?.length ?? '?'} cards${home.hasMore === undefined ? '' : `, hasMore ${home.hasMore}`}${home.plans ? `, ${home.plans.length} plans` : ''}`;
    };
    const home: Figures[] = [];
    for (const s of shelves) home.push(await measure(h, `${n0(s.n)} products`, gateway(h, 'storefront', 'home', { shopId: s.shopId }, BUYER_A), cards));
    table('storefront.home {shopId} — the buyer\'s first screen', home);

    const probe = await h.control.callFunction<{ ok: boolean; code?: string; message?: string }>('storefront', { action: 'products', payload: { shopId: shelves[0].shopId, offset: 0, limit: 20 } }, BUYER_A);
    if (!probe.ok || !probe.result?.ok) {
      console.log(`\nstorefront.products: not available (${probe.ok ? `${probe.result?.code} ${probe.result?.message ?? ''}` : probe.errMsg})`);
    } else {
      const page: Figures[] = [];
      for (const s of shelves) {
        const offset = Math.max(0, s.n - 20);
        page.push(await measure(h, `${n0(s.n)} products @${offset}`, gateway(h, 'storefront', 'products', { shopId: s.shopId, offset, limit: 20 }, BUYER_A), (r) => {
          const p = r as { items?: unknown[]; hasMore?: boolean };
          return `${p.items?.length ?? '?'} cards, hasMore ${p.hasMore}`;
        }));
      }
      table('storefront.products {shopId, offset: n − 20, limit: 20} — the shelf\'s last page', page);
    }

    // 2. The owner's reads.
    const owner = async (action: string, payload: (s: OrderShop) => Record<string, unknown>, label: (s: OrderShop) => string = (s) => `${n0(s.orders)} orders`) => {
      const rows: Figures[] = [];
      for (const s of orderShops) {
        rows.push(await measure(h, label(s), gateway(h, 'shopAdmin', action, { shopId: s.shopId, ...payload(s) }, OWNER), (r) => {
          const page = r as { items?: unknown[]; hasMore?: boolean };
          return page.items ? `${page.items.length} rows, hasMore ${page.hasMore}` : '';
        }));
      }
      return rows;
    };
    table('shopAdmin.customers — first page', await owner('customers', () => ({})));
    table('shopAdmin.dashboard', await owner('dashboard', () => ({})));
    table('shopAdmin.inbox 待处理 (status: waiting) — first page', await owner('inbox', () => ({ status: 'waiting' }), (s) => `${n0(s.orders)} orders (${s.waiting} w.)`));
    table('shopAdmin.inbox 待处理 — deep page (offset 100, or the last page)', await owner('inbox', (s) => ({ status: 'waiting', offset: deepOffset(s.waiting) }), (s) => `${n0(s.orders)} @${deepOffset(s.waiting)}`));
    table('shopAdmin.inbox 全部 (no status) — first page', await owner('inbox', () => ({})));
    table('shopAdmin.inbox 全部 — deep page (offset 100, or the last page)', await owner('inbox', (s) => ({ offset: deepOffset(s.orders) }), (s) => `${n0(s.orders)} @${deepOffset(s.orders)}`));
    table('shopAdmin.inbox 全部 — the very last page (offset n − 20)', await owner('inbox', (s) => ({ offset: Math.max(0, s.orders - 20) }), (s) => `${n0(s.orders)} @${Math.max(0, s.orders - 20)}`));
    table('sweeper — one idle timer tick (the whole cloud\'s orders; no product, order or membership due)', sweeper);
  } catch (err) {
    failed = true;
    console.error(err instanceof CallFailed ? `\nA call failed: ${err.message}` : err);
  } finally {
    const scans = h.cloud.db.unindexed();
    if (scans.length) console.log(`\nWARNING: ${unindexedReport(scans)}`);
    await h.close().catch(() => undefined);
  }
  console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (failed) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
