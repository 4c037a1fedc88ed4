// A replaced file is announced to every buyer who holds it (docs/product.md §14 digital goods): the
// owner uploads a new version, and the sweeper tells each entitled buyer exactly once — a timeline
// entry on their order, and a subscribe message where they subscribed when buying — in batches that
// survive the function being killed midway (the notice is keyed by update and entitlement and written
// before the message; the job resumes from its cursor).
import type { OwnerProductView } from '../../core/contracts/views';
import type { DigitalNoticeDoc, DigitalUpdateDoc, EntitlementDoc, OrderDoc } from '../../core/model';
import { makeLine, makeOrder } from '../../core/testing/fixtures';
import { DIGITAL_UPDATED_TEMPLATE } from '../../core/subscribe-templates';
import { data, OWNER, startHarness, WRITE_ACTIONS, type Harness } from './harness';
import { freshId, seedShop } from './money-fixtures';
import { uploadDigital } from './catalogue-helpers';
import { TRANSACTION_TIMEOUT_MS } from '../../localcloud/db/limits';
import { BATCH } from '../../server/sweeper/budget';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

// Three batches of the job: the kill below lands in the second.
const BUYERS = 2 * BATCH + 20;

async function bookWithBuyers(buyers: number) {
  const s = seedShop(h, { products: { book: { kind: 'digital', price: 990 as never } } });
  const fileID = await uploadDigital(h, s.shop._id, 'book-v1.pdf');
  const book = s.p.book;
  h.cloud.db.seed('products', []);
  const now = h.cloud.now();
  const orders: OrderDoc[] = [];
  const entitlements: EntitlementDoc[] = [];
  for (let i = 0; i < buyers; i += 1) {
    const orderId = freshId('O');
    const buyer = `oREADER_${s.shop._id.slice(-6)}_${String(i).padStart(4, '0')}`;
    orders.push(makeOrder({
      _id: orderId, outTradeNo: orderId, shopId: s.shop._id, buyerOpenid: buyer, status: 'fulfilled', paidFen: 990 as never, paidAt: now,
      hasPhysical: false, hasVirtual: true, delivery: { method: null, fee: 0 as never, address: null }, stockState: 'sold',
      lines: [makeLine({ productId: book._id, kind: 'digital', name: book.name, quantity: 1, lineTotal: 990 as never, digital: { fileID, fileName: 'book-v1.pdf', downloadLimit: 5, version: 1 } })],
      fulfilment: { kind: 'virtual', at: now, carrier: null, trackingNo: null, note: '', shippingUploaded: true },
    }));
    entitlements.push({
      _id: `${orderId}.1`, orderId, lineNo: 1, shopId: s.shop._id, buyerOpenid: buyer, productId: book._id, fileID, fileName: 'book-v1.pdf',
      version: 1, downloadLimit: 5, downloads: 0, lastDownloadAt: null, revokedAt: null, createdAt: now,
    });
  }
  h.cloud.db.seed('orders', orders as unknown as Record<string, unknown>[]);
  h.cloud.db.seed('entitlements', entitlements as unknown as Record<string, unknown>[]);
  // Each buyer accepted the update template twice when buying: a second send would get through and show.
  for (const e of entitlements) await h.control.subscribe(e.buyerOpenid, [DIGITAL_UPDATED_TEMPLATE.id, DIGITAL_UPDATED_TEMPLATE.id]);
  return { shop: s.shop, book, entitlements };
}

async function replaceFile(shopId: string, productId: string) {
  const fileID = await uploadDigital(h, shopId, 'book-v2.pdf');
  return data(await h.call<OwnerProductView>('shopAdmin', 'updateProduct', {
    shopId, productId, patch: { digital: { fileID, fileName: 'book-v2.pdf', downloadLimit: 5 } },
  }, OWNER));
}

/** One sweeper run of the job; false when the instance was killed. */
async function run(): Promise<boolean> {
  const outcome = await h.cloud.functions.invoke('sweeper', { action: 'tick', payload: { jobs: ['sendDigitalUpdates'] } }, { source: 'wx_trigger' });
  return outcome.ok && (outcome.result as { ok?: boolean }).ok === true;
}

