// Durability: every write the local cloud acknowledged survives a kill -9 (localcloud/db/sqlite.ts
// explains why WAL + synchronous=NORMAL is enough for that). A child process runs the local cloud on
// a file in a temp dir; we stream inserts and increments at it over the real wire protocol (docs/wechat-contracts.md §10),
// note every acknowledgement, kill -9 it mid-stream, reopen the file and look for each one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualClock } from '../localcloud/clock';
import { DocumentStore } from '../localcloud/db/store';
import { startChild } from './durability/spawn';

const COLLECTIONS = path.join(__dirname, 'conformance/collections.json');
const KILL_AFTER_ACKS = 600;
const WRITERS = 6;

interface Reply { code?: string; message?: string; data?: unknown }

async function admin(url: string, body: Record<string, unknown>): Promise<Reply> {
  const res = await fetch(`${url}/admin?env=durability`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const reply = (await res.json()) as Reply;
  if (reply.code) throw new Error(`${reply.code}: ${reply.message}`);
  return reply;
}

test('every acknowledged write survives kill -9 of the local cloud mid-stream', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-durability-'));
  const functionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-durability-fns-'));
  const { child, url } = await startChild('child.ts', [dataDir, functionsDir]);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await admin(url, { action: 'database.insertDocument', collectionName: 'conf_items', data: [JSON.stringify({ _id: 'counter', n: { $numberInt: '0' } })] });
  const ackedIds: string[] = [];
  let ackedIncrements = 0;
  let sentIncrements = 0;
  let killed = false;

  const writer = async (w: number) => {
    for (let i = 0; !killed; i++) {
      const id = `w${w}-${i}`;
      try {
        if (i % 3 === 0) {
          sentIncrements++;
          await admin(url, {
            action: 'database.modifyDocument', collectionName: 'conf_items', queryType: 'DOC', query: JSON.stringify({ _id: 'counter' }),
            data: JSON.stringify({ $inc: { n: { $numberInt: '1' } } }), multi: false, merge: true, upsert: false,
          });
          ackedIncrements++;
        } else {
          await admin(url, { action: 'database.insertDocument', collectionName: 'conf_items', data: [JSON.stringify({ _id: id, w, i: { $numberInt: String(i) } })] });
          ackedIds.push(id);
        }
      } catch {
        return; // the server is gone: this write was never acknowledged
      }
      if (!killed && ackedIds.length + ackedIncrements >= KILL_AFTER_ACKS) {
        killed = true;
        child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  await exited;
  expect(child.signalCode).toBe('SIGKILL');

  const clock = new VirtualClock();
  const store = new DocumentStore({ now: () => clock.now(), clock }, { file: path.join(dataDir, 'database.sqlite'), collectionsFile: COLLECTIONS });
  try {
    const present = new Set(store.documents('conf_items').map((d) => d._id));
    const lost = ackedIds.filter((id) => !present.has(id));
    const counter = store.documents('conf_items').find((d) => d._id === 'counter')?.n as number;
    console.log(`durability: ${ackedIds.length} acknowledged inserts, ${lost.length} lost; counter ${counter} (acknowledged ${ackedIncrements}, sent ${sentIncrements})`);
    expect(ackedIds.length).toBeGreaterThan(KILL_AFTER_ACKS / 2);
    expect(lost).toEqual([]);
    expect(counter).toBeGreaterThanOrEqual(ackedIncrements);
    expect(counter).toBeLessThanOrEqual(sentIncrements);
  } finally {
    store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(functionsDir, { recursive: true, force: true });
  }
}, 60_000);
