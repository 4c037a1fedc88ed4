import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testStore, ejson, type WireReply, CONFORMANCE_COLLECTIONS } from './testing';
import { DocumentStore } from './store';
import { VirtualClock } from '../clock';
import { decode } from './ejson';

type Reply = WireReply;
const C = 'conf_items';
const int = (n: number) => ({ $numberInt: String(n) });

function docs(reply: Reply): Record<string, unknown>[] {
  return (reply.data.list as string[]).map((s) => JSON.parse(s));
}
function plain(reply: Reply): Reply[] {
  return docs(reply).map((d) => decode(d, () => 0) as Reply);
}

async function insertMany(t: ReturnType<typeof testStore>, n: number, make: (i: number) => object = (i) => ({ i: int(i) })) {
  const data = Array.from({ length: n }, (_, i) => ejson(make(i)));
  return t.call('insertDocument', { collectionName: C, data });
}

describe('document store wire actions (docs/wechat-contracts.md §2.2, §10)', () => {
  let t: ReturnType<typeof testStore>;
  beforeEach(() => { t = testStore(); });
  afterEach(() => t.store.close());

  test('insertDocument answers {data:{insertedIds}} and makes 32-hex ids when none is given', async () => {
    const r = await t.call('insertDocument', { collectionName: C, data: [ejson({ a: int(1) }), ejson({ _id: 'mine', a: int(2) })] });
    expect(r.data.insertedIds[1]).toBe('mine');
    expect(r.data.insertedIds[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  test('§2.3 getDocument without a limit returns 100 of 150; a limit above 1000 is capped at 1000', async () => {
    await insertMany(t, 1200);
    const noLimit = await t.call('getDocument', { collectionName: C, queryType: 'WHERE' });
    expect(noLimit.data.list).toHaveLength(100);
    expect(noLimit.data.limit).toBe(100);
    const big = await t.call('getDocument', { collectionName: C, queryType: 'WHERE', limit: 5000 });
    expect(big.data.list).toHaveLength(1000);
  });

  test('multi-key orderBy, skip and limit', async () => {
    await insertMany(t, 6, (i) => ({ g: int(i % 2), i: int(i) }));
    const r = await t.call('getDocument', { collectionName: C, queryType: 'WHERE', order: ejson({ g: int(1), i: int(-1) }), offset: 1, limit: 3 });
    expect(plain(r).map((d) => d.i)).toEqual([2, 0, 5]);
  });

  test('§2.2 field(): inclusion, exclusion, and _.project.slice keeps the other fields', async () => {
    await t.call('insertDocument', { collectionName: C, data: [ejson({ _id: 'p', a: int(1), b: int(2), arr: [int(1), int(2), int(3), int(4)] })] });
    const q = { collectionName: C, queryType: 'DOC', query: ejson({ _id: 'p' }) };
    expect(plain(await t.call('getDocument', { ...q, projection: ejson({ a: int(1) }) }))).toEqual([{ _id: 'p', a: 1 }]);
    expect(plain(await t.call('getDocument', { ...q, projection: ejson({ a: int(0) }) }))).toEqual([{ _id: 'p', b: 2, arr: [1, 2, 3, 4] }]);
    expect(plain(await t.call('getDocument', { ...q, projection: ejson({ arr: { $slice: [int(1), int(2)] } }) }))).toEqual([{ _id: 'p', a: 1, b: 2, arr: [2, 3] }]);
    expect(plain(await t.call('getDocument', { ...q, projection: ejson({ a: int(1), arr: { $slice: int(-1) } }) }))).toEqual([{ _id: 'p', a: 1, arr: [4] }]);
  });

  test('calculateDocument counts matches as {data:{total}}', async () => {
    await insertMany(t, 10);
    const r = await t.call('calculateDocument', { collectionName: C, queryType: 'WHERE', query: ejson({ i: { $gte: int(7) } }) });
    expect(r).toEqual({ data: { total: 3 } });
  });

  test('§2.5 update merges (dot paths under $set) while doc.set replaces the whole document', async () => {
    await t.call('insertDocument', { collectionName: C, data: [ejson({ _id: 'm', a: { x: int(1), y: int(2) }, keep: true })] });
    const q = { collectionName: C, queryType: 'DOC', query: ejson({ _id: 'm' }), multi: false };
    expect(await t.call('modifyDocument', { ...q, merge: true, upsert: false, data: ejson({ $set: { 'a.y': int(3) } }) })).toEqual({ data: { updated: 1 } });
    expect(plain(await t.call('getDocument', q))).toEqual([{ _id: 'm', a: { x: 1, y: 3 }, keep: true }]);
    expect(await t.call('modifyDocument', { ...q, merge: false, upsert: true, data: ejson({ only: int(1) }) })).toEqual({ data: { updated: 1 } });
    expect(plain(await t.call('getDocument', q))).toEqual([{ _id: 'm', only: 1 }]);
  });

  test('doc.set on a missing document upserts and answers upsert_id', async () => {
    const r = await t.call('modifyDocument', { collectionName: C, queryType: 'DOC', query: ejson({ _id: 'new' }), data: ejson({ a: int(1) }), multi: false, merge: false, upsert: true });
    expect(r).toEqual({ data: { updated: 0, upsert_id: 'new' } });
    expect(t.store.documents(C)).toEqual([{ _id: 'new', a: 1 }]);
  });

  test('a where() update counts only the documents it changed; multi:false changes one', async () => {
    await insertMany(t, 4, (i) => ({ s: i < 3 ? 'a' : 'b', v: int(i === 0 ? 1 : 0) }));
    const where = { collectionName: C, queryType: 'WHERE', query: ejson({ s: 'a' }), merge: true, upsert: false };
    expect(await t.call('modifyDocument', { ...where, multi: true, data: ejson({ $set: { v: int(1) } }) })).toEqual({ data: { updated: 2 } });
    expect(await t.call('modifyDocument', { ...where, multi: false, data: ejson({ $inc: { v: int(1) } }) })).toEqual({ data: { updated: 1 } });
  });

  test('every §2.6 update operator applies with MongoDB semantics', async () => {
    await t.call('insertDocument', { collectionName: C, data: [ejson({ _id: 'u', n: int(5), m: int(3), lo: int(5), hi: int(5), old: 'x', bits: int(5), arr: [int(1), int(2), int(3)], q: [int(1)], set: [int(1)], pl: [int(1), int(5), int(9)], pa: [int(1), int(2), int(1)], gone: true })] });
    const data = {
      $inc: { n: int(2) }, $mul: { m: int(2) }, $min: { lo: int(1) }, $max: { hi: int(9) }, $rename: { old: 'renamed' },
      $bit: { bits: { or: int(2) } }, $push: { arr: { $each: [int(0)], $position: int(0), $sort: int(-1), $slice: int(3) } },
      $pop: { q: int(1) }, $addToSet: { set: { each: [int(1), int(2)] } }, $pull: { pl: { $gt: int(4) } }, $pullAll: { pa: [int(1)] },
      $unset: { gone: '' },
    };
    await t.call('modifyDocument', { collectionName: C, queryType: 'DOC', query: ejson({ _id: 'u' }), multi: false, merge: true, upsert: false, data: ejson(data) });
    expect(t.store.documents(C)[0]).toEqual({ _id: 'u', n: 7, m: 6, lo: 1, hi: 9, renamed: 'x', bits: 7, arr: [3, 2, 1], q: [], set: [1, 2], pl: [1], pa: [2] });
  });

  test('conflicting paths in one update fail with MongoDB’s text and change nothing', async () => {
    await t.call('insertDocument', { collectionName: C, data: [ejson({ _id: 'c', a: { b: int(1) } })] });
    const r = await t.call('modifyDocument', { collectionName: C, queryType: 'DOC', query: ejson({ _id: 'c' }), multi: false, merge: true, upsert: false, data: ejson({ $set: { a: int(1) }, $inc: { 'a.b': int(1) } }) });
    expect(r.code).toBe('DATABASE_REQUEST_FAILED');
    expect(r.message).toMatch(/conflict/);
    expect(t.store.documents(C)[0]).toEqual({ _id: 'c', a: { b: 1 } });
  });

  test('removeDocument answers {data:{deleted}}', async () => {
    await insertMany(t, 5);
    expect(await t.call('removeDocument', { collectionName: C, queryType: 'WHERE', query: ejson({ i: { $lt: int(3) } }), multi: true })).toEqual({ data: { deleted: 3 } });
    expect(t.store.documents(C)).toHaveLength(2);
  });

  test('modifyAndReturnDoc returns the updated document', async () => {
    await t.call('insertDocument', { collectionName: C, data: [ejson({ _id: 'r', n: int(1) })] });
    const r = await t.call('modifyAndReturnDoc', { collectionName: C, queryType: 'WHERE', query: ejson({ _id: 'r' }), data: ejson({ $inc: { n: int(1) } }) });
    expect(r.data.updated).toBe(1);
    expect(JSON.parse(r.data.doc)).toEqual({ _id: 'r', n: int(2) });
  });

  test('§1.4 a collection that was never declared or created answers DATABASE_COLLECTION_NOT_EXIST (→ -502005)', async () => {
    for (const action of ['getDocument', 'insertDocument', 'modifyDocument', 'removeDocument', 'calculateDocument', 'aggregateDocuments']) {
      const r = await t.call(action, { collectionName: 'never_made', data: [ejson({ a: int(1) })], stages: [] });
      expect(r.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
      expect(r.message).toMatch(/^\[ResourceNotFound\] Db or Table not exist/);
    }
  });

  test('addCollection creates a collection once; a second time is an error', async () => {
    expect(await t.call('addCollection', { collectionName: 'fresh' })).toEqual({});
    expect((await t.call('insertDocument', { collectionName: 'fresh', data: [ejson({ a: int(1) })] })).data).toBeDefined();
    expect((await t.call('addCollection', { collectionName: 'fresh' })).code).toBe('DATABASE_REQUEST_FAILED');
  });

  test('§2.12 a duplicate _id fails with E11000 text and code DATABASE_REQUEST_FAILED (→ -502001); the batch is not applied', async () => {
    await t.call('insertDocument', { collectionName: C, data: [ejson({ _id: 'd' })] });
    const r = await t.call('insertDocument', { collectionName: C, data: [ejson({ _id: 'e' }), ejson({ _id: 'd' })] });
    expect(r).toEqual({ code: 'DATABASE_REQUEST_FAILED', message: `E11000 duplicate key error collection: ${C} index: _id_ dup key: { _id: "d" }` });
    expect(t.store.documents(C).map((d) => d._id)).toEqual(['d']);
  });

  test('§2.12 unique indexes from the collections file hold on insert, update and set', async () => {
    const U = 'conf_unique';
    await t.call('insertDocument', { collectionName: U, data: [ejson({ _id: '1', sku: 'A' }), ejson({ _id: '2', sku: 'B' })] });
    const ins = await t.call('insertDocument', { collectionName: U, data: [ejson({ sku: 'A' })] });
    expect(ins.message).toBe(`E11000 duplicate key error collection: ${U} index: sku_unique dup key: { sku: "A" }`);
    const upd = await t.call('modifyDocument', { collectionName: U, queryType: 'DOC', query: ejson({ _id: '2' }), multi: false, merge: true, upsert: false, data: ejson({ $set: { sku: 'A' } }) });
    expect(upd.code).toBe('DATABASE_REQUEST_FAILED');
    const set = await t.call('modifyDocument', { collectionName: U, queryType: 'DOC', query: ejson({ _id: '3' }), multi: false, merge: false, upsert: true, data: ejson({ sku: 'B' }) });
    expect(set.message).toMatch(/E11000 .* sku_unique/);
    // freeing a key makes it usable again
    await t.call('removeDocument', { collectionName: U, queryType: 'DOC', query: ejson({ _id: '1' }), multi: false });
    expect((await t.call('insertDocument', { collectionName: U, data: [ejson({ sku: 'A' })] })).data).toBeDefined();
  });

  test('§2.12 a unique index treats a missing field as null (one such document), unless it is sparse', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-db-idx-'));
    const file = path.join(dir, 'collections.json');
    fs.writeFileSync(file, JSON.stringify({ collections: [
      { name: 'dense', indexes: [{ name: 'k_unique', keys: { k: 1 }, unique: true }] },
      { name: 'sparse', indexes: [{ name: 'k_unique', keys: { k: 1 }, unique: true, sparse: true }] },
    ] }));
    const s = testStore({ collectionsFile: file });
    const two = [ejson({ a: int(1) }), ejson({ a: int(2) })];
    expect((await s.call('insertDocument', { collectionName: 'dense', data: two })).message).toMatch(/E11000 .* k_unique dup key: \{ k: null \}/);
    expect((await s.call('insertDocument', { collectionName: 'sparse', data: two })).data.insertedIds).toHaveLength(2);
    expect((await s.call('insertDocument', { collectionName: 'sparse', data: [ejson({ k: 'x' }), ejson({ k: 'x' })] })).code).toBe('DATABASE_REQUEST_FAILED');
    s.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('§2.3 a reply over 1 MB fails with the -602001 text', async () => {
    const big = 'x'.repeat(20_000);
    await insertMany(t, 60, () => ({ big }));
    const r = await t.call('getDocument', { collectionName: C, queryType: 'WHERE', limit: 100 });
    expect(r.code).toBe('DATABASE_REQUEST_FAILED');
    expect(r.message).toMatch(/-602001 database query result size exceed limit \(1MB\)/);
    expect((await t.call('getDocument', { collectionName: C, queryType: 'WHERE', limit: 40 })).data.list).toHaveLength(40);
  });

  test('§2.3 aggregate without a $limit stage returns 20 rows; with one, what it asks', async () => {
    await insertMany(t, 30);
    const none = await t.call('aggregateDocuments', { collectionName: C, stages: [{ stageKey: '$sort', stageValue: ejson({ i: int(1) }) }] });
    expect(none.data.list).toHaveLength(20);
    const some = await t.call('aggregateDocuments', { collectionName: C, stages: [{ stageKey: '$limit', stageValue: '25' }] });
    expect(some.data.list).toHaveLength(25);
  });

  test('§2.8 aggregate: match, group, sort, lookup (both forms), unwind, count', async () => {
    await t.call('addCollection', { collectionName: 'users' });
    await t.call('insertDocument', { collectionName: 'users', data: [ejson({ _id: 'u1', name: 'Ann' }), ejson({ _id: 'u2', name: 'Bo' })] });
    await t.call('insertDocument', { collectionName: C, data: [ejson({ u: 'u1', n: int(2) }), ejson({ u: 'u1', n: int(3) }), ejson({ u: 'u2', n: int(4) })] });
    const st = (k: string, v: unknown) => ({ stageKey: k, stageValue: JSON.stringify(v) });
    const grouped = await t.call('aggregateDocuments', { collectionName: C, stages: [
      st('$match', { n: { $gte: int(2) } }), st('$group', { _id: '$u', total: { $sum: '$n' }, avg: { $avg: '$n' }, ns: { $push: '$n' } }),
      st('$sort', { total: int(-1) }), st('$lookup', { from: 'users', localField: '_id', foreignField: '_id', as: 'user' }),
      st('$unwind', '$user'), st('$project', { _id: 0, name: '$user.name', total: 1, avg: 1, ns: 1 }), st('$limit', 10),
    ] });
    expect(plain(grouped)).toEqual([{ total: 5, avg: 2.5, ns: [2, 3], name: 'Ann' }, { total: 4, avg: 4, ns: [4], name: 'Bo' }].map((x) => expect.objectContaining(x)));
    const piped = await t.call('aggregateDocuments', { collectionName: 'users', stages: [
      st('$lookup', { from: C, let: { uid: '$_id' }, pipeline: [{ $match: { $expr: { $eq: ['$u', '$$uid'] } } }], as: 'orders' }),
      st('$project', { n: { $size: '$orders' } }), st('$limit', 5),
    ] });
    expect(plain(piped)).toEqual([{ _id: 'u1', n: 2 }, { _id: 'u2', n: 1 }]);
    const counted = await t.call('aggregateDocuments', { collectionName: C, stages: [st('$count', 'all')] });
    expect(plain(counted)).toEqual([{ all: 3 }]);
  });

  test('geo, text, jsonSchema and $where answer a clear "not supported locally" error', async () => {
    for (const query of [{ loc: { $geoWithin: {} } }, { $text: { $search: 'x' } }, { $jsonSchema: {} }, { $where: 'true' }]) {
      const r = await t.call('getDocument', { collectionName: C, queryType: 'WHERE', query: ejson(query) });
      expect(r.code).toBe('DATABASE_INVALID_OPERRATOR');
      expect(r.message).toMatch(/not supported by the local cloud/);
    }
  });

  test('a guarded decrement under 50 concurrent callers updates exactly 10', async () => {
    await t.call('insertDocument', { collectionName: C, data: [ejson({ _id: 'sku', stock: int(10) })] });
    const replies = await Promise.all(Array.from({ length: 50 }, () => t.call('modifyDocument', {
      collectionName: C, queryType: 'WHERE', query: ejson({ _id: 'sku', stock: { $gte: int(1) } }),
      data: ejson({ $inc: { stock: int(-1) } }), multi: true, merge: true, upsert: false,
    })));
    expect(replies.filter((r) => r.data.updated === 1)).toHaveLength(10);
    expect(t.store.documents(C)[0].stock).toBe(0);
  });

  test('seed inserts relaxed EJSON as given; reset empties declared collections and forgets created ones', async () => {
    expect(t.store.seed('extra', [{ _id: 'a', at: { $date: '2024-01-01T00:00:00Z' } }])).toBe(1);
    expect(t.store.documents('extra')[0].at).toEqual(new Date('2024-01-01T00:00:00Z'));
    t.store.seed(C, [{ _id: 'b' }]);
    t.store.reset();
    expect(t.store.documents(C)).toEqual([]);
    expect((await t.call('getDocument', { collectionName: C, queryType: 'WHERE' })).data.list).toEqual([]);
    expect((await t.call('getDocument', { collectionName: 'extra', queryType: 'WHERE' })).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  });
});

describe('the SQLite file is the truth', () => {
  test('documents, created collections and natural order survive closing and reopening', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-db-'));
    const file = path.join(dir, 'db.sqlite');
    const clock = new VirtualClock();
    const open = () => new DocumentStore({ now: () => clock.now(), clock }, { file, collectionsFile: CONFORMANCE_COLLECTIONS });
    const first = open();
    const call = (s: DocumentStore, action: string, params: Record<string, unknown>) =>
      s.actions()[`database.${action}`]({ action, params, env: 'e', requestId: 'r' }) as Promise<Reply>;
    await call(first, 'addCollection', { collectionName: 'made' });
    await call(first, 'insertDocument', { collectionName: 'made', data: ['{"_id":"z"}', '{"_id":"a","at":{"$date":{"$numberLong":"9"}}}'] });
    await call(first, 'insertDocument', { collectionName: 'conf_unique', data: ['{"sku":"K"}'] });
    first.close();
    const second = open();
    expect(second.documents('made')).toEqual([{ _id: 'z' }, { _id: 'a', at: new Date(9) }]);
    const dup = await Promise.resolve(call(second, 'insertDocument', { collectionName: 'conf_unique', data: ['{"sku":"K"}'] })).catch((e) => e);
    expect(dup.message).toMatch(/E11000/);
    second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