async function audit(shopId: string, entitlements: EntitlementDoc[]) {
  const messages = (await h.control.outbox()).messages
    .filter((m) => m.kind === 'subscribeMessage' && m.payload.template_id === DIGITAL_UPDATED_TEMPLATE.id);
  const perBuyer = new Map<string, number>();
  for (const m of messages) perBuyer.set(String(m.payload.touser), (perBuyer.get(String(m.payload.touser)) ?? 0) + 1);
  const orders = new Map(h.docs<OrderDoc>('orders').filter((o) => o.shopId === shopId).map((o) => [o._id, o]));
  const entries = entitlements.map((e) => orders.get(e.orderId)!.timeline.filter((t) => t.event === 'digital_updated').length);
  const messagesPer = entitlements.map((e) => perBuyer.get(e.buyerOpenid) ?? 0);
  const notices = h.docs<DigitalNoticeDoc>('digital_notices').filter((n) => entitlements.some((e) => e._id === n.entitlementId));
  return {
    toldOnce: entries.filter((n) => n === 1).length, toldTwice: entries.filter((n) => n > 1).length, skipped: entries.filter((n) => n === 0).length,
    messagedOnce: messagesPer.filter((n) => n === 1).length, messagedTwice: messagesPer.filter((n) => n > 1).length, notices: notices.length,
  };
}

describe('a replaced file tells each buyer once', () => {
  test(`${BUYERS} entitled buyers: one timeline entry and one message each`, async () => {
    const { shop, book, entitlements } = await bookWithBuyers(BUYERS);
    const edited = await replaceFile(shop._id, book._id);
    expect(edited.digital).toMatchObject({ version: 2, fileName: 'book-v2.pdf' });
    let runs = 0;
    do runs += 1; while ((await run()) && !h.docs<DigitalUpdateDoc>('digital_updates').find((j) => j.productId === book._id)?.done && runs < 20);
    const a = await audit(shop._id, entitlements);
    expect(a).toEqual({ toldOnce: BUYERS, toldTwice: 0, skipped: 0, messagedOnce: BUYERS, messagedTwice: 0, notices: BUYERS });
    expect(h.docs<DigitalUpdateDoc>('digital_updates').find((j) => j.productId === book._id)).toMatchObject({ done: true, told: BUYERS });
    console.log(`digital update, no fault: ${BUYERS} buyers → ${a.toldOnce} timeline entries, ${a.messagedOnce} messages, 0 twice, 0 skipped (${runs} run(s))`);
  }, 300_000);

  test('killed midway (in its second batch) and resumed: still each buyer exactly once', async () => {
    const { shop, book, entitlements } = await bookWithBuyers(BUYERS);
    await replaceFile(shop._id, book._id);
    // Each buyer costs 3 writes (notice + timeline in one transaction, then "sent"): die ten buyers into the second batch.
    const killAt = 3 * (BATCH + 10);
    await h.control.fault({ target: 'database', mode: 'kill', actions: WRITE_ACTIONS, functionName: 'sweeper', after: killAt, count: 1 });
    const first = await run();
    expect(first).toBe(false);
    const halfway = await audit(shop._id, entitlements);
    expect(halfway.toldOnce).toBeGreaterThan(0);
    expect(halfway.skipped).toBeGreaterThan(0);
    // The next run meets the killed transaction's lock; the lock lapses with the transaction's timeout on the
    // virtual clock (not waited for in real time), and the runs after it finish the job.
    let runs = 1;
    await run();
    await h.control.advanceClock(TRANSACTION_TIMEOUT_MS);
    do runs += 1; while (!h.docs<DigitalUpdateDoc>('digital_updates').find((j) => j.productId === book._id)?.done && (await run(), runs < 20));
    const a = await audit(shop._id, entitlements);
    expect(a).toEqual({ toldOnce: BUYERS, toldTwice: 0, skipped: 0, messagedOnce: BUYERS, messagedTwice: 0, notices: BUYERS });
    console.log(`digital update, killed after write ${killAt + 1}: ${halfway.toldOnce} told before the kill; resumed in ${runs} run(s) (the first meets the killed transaction's lock, which lapses on the virtual clock) → ` +
      `${a.toldOnce}/${BUYERS} told once, ${a.toldTwice} twice, ${a.skipped} skipped; messages ${a.messagedOnce} once, ${a.messagedTwice} twice`);
  }, 300_000);
});
