// kill -9 of the local cloud in the middle of a shop's traffic: buyers placing, paying and cancelling
// while WeChat Pay notifies. The process dies at a random moment; a new one opens the same database and
// pay sandbox, 40 virtual minutes pass (notify retries, the sweeper's repair, expiries), and the shop is
// audited (test/integration/audit.ts): every stock unit, payment, grant and reservation accounted for.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualClock } from '../../localcloud/clock';
import { DocumentStore } from '../../localcloud/db/store';
import { ControlClient } from '../../localcloud/control/client';
import type { PlaceResult } from '../../core/contracts/views';
import type { Result } from '../../core/errors';
import { makeMembershipProduct, makeProduct, makeSettings, makeShop, makeDelivery } from '../../core/testing/fixtures';
import { auditShop } from '../integration/audit';
import { startChild } from './spawn';

const BUYERS = 8;
const MINUTE = 60_000;
const MERCHANT = '1900000109';
const ROOT = path.join(__dirname, '../..');

/** A small seeded random: each run kills at its own moment, the same one on every machine. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const startShopChild = (dataDir: string) => startChild('shop-child.ts', [dataDir, MERCHANT]);

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function seedDocs(run: number) {
  const shopId = `SKILL9${String(run).padStart(4, '0')}`;
  const shop = makeShop({ _id: shopId, ownerOpenid: 'oOWNER_KILL9', code: `K9${String(run).padStart(4, '0')}`, settings: makeSettings({ subMchId: MERCHANT, delivery: makeDelivery() }) });
  const tea = makeProduct({ _id: `P${shopId}tea`, shopId, name: '茶', stock: 6 });
  const cake = makeProduct({ _id: `P${shopId}cake`, shopId, name: '蛋糕', stock: 4 });
  const coffee = makeProduct({ _id: `P${shopId}coffee`, shopId, name: '咖啡', unlimited: true, stock: 0 });
  const card = makeMembershipProduct({ _id: `P${shopId}card`, shopId });
  return { shop, products: [tea, cake, coffee, card] };
}

/** One buyer: place, then pay (most) or cancel (some); errors are expected once the cloud is gone. */
async function buyer(control: ControlClient, shopId: string, ids: string[], i: number, random: () => number): Promise<void> {
  const openid = `oKILL9_BUYER_${String(i).padStart(14, '0')}`;
  const lines = [{ productId: ids[0], quantity: 1 + (i % 2) }, { productId: ids[1], quantity: 1 }, { productId: ids[2], quantity: 1 }];
  if (i % 3 === 0) lines.push({ productId: ids[3], quantity: 1 });
  const reply = await control.callFunction<Result<PlaceResult>>('confirmOrder', {
    action: 'place', payload: { shopId, requestId: `kill9req${i}x${Math.floor(random() * 1e9)}`, deliveryMethod: 'pickup', lines },
  }, openid);
  if (!reply.ok || !reply.result.ok) return;
  const placed = reply.result.data;
  if (i % 4 === 3) {
    await control.callFunction('orders', { action: 'cancel', payload: { orderId: placed.orderId } }, openid);
    return;
  }
  const pkg = placed.payment?.package ?? '';
  await control.pay(pkg.slice('prepay_id='.length), 'pay', openid);
}

const WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.updateDocInTransaction', 'database.insertDocInTransaction']);

async function untilWrites(control: ControlClient, n: number): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    const { byAction } = await control.requests();
    if (Object.entries(byAction).filter(([a]) => WRITES.has(a)).reduce((sum, [, c]) => sum + c, 0) >= n) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Runs `first`…`last` (each kills at its own seeded moment) as one jest test: the 20 runs are split over
 * two test files (test/sweeps/kill9-*.test.ts; npm test runs one, kill9.test.ts) so that jest's workers run them side by side.
 */
export function kill9Runs(first: number, last: number): void {
  const RUNS = last - first + 1;
  test(`kill -9 mid-traffic, restart, 40 virtual minutes: the invariants hold in runs ${first}–${last}`, async () => {
    const results: string[] = [];
    let sound = 0;
    let ordersSeen = 0;
    for (let run = first; run <= last; run += 1) {
      const random = rng(run * 7919);
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-kill9-'));
      const first = await startShopChild(dataDir);
      const control = new ControlClient(first.url);
      const { shop, products } = seedDocs(run);
      await control.seed({ shops: [shop as never], products: products as never[] });
      const ids = products.map((p) => p._id);
      const traffic = Promise.allSettled(Array.from({ length: BUYERS }, (_, i) => buyer(control, shop._id, ids, i, random)));
      // Die in the thick of it: after a random number of database writes (places, notifies, cancels).
      const killAt = 8 + Math.floor(random() * 60);
      await untilWrites(control, killAt);
      await killed(first.child);
      await traffic;

      const second = await startShopChild(dataDir);
      const after = new ControlClient(second.url);
      for (let m = 0; m < 40; m += 1) await after.advanceClock(MINUTE);
      await killed(second.child);

      const clock = new VirtualClock();
      const store = new DocumentStore({ now: () => clock.now(), clock }, { file: path.join(dataDir, 'database.sqlite'), collectionsFile: path.join(ROOT, 'database/collections.json') });
      try {
        const docs = <T>(c: string) => store.documents(c) as T[];
        const orders = docs<{ shopId: string; status: string }>('orders').filter((o) => o.shopId === shop._id);
        const bad = auditShop(docs, shop._id, Object.fromEntries(products.map((p) => [p._id, p.stock])));
        const byStatus = orders.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }), {});
        results.push(`  run ${String(run).padStart(2)}: ${orders.length} orders ${JSON.stringify(byStatus)}${bad.length ? ` — ${bad.join('; ')}` : ''}`);
        if (bad.length === 0) sound += 1;
        ordersSeen += orders.length;
      } finally {
        store.close?.();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
    console.log(`kill -9 mid-traffic, restart, 40 virtual minutes: invariants hold in ${sound} runs of ${RUNS}\n${results.join('\n')}`);
    expect(sound).toBe(RUNS);
    expect(ordersSeen).toBeGreaterThan(RUNS); // the kills landed in real traffic, not before it
  }, 900_000);
}
