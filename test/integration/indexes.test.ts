// Every query a function makes must be served by an index of database/collections.json: in production a
// query no index serves reads the whole collection, and its cost grows with the shop. The integration
// harness runs the local cloud in test mode, which records such queries, and a suite whose functions
// made one fails when it closes, listing them. Here the buyers' index on orders is left out on purpose.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUYER_A, COLLECTIONS_FILE, data, startHarness } from './harness';

test('a server query no declared index serves is reported, and the suite that made it fails', async () => {
  const declared = JSON.parse(fs.readFileSync(COLLECTIONS_FILE, 'utf8')) as { collections: { name: string; indexes: { name: string }[] }[] };
  for (const c of declared.collections) {
    if (c.name === 'orders') c.indexes = c.indexes.filter((i) => !i.name.startsWith('buyer_'));
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-indexes-')), 'collections.json');
  fs.writeFileSync(file, JSON.stringify(declared));

  const h = await startHarness({ collectionsFile: file });
  data(await h.call('orders', 'list', { offset: 0, limit: 20 }, BUYER_A));
  const { queries } = await h.control.request<{ queries: { functionName: string; collection: string; query: string }[] }>('GET', '/control/unindexed');
  expect(queries).toEqual([expect.objectContaining({ functionName: 'orders', collection: 'orders', query: '{"buyerOpenid":"?"}' })]);
  const failure = await h.close().then(() => '', (err: Error) => err.message);
  expect(failure).toContain('orders: database.getDocument orders {"buyerOpenid":"?"} order {"createdAt":-1}');
  console.log(`without the buyer_created index, the suite fails with:\n${failure}`);
}, 120_000);
