// Conformance: the cloud database through the real wx-server-sdk inside a real cloud function
// (docs/wechat-contracts.md §2). Each case names the contract it checks; the same snippets would run
// unchanged against a real environment through the probe function. Where the contract is [COMM] or
// [INF] the chosen behaviour is documented in localcloud/db (errors.ts, limits.ts).
import { failure, startTarget, value, type ProbeError, type Target } from './target';

let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(() => t.close());
beforeEach(() => t.control.reset());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const C = 'conf_items';

/** Run a snippet that must succeed; `c` is `db.collection('conf_items')` in scope. */
async function ok<T = Any>(code: string, event: Record<string, unknown> = {}): Promise<T> {
  return value(await t.run<T>(`const c = db.collection('${C}');\n${code}`, { event }));
}
async function fails(code: string, event: Record<string, unknown> = {}): Promise<ProbeError> {
  return failure(await t.run(`const c = db.collection('${C}');\n${code}`, { event }));
}
function seed(docs: Record<string, unknown>[], collection = C) {
  return t.control.seed({ [collection]: docs });
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** The ids a query returns, in order. */
const ids = (where: string, order = "orderBy('_id', 'asc')") =>
  ok<string[]>(`return (await c.where(${where}).${order}.get()).data.map((d) => d._id)`);

describe('§2.1 entry points', () => {
  test('§2.1 db.createCollection resolves {errMsg: "createCollection:ok", requestId}', async () => {
    const r = await ok("return await db.createCollection('conf_new')");
    expect(r.errMsg).toBe('createCollection:ok');
    expect(typeof r.requestId).toBe('string');
    expect(value(await t.run("return (await db.collection('conf_new').add({ data: { a: 1 } })).errMsg"))).toBe('collection.add:ok');
  });

  test('§2.1 createCollection of an existing collection rejects', async () => {
    // createCollection's wrapper skips maybeTransformError, so the raw TcbError surfaces with errCode -1 [SRC]
    const e = await fails(`return await db.createCollection('${C}')`);
    expect(e.errMsg).toMatch(/^createCollection:fail \[ResourceInUse\] Table exist/);
    expect(e.errCode).toBe(-1);
  });
});

describe('§2.2 return shapes', () => {
  test('§2.2 add returns {_id, errMsg: "collection.add:ok"} with a 32-hex _id', async () => {
    const r = await ok('return await c.add({ data: { a: 1 } })');
    expect(Object.keys(r).sort()).toEqual(['_id', 'errMsg']);
    expect(r.errMsg).toBe('collection.add:ok');
    expect(r._id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('§2.2 add with an array returns {_ids: [...], errMsg}', async () => {
    const r = await ok('return await c.add({ data: [{ a: 1 }, { _id: "two", a: 2 }] })');
    expect(r.errMsg).toBe('collection.add:ok');
    expect(r._ids).toHaveLength(2);
    expect(r._ids[1]).toBe('two');
  });

  test('§2.7 your own string or number _id is kept, and doc(number) finds it', async () => {
    const r = await ok("await c.add({ data: { _id: 7, n: 'seven' } }); await c.add({ data: { _id: '7', n: 'string seven' } }); return [(await c.doc(7).get()).data, (await c.doc('7').get()).data]");
    expect(r).toEqual([{ _id: 7, n: 'seven' }, { _id: '7', n: 'string seven' }]);
  });

  test('§2.2 get returns {data: Doc[], errMsg: "collection.get:ok"}', async () => {
    await seed([{ _id: 'a', n: 1 }]);
    expect(await ok('return await c.get()')).toEqual({ data: [{ _id: 'a', n: 1 }], errMsg: 'collection.get:ok' });
  });

  test('§2.2 count returns {total, errMsg: "collection.count:ok"}', async () => {
    await seed(range(7).map((i) => ({ i })));
    expect(await ok('return await c.where({ i: _.lt(5) }).count()')).toEqual({ total: 5, errMsg: 'collection.count:ok' });
  });

  test('§2.2 where().update returns {stats: {updated}, errMsg: "collection.update:ok"}', async () => {
    await seed(range(3).map((i) => ({ i, s: 'a' })));
    expect(await ok("return await c.where({ s: 'a' }).update({ data: { s: 'b' } })")).toEqual({ stats: { updated: 3 }, errMsg: 'collection.update:ok' });
  });

  test('§2.2 where().update({multi: false}) changes only one document', async () => {
    await seed(range(3).map((i) => ({ i, s: 'a' })));
    const r = await ok("const u = await c.where({ s: 'a' }).update({ data: { s: 'b' }, multi: false }); return [u.stats.updated, (await c.where({ s: 'b' }).count()).total]");
    expect(r).toEqual([1, 1]);
  });

  test('§2.2 where().remove returns {stats: {removed}, errMsg: "collection.remove:ok"}', async () => {
    await seed(range(4).map((i) => ({ i })));
    expect(await ok('return await c.where({ i: _.gte(1) }).remove()')).toEqual({ stats: { removed: 3 }, errMsg: 'collection.remove:ok' });
  });

  test('§2.2 doc.get returns {data: Doc, errMsg: "document.get:ok"}', async () => {
    await seed([{ _id: 'g', n: 1 }]);
    expect(await ok("return await c.doc('g').get()")).toEqual({ data: { _id: 'g', n: 1 }, errMsg: 'document.get:ok' });
  });

  test('§2.2 doc.set on a new id upserts: {_id, stats: {updated: 0, created: 1}, errMsg: "document.set:ok"}', async () => {
    expect(await ok("return await c.doc('s').set({ data: { n: 1 } })")).toEqual({ _id: 's', stats: { updated: 0, created: 1 }, errMsg: 'document.set:ok' });
  });

  test('§2.2 doc.set on an existing id: stats {updated: 1, created: 0}', async () => {
    await seed([{ _id: 's', n: 1 }]);
    expect(await ok("return await c.doc('s').set({ data: { n: 2 } })")).toEqual({ _id: 's', stats: { updated: 1, created: 0 }, errMsg: 'document.set:ok' });
  });

  test('§2.2 doc.update returns {stats: {updated: 1}, errMsg: "document.update:ok"}', async () => {
    await seed([{ _id: 'u', n: 1 }]);
    expect(await ok("return await c.doc('u').update({ data: { n: 2 } })")).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
  });

  test('§2.2 doc.update on a missing document resolves with updated 0 (no error)', async () => {
    expect(await ok("return await c.doc('missing').update({ data: { n: 2 } })")).toEqual({ stats: { updated: 0 }, errMsg: 'document.update:ok' });
  });

  test('§2.2 doc.remove returns {stats: {removed: 1}}; a missing document removes 0', async () => {
    await seed([{ _id: 'r' }]);
    expect(await ok("return [await c.doc('r').remove(), await c.doc('r').remove()]")).toEqual([
      { stats: { removed: 1 }, errMsg: 'document.remove:ok' }, { stats: { removed: 0 }, errMsg: 'document.remove:ok' },
    ]);
  });

  test('§2.2 aggregate().end() returns {list, errMsg: "collection.aggregate:ok"}', async () => {
    await seed([{ _id: 'a', n: 1 }]);
    expect(await ok('return await c.aggregate().match({ n: 1 }).end()')).toEqual({ list: [{ _id: 'a', n: 1 }], errMsg: 'collection.aggregate:ok' });
  });

  test('§2.2 where() with a non-object throws "查询参数必须为对象"', async () => {
    expect((await fails("return await c.where('x').get()")).message).toBe('查询参数必须为对象');
  });

  test('§2.2 where() whose values are all undefined throws "查询参数对象值不能均为undefined"', async () => {
    expect((await fails('return await c.where({ openid: undefined }).get()')).message).toBe('查询参数对象值不能均为undefined');
  });

  test('§2.2 an undefined key beside others is silently dropped (matches as if absent)', async () => {
    await seed([{ _id: 'a', s: 'x', openid: 'o1' }, { _id: 'b', s: 'x', openid: 'o2' }]);
    expect(await ids("{ s: 'x', openid: undefined }")).toEqual(['a', 'b']);
  });

  test('§2.2 update data containing _id fails with "不能更新_id的值"', async () => {
    await seed([{ _id: 'u' }]);
    expect((await fails("return await c.doc('u').update({ data: { _id: 'v' } })")).errMsg).toMatch(/^document\.update:fail .*不能更新_id的值/);
  });

  test('§2.2 set with a command fails with "update operator complicit"', async () => {
    expect((await fails("return await c.doc('u').set({ data: { n: _.inc(1) } })")).errMsg).toMatch(/update operator complicit/);
  });

  test('§2.2 empty update data fails with "options.data must not be empty"', async () => {
    expect((await fails("return await c.doc('u').update({ data: {} })")).errMsg).toMatch(/options\.data must not be empty/);
  });

  test('§2.2 doc() with an object throws "docId必须为字符串或数字"', async () => {
    expect((await fails('return c.doc({ a: 1 })')).message).toBe('docId必须为字符串或数字');
  });

  test('§2.2 a non-integer limit throws "limitmust be integer"; a bad direction "排序字符不合法"', async () => {
    expect((await fails('return c.limit(1.5)')).message).toMatch(/limitmust be integer/);
    expect((await fails("return c.orderBy('a', 'up')")).message).toMatch(/排序字符不合法/);
  });

  test('§2.5 a JS Date round-trips as a Date', async () => {
    const r = await ok("await c.add({ data: { _id: 'd', at: new Date(1700000000123) } }); const d = (await c.doc('d').get()).data; return [d.at instanceof Date, d.at.getTime()]");
    expect(r).toEqual([true, 1700000000123]);
  });

  test('§2.7 server-side writes do not add _openid', async () => {
    const r = await ok("await c.add({ data: { _id: 'o', a: 1 } }); return (await c.doc('o').get()).data");
    expect(r).toEqual({ _id: 'o', a: 1 });
  });
});

describe('§2.3 limits', () => {
  test('§2.3 get() without limit returns 100 of 150', async () => {
    await seed(range(150).map((i) => ({ i })));
    expect(await ok('return (await c.get()).data.length')).toBe(100);
  });

  test('§2.3 limit(5000) returns at most 1000', async () => {
    await seed(range(1100).map((i) => ({ i })));
    expect(await ok('return (await c.limit(5000).get()).data.length')).toBe(1000);
  });

  test('§2.3 skip + limit paginate in orderBy order', async () => {
    await seed(range(10).map((i) => ({ _id: `d${i}`, i })));
    expect(await ok("return (await c.orderBy('i', 'desc').skip(2).limit(3).get()).data.map((d) => d.i)")).toEqual([7, 6, 5]);
  });

  test('§2.3 aggregate without .limit() returns 20 of 30; with .limit(25), 25', async () => {
    await seed(range(30).map((i) => ({ i })));
    expect(await ok('return [(await c.aggregate().match({}).end()).list.length, (await c.aggregate().match({}).limit(25).end()).list.length]')).toEqual([20, 25]);
  });

  test('§2.3 a result over 1 MB fails with the -602001 text', async () => {
    await seed(range(60).map((i) => ({ i, big: 'x'.repeat(20_000) })));
    const e = await fails('return await c.get()');
    expect(e.errMsg).toMatch(/^collection\.get:fail -502001 database request fail\. .*-602001 database query result size exceed limit \(1MB\)/);
  });
});

describe('§2.4 doc(id).get() on a missing document', () => {
  test('§2.4 rejects with message === errMsg === "document.get:fail document with _id <id> does not exist", errCode -1', async () => {
    const e = await fails("return await c.doc('nope').get()");
    expect(e.message).toBe('document.get:fail document with _id nope does not exist');
    expect(e.errMsg).toBe(e.message);
    expect(e.errCode).toBe(-1);
  });

  test('§2.4 with throwOnNotFound: false resolves {data: null, errMsg: "document.get:ok"}', async () => {
    const r = value(await t.run(`return await db.collection('${C}').doc('nope').get()`, { event: { dbOptions: { throwOnNotFound: false } } }));
    expect(r).toEqual({ data: null, errMsg: 'document.get:ok' });
  });
});

describe('§2.5 update semantics', () => {
  beforeEach(() => seed([{ _id: 'm', a: { x: 1, y: 2 }, keep: true, n: 5 }]));
  const doc = () => ok("return (await c.doc('m').get()).data");

  test('§2.5 update merges nested objects (dot paths)', async () => {
    await ok("return await c.doc('m').update({ data: { a: { y: 3, z: 4 } } })");
    expect(await doc()).toEqual({ _id: 'm', a: { x: 1, y: 3, z: 4 }, keep: true, n: 5 });
  });

  test('§2.5 _.set replaces a sub-object', async () => {
    await ok("return await c.doc('m').update({ data: { a: _.set({ only: 1 }) } })");
    expect(await doc()).toEqual({ _id: 'm', a: { only: 1 }, keep: true, n: 5 });
  });

  test('§2.5 an empty nested object changes nothing', async () => {
    expect(await ok("return (await c.doc('m').update({ data: { a: {} } })).stats.updated")).toBe(0);
    expect(await doc()).toEqual({ _id: 'm', a: { x: 1, y: 2 }, keep: true, n: 5 });
  });

  test('§2.5 null, 0, "" and false are written, undefined is dropped', async () => {
    await ok("return await c.doc('m').update({ data: { keep: false, n: 0, s: '', z: null, u: undefined } })");
    expect(await doc()).toEqual({ _id: 'm', a: { x: 1, y: 2 }, keep: false, n: 0, s: '', z: null });
  });

  test('§2.5 doc.set replaces the whole document', async () => {
    await ok("return await c.doc('m').set({ data: { fresh: 1 } })");
    expect(await doc()).toEqual({ _id: 'm', fresh: 1 });
  });

  test('§2.5 where({a: {b: 1}}) matches the field a.b, not the exact sub-document', async () => {
    expect(await ids('{ a: { x: 1 } }')).toEqual(['m']);
  });

  test('§2.5 db.serverDate() is the virtual clock now; {offset} adds milliseconds', async () => {
    await t.control.advanceClock(3_600_000);
    const before = (await t.now());
    const r = await ok("await c.doc('m').update({ data: { at: db.serverDate(), later: db.serverDate({ offset: 60000 }) } }); const d = (await c.doc('m').get()).data; return [d.at instanceof Date, d.at.getTime(), d.later.getTime() - d.at.getTime()]");
    const after = (await t.now());
    expect(r[0]).toBe(true);
    expect(r[1]).toBeGreaterThanOrEqual(before);
    expect(r[1]).toBeLessThanOrEqual(after);
    expect(r[2]).toBe(60_000);
  });

  test('§2.5 db.RegExp and a JS RegExp both match in where', async () => {
    await seed([{ _id: 'r1', name: 'Apple pie' }, { _id: 'r2', name: 'banana' }]);
    expect(await ids("{ name: db.RegExp({ regexp: '^apple', options: 'i' }) }")).toEqual(['r1']);
    expect(await ids('{ name: /NANA$/i }')).toEqual(['r2']);
  });
});

describe('§2.6 query operators', () => {
  beforeEach(() => seed([
    { _id: 'a', n: 1, tags: ['x', 'y'], items: [{ k: 1, q: 5 }, { k: 2, q: 1 }], s: 'alpha' },
    { _id: 'b', n: 2, tags: ['y'], items: [{ k: 1, q: 1 }], s: 'beta', opt: null },
    { _id: 'c', n: 3, tags: [], items: [], s: 'gamma', opt: 'set', a: 5, b: 2 },
    { _id: 'd', n: 4, tags: ['x', 'y', 'z'], s: 'delta', a: 1, b: 9 },
  ]));

  test('§2.6 _.eq and _.neq', async () => {
    expect(await ids('{ n: _.eq(2) }')).toEqual(['b']);
    expect(await ids('{ n: _.neq(2) }')).toEqual(['a', 'c', 'd']);
  });

  test('§2.6 _.gt _.gte _.lt _.lte', async () => {
    expect(await ids('{ n: _.gt(2) }')).toEqual(['c', 'd']);
    expect(await ids('{ n: _.gte(2) }')).toEqual(['b', 'c', 'd']);
    expect(await ids('{ n: _.lt(2) }')).toEqual(['a']);
    expect(await ids('{ n: _.lte(2) }')).toEqual(['a', 'b']);
  });

  test('§2.6 _.in and _.nin', async () => {
    expect(await ids('{ n: _.in([1, 4]) }')).toEqual(['a', 'd']);
    expect(await ids('{ n: _.nin([1, 4]) }')).toEqual(['b', 'c']);
  });

  test('§2.6 _.and / _.or / _.nor at the top level', async () => {
    expect(await ids('_.or([{ n: 1 }, { s: "gamma" }])')).toEqual(['a', 'c']);
    expect(await ids('_.and([{ n: _.gt(1) }, { n: _.lt(4) }])')).toEqual(['b', 'c']);
    expect(await ids('_.nor([{ n: 1 }, { n: 2 }])')).toEqual(['c', 'd']);
  });

  test('§2.6 chained field commands: _.gt(1).and(_.lt(4)), _.lt(2).or(_.gt(3)), _.not', async () => {
    expect(await ids('{ n: _.gt(1).and(_.lt(4)) }')).toEqual(['b', 'c']);
    expect(await ids('{ n: _.lt(2).or(_.gt(3)) }')).toEqual(['a', 'd']);
    expect(await ids('{ n: _.not(_.lt(3)) }')).toEqual(['c', 'd']);
  });

  test('§2.6 _.exists (null counts as existing)', async () => {
    expect(await ids('{ opt: _.exists(true) }')).toEqual(['b', 'c']);
    expect(await ids('{ opt: _.exists(false) }')).toEqual(['a', 'd']);
  });

  test('§2.6 _.mod', async () => {
    expect(await ids('{ n: _.mod(2, 0) }')).toEqual(['b', 'd']);
  });

  test('§2.6 _.all and matching a value inside an array', async () => {
    expect(await ids("{ tags: _.all(['x', 'y']) }")).toEqual(['a', 'd']);
    expect(await ids("{ tags: 'z' }")).toEqual(['d']);
  });

  test('§2.6 _.elemMatch', async () => {
    expect(await ids('{ items: _.elemMatch({ k: 1, q: _.gt(2) }) }')).toEqual(['a']);
  });

  test('§2.6 _.size', async () => {
    expect(await ids('{ tags: _.size(0) }')).toEqual(['c']);
  });

  test('§2.6 _.expr compares two fields', async () => {
    expect(await ids("_.expr($.gt(['$a', '$b']))")).toEqual(['c']);
  });

  test('§2.6 geo operators answer a clear "not supported locally" error', async () => {
    const e = await fails('return await c.where({ loc: _.geoWithin({ geometry: db.Geo.Polygon([db.Geo.LineString([db.Geo.Point(0, 0), db.Geo.Point(1, 0), db.Geo.Point(1, 1), db.Geo.Point(0, 0)])]) }) }).get()');
    expect(e.errCode).toBe(-502002);
    expect(e.errMsg).toMatch(/not supported by the local cloud/);
  });

  test('§2.2 orderBy on several keys', async () => {
    await seed([{ _id: 'e', n: 1, s: 'zeta' }]);
    expect(await ok("return (await c.orderBy('n', 'asc').orderBy('s', 'desc').get()).data.map((d) => d._id)")).toEqual(['e', 'a', 'b', 'c', 'd']);
  });

  test('§2.2 field() includes or excludes fields; _.project.slice trims an array', async () => {
    expect(await ok("return (await c.where({ _id: 'a' }).field({ n: true, s: 1 }).get()).data")).toEqual([{ _id: 'a', n: 1, s: 'alpha' }]);
    expect(await ok("return (await c.doc('b').field({ items: false, tags: false }).get()).data")).toEqual({ _id: 'b', n: 2, s: 'beta', opt: null });
    expect(await ok("return (await c.doc('d').field({ tags: _.project.slice([1, 1]), n: true }).get()).data")).toEqual({ _id: 'd', n: 4, tags: ['y'] });
  });
});

describe('§2.6 update operators', () => {
  beforeEach(() => seed([{ _id: 'u', n: 10, lo: 5, hi: 5, old: 'v', arr: [1, 2, 3], set: ['a'], bits: 5, nested: { c: 1 } }]));
  const upd = (data: string) => ok(`await c.doc('u').update({ data: ${data} }); return (await c.doc('u').get()).data`);

  test('§2.6 _.inc adds, also on a nested path and a missing field', async () => {
    expect(await upd('{ n: _.inc(-3), nested: { c: _.inc(2) }, fresh: _.inc(1) }')).toMatchObject({ n: 7, nested: { c: 3 }, fresh: 1 });
  });

  test('§2.6 _.mul multiplies', async () => {
    expect((await upd('{ n: _.mul(1.5) }')).n).toBe(15);
  });

  test('§2.6 _.min and _.max keep the smaller / larger value', async () => {
    expect(await upd('{ lo: _.min(2), hi: _.max(9) }')).toMatchObject({ lo: 2, hi: 9 });
    expect(await upd('{ lo: _.min(4), hi: _.max(3) }')).toMatchObject({ lo: 2, hi: 9 });
  });

  test('§2.6 _.remove deletes the field', async () => {
    expect('old' in (await upd('{ old: _.remove() }'))).toBe(false);
  });

  test('§2.6 _.rename moves the field', async () => {
    const d = await upd("{ old: _.rename('renamed') }");
    expect([d.renamed, 'old' in d]).toEqual(['v', false]);
  });

  test('§2.6 _.push appends values', async () => {
    expect((await upd('{ arr: _.push(4, 5) }')).arr).toEqual([1, 2, 3, 4, 5]);
  });

  test('§2.6 _.push with {each, position, sort, slice}', async () => {
    expect((await upd('{ arr: _.push({ each: [9, 0], sort: -1, slice: 3 }) }')).arr).toEqual([9, 3, 2]);
    expect((await upd('{ set: _.push({ each: ["first"], position: 0 }) }')).set).toEqual(['first', 'a']);
  });

  test('§2.6 _.pop removes the last element, _.shift the first', async () => {
    expect((await upd('{ arr: _.pop() }')).arr).toEqual([1, 2]);
    expect((await upd('{ arr: _.shift() }')).arr).toEqual([2]);
  });

  test('§2.6 _.unshift prepends', async () => {
    expect((await upd('{ arr: _.unshift(-1, 0) }')).arr).toEqual([-1, 0, 1, 2, 3]);
  });

  test('§2.6 _.addToSet adds only what is missing, also with {each}', async () => {
    expect((await upd("{ set: _.addToSet('a') }")).set).toEqual(['a']);
    expect((await upd("{ set: _.addToSet({ each: ['a', 'b', 'c'] }) }")).set).toEqual(['a', 'b', 'c']);
  });

  test('§2.6 _.pull removes matching elements, _.pullAll the listed values', async () => {
    expect((await upd('{ arr: _.pull(_.gte(2)) }')).arr).toEqual([1]);
    expect((await upd("{ set: _.pullAll(['a']) }")).set).toEqual([]);
  });

  test('§2.6 _.bit applies a bitwise or', async () => {
    expect((await upd('{ bits: _.bit({ or: 2 }) }')).bits).toBe(7);
  });

  test('§2.6 two commands on conflicting paths fail with errCode -502001 and change nothing', async () => {
    const e = await fails("return await c.doc('u').update({ data: { nested: _.set({ c: 0 }), 'nested.c': _.inc(1) } })");
    expect(e.errCode).toBe(-502001);
    expect(e.errMsg).toMatch(/conflict/);
    expect((await ok("return (await c.doc('u').get()).data.nested"))).toEqual({ c: 1 });
  });

  test('§2.6 _.inc on a string and _.push on a number fail with MongoDB’s text and change nothing', async () => {
    const inc = await fails("return await c.doc('u').update({ data: { n: _.inc(1), old: _.inc(1) } })");
    expect(inc.errCode).toBe(-502001);
    expect(inc.errMsg).toMatch(/Cannot apply \$inc to a value of non-numeric type/);
    expect((await fails("return await c.doc('u').update({ data: { n: _.push(1) } })")).errMsg).toMatch(/must be an array but is of type int/);
    expect((await ok("return (await c.doc('u').get()).data"))).toMatchObject({ n: 10, old: 'v' });
  });
});

describe('§2.8 aggregation', () => {
  beforeEach(async () => {
    await seed([
      { _id: 'o1', user: 'u1', total: 10, items: ['a', 'b'] },
      { _id: 'o2', user: 'u1', total: 30, items: ['c'] },
      { _id: 'o3', user: 'u2', total: 20, items: [] },
    ]);
    await seed([{ _id: 'u1', name: 'Ann' }, { _id: 'u2', name: 'Bo' }], 'conf_users');
  });

  test('§2.8 match + group($.sum, $.avg) + sort', async () => {
    const r = await ok("return (await c.aggregate().match({ total: _.gte(10) }).group({ _id: '$user', sum: $.sum('$total'), avg: $.avg('$total'), n: $.sum(1) }).sort({ sum: -1 }).limit(10).end()).list");
    expect(r).toEqual([{ _id: 'u1', sum: 40, avg: 20, n: 2 }, { _id: 'u2', sum: 20, avg: 20, n: 1 }]);
  });

  test('§2.8 group accumulators min, max, first, last, push, addToSet', async () => {
    const r = await ok("return (await c.aggregate().sort({ _id: 1 }).group({ _id: null, min: $.min('$total'), max: $.max('$total'), first: $.first('$_id'), last: $.last('$_id'), all: $.push('$user'), users: $.addToSet('$user') }).end()).list[0]");
    expect(r).toMatchObject({ _id: null, min: 10, max: 30, first: 'o1', last: 'o3', all: ['u1', 'u1', 'u2'] });
    expect([...r.users].sort()).toEqual(['u1', 'u2']);
  });

  test('§2.8 lookup with localField/foreignField', async () => {
    const r = await ok("return (await c.aggregate().match({ _id: 'o3' }).lookup({ from: 'conf_users', localField: 'user', foreignField: '_id', as: 'who' }).end()).list");
    expect(r).toEqual([{ _id: 'o3', user: 'u2', total: 20, items: [], who: [{ _id: 'u2', name: 'Bo' }] }]);
  });

  test('§2.8 lookup with let + pipeline', async () => {
    const r = await ok(`return (await db.collection('conf_users').aggregate()
      .lookup({ from: '${C}', let: { uid: '$_id' }, pipeline: $.pipeline().match(_.expr($.eq(['$user', '$$uid']))).project({ _id: 0, total: 1 }).done(), as: 'orders' })
      .sort({ _id: 1 }).end()).list`);
    expect(r).toEqual([{ _id: 'u1', name: 'Ann', orders: [{ total: 10 }, { total: 30 }] }, { _id: 'u2', name: 'Bo', orders: [{ total: 20 }] }]);
  });

  test('§2.8 unwind then count', async () => {
    expect(await ok("return (await c.aggregate().unwind('$items').count('n').end()).list")).toEqual([{ n: 3 }]);
  });

  test('§2.8 project, addFields, sort, skip', async () => {
    const r = await ok("return (await c.aggregate().addFields({ double: $.multiply(['$total', 2]) }).project({ _id: 1, double: 1 }).sort({ double: -1 }).skip(1).end()).list");
    expect(r).toEqual([{ _id: 'o3', double: 40 }, { _id: 'o1', double: 20 }]);
  });
});

describe('§2.9 / §2.10 transactions', () => {
  beforeEach(() => seed([{ _id: 't', n: 0 }, { _id: 'v', n: 0 }]));
  const n = (id: string) => ok<number>(`return (await c.doc('${id}').get()).data.n`);

  test('§2.9 runTransaction resolves with the callback value and commits its writes', async () => {
    const r = await ok(`return await db.runTransaction(async (tx) => {
      const d = (await tx.collection('${C}').doc('t').get()).data;
      await tx.collection('${C}').doc('t').update({ data: { n: d.n + 1 } });
      await tx.collection('${C}').doc('v').set({ data: { n: 9 } });
      return 'done';
    })`);
    expect(r).toBe('done');
    expect([await n('t'), await n('v')]).toEqual([1, 9]);
  });

  test('§2.9 transaction.add returns {_id, errMsg}; a transaction doc.get on a missing id rejects as §2.4', async () => {
    const r = await ok(`return await db.runTransaction(async (tx) => {
      const added = await tx.collection('${C}').add({ data: { _id: 'new', n: 1 } });
      let err = null;
      try { await tx.collection('${C}').doc('ghost').get(); } catch (e) { err = e.errMsg; }
      return { added, err };
    })`);
    expect(r).toEqual({ added: { _id: 'new', errMsg: 'collection.add:ok' }, err: 'document.get:fail document with _id ghost does not exist' });
    expect(await n('new')).toBe(1);
  });

  test('§2.9 rollback(reason) rejects runTransaction with the reason and discards the writes', async () => {
    const e = await fails(`return await db.runTransaction(async (tx) => {
      await tx.collection('${C}').doc('t').update({ data: { n: 5 } });
      await tx.rollback('not enough stock');
    })`);
    expect(e.thrownString).toBe('not enough stock');
    expect(await n('t')).toBe(0);
  });

  test('§2.9 an error thrown in the callback rejects and rolls back', async () => {
    const e = await fails(`return await db.runTransaction(async (tx) => {
      await tx.collection('${C}').doc('t').update({ data: { n: 5 } });
      throw new Error('boom');
    })`);
    expect(e.message).toBe('boom');
    expect(await n('t')).toBe(0);
  });

  test('§2.9 runTransaction retries a real conflict found at commit (a write committed after its snapshot)', async () => {
    const r = await ok(`let runs = 0;
      const result = await db.runTransaction(async (tx) => {
        runs++;
        const d = (await tx.collection('${C}').doc('t').get()).data;
        if (runs === 1) await c.doc('t').update({ data: { n: _.inc(100) } });
        await tx.collection('${C}').doc('t').update({ data: { n: d.n + 1 } });
        return d.n;
      });
      return { runs, result, after: (await c.doc('t').get()).data.n }`);
    expect(r).toEqual({ runs: 2, result: 100, after: 101 });
  });

  test('§2.9 runTransaction gives up after `times` conflicts and rejects with DATABASE_TRANSACTION_CONFLICT', async () => {
    const e = await fails(`let runs = 0;
      await db.runTransaction(async (tx) => {
        runs++;
        await tx.collection('${C}').doc('t').get();
        await c.doc('t').update({ data: { n: _.inc(1) } });
        await tx.collection('${C}').doc('t').update({ data: { n: -1 } });
      }, 2);`);
    expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(e.message).toMatch(/^\[ResourceUnavailable\.TransactionConflict\] Transaction is conflict/);
    expect(await n('t')).toBe(3);
  });

  test('§2.10 a second transaction writing a locked document fails at once: errCode -501001, TransactionConflict text, no .code', async () => {
    const r = await ok(`const a = await db.startTransaction();
      const b = await db.startTransaction();
      await a.collection('${C}').doc('t').update({ data: { n: 1 } });
      let err = null;
      try { await b.collection('${C}').doc('t').update({ data: { n: 2 } }); } catch (e) { err = { errCode: e.errCode, code: e.code, errMsg: e.errMsg }; }
      await a.commit();
      await b.rollback();
      return { err, n: (await c.doc('t').get()).data.n }`);
    expect(r.err.errCode).toBe(-501001);
    expect(r.err.code).toBeUndefined();
    expect(r.err.errMsg).toMatch(/^document\.update:fail -501001 resource system error\. \[ResourceUnavailable\.TransactionConflict\]/);
    expect(r.n).toBe(1);
  });

  test('§2.9 reads inside a transaction are a snapshot from its start', async () => {
    const r = await ok(`const a = await db.startTransaction();
      const first = (await a.collection('${C}').doc('t').get()).data.n;
      await c.doc('t').update({ data: { n: 5 } });
      const second = (await a.collection('${C}').doc('t').get()).data.n;
      await a.rollback();
      return [first, second, (await c.doc('t').get()).data.n]`);
    expect(r).toEqual([0, 0, 5]);
  });

  test('§2.9 a plain update of a locked document waits for the commit, then applies on top', async () => {
    const r = await ok(`const a = await db.startTransaction();
      await a.collection('${C}').doc('t').update({ data: { n: _.inc(1) } });
      const plain = c.doc('t').update({ data: { n: _.inc(10) } });
      const during = (await c.doc('t').get()).data.n;
      await a.commit();
      const res = await plain;
      return { during, updated: res.stats.updated, after: (await c.doc('t').get()).data.n }`);
    expect(r).toEqual({ during: 0, updated: 1, after: 11 });
  });

  test('§2.9 startTransaction: writes are invisible outside until commit()', async () => {
    const r = await ok(`const a = await db.startTransaction();
      await a.collection('${C}').doc('v').remove();
      await a.collection('${C}').add({ data: { _id: 'w', n: 2 } });
      const outside = (await c.where({ _id: _.in(['v', 'w']) }).get()).data.map((d) => d._id);
      await a.commit();
      const later = (await c.where({ _id: _.in(['v', 'w']) }).get()).data.map((d) => d._id);
      return { outside, later }`);
    expect(r).toEqual({ outside: ['v'], later: ['w'] });
  });

  test('§2.10 an abandoned transaction times out and releases its lock', async () => {
    const since = (await t.control.requests()).lastSeq;
    const pending = t.run(`const a = await db.startTransaction();
      await a.collection('${C}').doc('t').update({ data: { n: 1 } });
      await c.doc('t').update({ data: { n: _.inc(10) } });
      let err = null;
      try { await a.commit(); } catch (e) { err = e.code; }
      return { err, n: (await c.doc('t').get()).data.n }`.replace(/^/, `const c = db.collection('${C}');\n`));
    // Wait until the transaction's write (and so its lock) is in, as the request log tells
    // (the SDK sends a startTransaction write as database.modifyDocument with its transactionId).
    const locked = async () => ((await t.control.requests({ since })).byAction['database.modifyDocument'] ?? 0) > 0;
    for (let i = 0; i < 500 && !(await locked()); i++) await new Promise((r) => setTimeout(r, 10));
    await t.control.advanceClock(11_000);
    expect(value(await pending)).toEqual({ err: 'DATABASE_TRANSACTION_FAIL', n: 10 });
  });

  test('§2.9 a where() query inside a transaction is refused (single-document operations only)', async () => {
    const e = await fails(`return await db.runTransaction(async (tx) => tx.collection('${C}').where({ n: 0 }).get())`);
    expect(e.errMsg).toMatch(/^collection\.get:fail -502001 .*not allowed in a transaction/);
  });
});

describe('§2.12 duplicate keys and unique indexes; §1.4 missing collections', () => {
  test('§2.12 add with an existing _id fails with errCode -502001 and E11000 duplicate key text', async () => {
    await seed([{ _id: 'dup' }]);
    const e = await fails("return await c.add({ data: { _id: 'dup' } })");
    expect(e.errCode).toBe(-502001);
    expect(e.errMsg).toBe(`collection.add:fail -502001 database request fail. E11000 duplicate key error collection: ${C} index: _id_ dup key: { _id: "dup" }`);
  });

  test('§2.12 doc(id).set on an existing id upserts instead of failing', async () => {
    await seed([{ _id: 'dup', n: 1 }]);
    expect((await ok("return await c.doc('dup').set({ data: { n: 2 } })")).stats).toEqual({ updated: 1, created: 0 });
  });

  test('§2.12 a unique index from the collections file rejects a duplicate on add, update and set', async () => {
    await seed([{ _id: 'p1', sku: 'A' }, { _id: 'p2', sku: 'B' }], 'conf_unique');
    const u = "db.collection('conf_unique')";
    const add = await fails(`return await ${u}.add({ data: { sku: 'A' } })`);
    expect(add.errMsg).toMatch(/^collection\.add:fail -502001 database request fail\. E11000 duplicate key error collection: conf_unique index: sku_unique dup key: \{ sku: "A" \}/);
    expect((await fails(`return await ${u}.doc('p2').update({ data: { sku: 'A' } })`)).errMsg).toMatch(/^document\.update:fail -502001 .*E11000/);
    expect((await fails(`return await ${u}.doc('p3').set({ data: { sku: 'B' } })`)).errMsg).toMatch(/^document\.set:fail -502001 .*E11000/);
    expect(await ok(`return (await ${u}.orderBy('_id', 'asc').get()).data`)).toEqual([{ _id: 'p1', sku: 'A' }, { _id: 'p2', sku: 'B' }]);
  });

  test('§1.4 a collection that does not exist fails with -502005 and the real message', async () => {
    const e = await fails("return await db.collection('conf_never').where({ a: 1 }).get()");
    expect(e.errCode).toBe(-502005);
    expect(e.errMsg).toBe('collection.get:fail -502005 database collection not exists. [ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.');
    expect((await fails("return await db.collection('conf_never').add({ data: { a: 1 } })")).errCode).toBe(-502005);
  });
});

describe('atomic single-document updates', () => {
  test('§2.9 a guarded decrement under 50 concurrent callers updates exactly 10', async () => {
    await seed([{ _id: 'sku', stock: 10 }]);
    const r = await ok(`const all = await Promise.all(Array.from({ length: 50 }, () =>
        c.where({ _id: 'sku', stock: _.gte(1) }).update({ data: { stock: _.inc(-1) } })));
      return { updated: all.filter((x) => x.stats.updated === 1).length, stock: (await c.doc('sku').get()).data.stock }`);
    expect(r).toEqual({ updated: 10, stock: 0 });
  });

  test('§2.9 the same decrement from 20 separate invocations on stock 5 updates exactly 5', async () => {
    await seed([{ _id: 'sku', stock: 5 }]);
    const replies = await Promise.all(range(20).map(() => t.run<number>(
      `return (await db.collection('${C}').where({ _id: 'sku', stock: _.gte(1) }).update({ data: { stock: _.inc(-1) } })).stats.updated`,
    )));
    expect(replies.map((r) => value(r)).filter((u) => u === 1)).toHaveLength(5);
    expect(value(await t.run<number>(`return (await db.collection('${C}').doc('sku').get()).data.stock`))).toBe(0);
  }, 60_000);
});
