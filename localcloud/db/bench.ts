// Figures for the document store, measured through its action handlers (the code POST /admin runs,
// without HTTP) on a durable file in a temp dir: `npx tsx localcloud/db/bench.ts`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { VirtualClock } from '../clock';
import { plan } from './planner';
import { DocumentStore } from './store';

const COLLECTIONS_FILE = path.resolve(__dirname, '../../database/collections.json');

const N = 10_000;
const int = (n: number) => ({ $numberInt: String(n) });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-db-bench-'));
  const clock = new VirtualClock();
  const store = new DocumentStore({ now: () => clock.now(), clock }, { file: path.join(dir, 'db.sqlite'), collectionsFile: '' });
  const actions = store.actions();
  const call = (action: string, params: Record<string, unknown>) =>
    actions[`database.${action}`]({ action: `database.${action}`, params, env: 'bench', requestId: 'b' }) as Promise<unknown>;
  await call('addCollection', { collectionName: 'items' });

  let t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const doc = { _id: `item${i}`, cat: `c${i % 50}`, price: int((i * 7919) % 1000), title: `Item number ${i}`, tags: ['a', 'b'] };
    await call('insertDocument', { collectionName: 'items', data: [JSON.stringify(doc)] });
  }
  const insertMs = performance.now() - t0;

  const reads: number[] = [];
  for (let i = 0; i < 5_000; i++) {
    const id = `item${(i * 104729) % N}`;
    t0 = performance.now();
    await call('getDocument', { collectionName: 'items', queryType: 'DOC', query: JSON.stringify({ _id: id }), multi: false });
    reads.push(performance.now() - t0);
  }
  reads.sort((a, b) => a - b);

  const queries: number[] = [];
  let rows = 0;
  for (let i = 0; i < 300; i++) {
    t0 = performance.now();
    const r = (await call('getDocument', {
      collectionName: 'items', queryType: 'WHERE', limit: 20,
      query: JSON.stringify({ cat: { $in: [`c${i % 50}`, `c${(i + 1) % 50}`, `c${(i + 2) % 50}`, `c${(i + 3) % 50}`] }, price: { $gte: int(100) } }),
      order: JSON.stringify({ price: int(-1) }),
    })) as { data: { list: string[] } };
    queries.push(performance.now() - t0);
    rows = r.data.list.length;
  }
  queries.sort((a, b) => a - b);

  const updates: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    t0 = performance.now();
    await call('modifyDocument', {
      collectionName: 'items', queryType: 'WHERE', query: JSON.stringify({ _id: `item${i}`, price: { $gte: int(0) } }),
      data: JSON.stringify({ $inc: { price: int(1) } }), multi: true, merge: true, upsert: false,
    });
    updates.push(performance.now() - t0);
  }
  updates.sort((a, b) => a - b);
  store.close();

  const inbox = await inboxFigures(dir);
  fs.rmSync(dir, { recursive: true, force: true });

  const ms = (x: number) => `${x.toFixed(3)} ms`;
  console.log(`inserts (one document per action, durable file): ${Math.round(N / (insertMs / 1000))}/s (${N} in ${insertMs.toFixed(0)} ms)`);
  console.log(`point read by _id: p50 ${ms(percentile(reads, 50))}, p95 ${ms(percentile(reads, 95))}`);
  console.log(`${rows}-document query ($in + $gte + orderBy) on ${N} documents: p50 ${ms(percentile(queries, 50))}, p95 ${ms(percentile(queries, 95))}`);
  console.log(`guarded update by _id: p50 ${ms(percentile(updates, 50))}, p95 ${ms(percentile(updates, 95))}`);
  console.log(`owner inbox (shopId + status $in, createdAt desc, 21 rows) at ${N} orders with database/collections.json: `
    + `${inbox.examined} documents examined for ${inbox.rows} rows (index ${inbox.index}; a scan reads ${N}), p50 ${ms(inbox.p50)}`);
}

/** The owner's inbox query (server/owner-orders/read.ts) on a shop with 10,000 orders, 22 of them waiting. */
async function inboxFigures(dir: string) {
  const clock = new VirtualClock();
  const store = new DocumentStore({ now: () => clock.now(), clock }, { file: path.join(dir, 'orders.sqlite'), collectionsFile: COLLECTIONS_FILE });
  const statuses = ['completed', 'cancelled', 'fulfilled', 'refunded'];
  store.seed('orders', Array.from({ length: N }, (_, i) => ({
    _id: `O${i}`, shopId: 'S1', outTradeNo: `O${i}`, buyerOpenid: `b${i % 300}`, createdAt: 1_700_000_000_000 + i * 1000,
    status: i % 455 === 0 ? 'paid' : statuses[i % 4],
  })));
  const query = { shopId: 'S1', status: { $in: ['paid', 'accepted'] } };
  const found = plan(store.engine.get('orders').trees, query);
  const actions = store.actions();
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    const r = (await actions['database.getDocument']({ action: 'database.getDocument', env: 'bench', requestId: 'b', params: {
      collectionName: 'orders', query: JSON.stringify(query), order: JSON.stringify({ createdAt: int(-1) }), limit: 21,
    } })) as { data: { list: string[] } };
    times.push(performance.now() - t0);
    rows = r.data.list.length;
  }
  times.sort((a, b) => a - b);
  store.close();
  return { examined: found.keys?.size ?? N, rows, index: found.indexes.join(','), p50: percentile(times, 50) };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
