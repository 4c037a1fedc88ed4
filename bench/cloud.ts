// npm run bench:cloud — the local cloud's speed through the real wx-server-sdk inside real functions.
// Figures are printed, never asserted: timings jitter, ratios measured in one run don't lie as much.
import fs from 'node:fs';
import path from 'node:path';
import { startLocalCloud } from '../localcloud';
import { ControlClient } from '../localcloud/control/client';
import { fmt, row, summarize } from './stats';

const PROBE = path.resolve(__dirname, '../test/conformance/functions/probe');
const COLD_COPIES = 8;

/** A functions folder with the probe and a few copies of a trivial function (each copy's first call is cold). */
function makeFunctionsDir(): string {
  // Inside the project so `require('wx-server-sdk')` resolves from node_modules, as it does for cloudfunctions/.
  const cache = path.resolve(__dirname, '../node_modules/.cache');
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, 'kaidian-bench-'));
  fs.cpSync(PROBE, path.join(dir, 'probe'), { recursive: true });
  for (let i = 0; i < COLD_COPIES; i++) {
    const fn = path.join(dir, `echo${i}`);
    fs.mkdirSync(fn);
    fs.writeFileSync(
      path.join(fn, 'index.js'),
      "const cloud = require('wx-server-sdk');\ncloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });\nexports.main = async (event) => ({ echo: event.n, openid: cloud.getWXContext().OPENID });\n",
    );
    fs.writeFileSync(path.join(fn, 'config.json'), '{}');
  }
  return dir;
}

async function echo(control: ControlClient, fn: string, n: number): Promise<void> {
  const reply = await control.callFunction<{ echo: number }>(fn, { n }, 'oBENCH');
  if (!reply.ok || reply.result.echo !== n) throw new Error(`${fn} failed: ${JSON.stringify(reply)}`);
}

async function probe<T>(control: ControlClient, code: string): Promise<T> {
  const reply = await control.callFunction<{ ok: boolean; value: T; error?: unknown }>('probe', { code }, 'oBENCH');
  if (!reply.ok) throw new Error(`probe failed: ${reply.errMsg}`);
  if (!reply.result.ok) throw new Error(`probe error: ${JSON.stringify(reply.result.error)}`);
  return reply.result.value;
}

async function main() {
  const functionsDir = makeFunctionsDir();
  const collectionsFile = path.join(functionsDir, 'collections.json');
  fs.writeFileSync(collectionsFile, JSON.stringify({ collections: [{ name: 'bench', indexes: [{ name: 'cat', keys: { cat: 1 } }] }] }));
  const cloud = await startLocalCloud({ port: 0, dataDir: null, functionsDir, collectionsFile, quiet: true });
  const control = new ControlClient(cloud.url);
  try {
    console.log('Local cloud benchmark (real wx-server-sdk inside real functions, in-memory SQLite)\n');

    // Invocation latency: cold (first call of a fresh function) vs warm (the same instance again).
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < COLD_COPIES; i++) {
      let t = performance.now();
      await echo(control, `echo${i}`, i);
      cold.push(performance.now() - t);
      for (let k = 0; k < 25; k++) {
        t = performance.now();
        await echo(control, `echo${i}`, k);
        warm.push(performance.now() - t);
      }
    }
    const c = summarize(cold);
    const w = summarize(warm);
    console.log('Invocations through the gateway');
    row('cold invocation p50', fmt(c.p50));
    row('warm invocation p50 / p95', `${fmt(w.p50)} / ${fmt(w.p95)}`, '≤ 5 ms overhead');
    row('cold ÷ warm (p50)', `${(c.p50 / w.p50).toFixed(1)}×`);

    // Seed 10,000 documents, then time point reads, a 20-document query and inserts inside the probe.
    const docs = Array.from({ length: 10_000 }, (_, i) => ({ _id: `d${i}`, cat: `c${i % 500}`, n: i, name: `item ${i}` }));
    await control.seed({ bench: docs });
    const reads = await probe<number[]>(control, `
      const out = [];
      for (let i = 0; i < 300; i++) {
        const id = 'd' + ((i * 7919) % 10000);
        const t = process.hrtime.bigint();
        await db.collection('bench').doc(id).get();
        out.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      return out;`);
    const r = summarize(reads.slice(20));
    console.log('\nDatabase through the real SDK (10,000 documents)');
    row('point read doc(id).get() p50 / p95 (warm)', `${fmt(r.p50)} / ${fmt(r.p95)}`, 'p50 ≤ 3 ms');
    const queries = await probe<number[]>(control, `
      const out = [];
      for (let i = 0; i < 100; i++) {
        const t = process.hrtime.bigint();
        const res = await db.collection('bench').where({ cat: 'c' + (i % 500) }).orderBy('n', 'asc').limit(20).get();
        if (res.data.length !== 20) throw new Error('expected 20 documents, got ' + res.data.length);
        out.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      return out;`);
    const q = summarize(queries.slice(10));
    row('where(cat).orderBy(n).limit(20) p50 / p95', `${fmt(q.p50)} / ${fmt(q.p95)}`);
    const inserts = await probe<{ n: number; ms: number }>(control, `
      const n = 1000;
      const t = process.hrtime.bigint();
      for (let i = 0; i < n; i++) await db.collection('bench').add({ data: { cat: 'new', n: i } });
      return { n, ms: Number(process.hrtime.bigint() - t) / 1e6 };`);
    row('sequential add() per second', `${Math.round((inserts.n / inserts.ms) * 1000)}/s`);
  } finally {
    await cloud.close();
    fs.rmSync(functionsDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
