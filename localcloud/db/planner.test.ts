// The planner narrows a query to the documents a declared index can reach, and says whether any index
// serves it at all. Narrowing must never lose a match: random documents and queries give the same
// answer through the index as through a full scan.
import { Collection, idKey } from './collections';
import type { Doc } from './ejson';
import { orderedKeys, plan } from './planner';
import { compileQuery, findDocs } from './query';

const ORDERS = [
  { name: 'shop_status_created', keys: { shopId: 1, status: 1, createdAt: -1 } },
  { name: 'status_expires', keys: { status: 1, expiresAt: 1 } },
  { name: 'owed_updated', keys: { owed: 1, updatedAt: 1 } },
] as const;

function orders(docs: Doc[]): Collection {
  const coll = new Collection('orders', ORDERS.map((i) => ({ name: i.name, keys: { ...i.keys } })), true);
  docs.forEach((d, i) => coll.put(idKey(d._id), d, i + 1));
  return coll;
}

/** A small seeded random: the same documents and queries on every machine. */
function seeded(start: number) {
  let seed = start;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  return { rand, pick: <T>(xs: readonly T[]) => xs[rand(xs.length)] };
}

const scan = (coll: Collection, query: Doc) => [...coll.docs.values()].map((e) => e.doc).filter(compileQuery(query));
const viaIndex = (coll: Collection, query: Doc) => coll.entries(plan(coll.trees, query).keys).map((e) => e.doc).filter(compileQuery(query));

describe('query planner', () => {
  test('a query on a declared index prefix is served; one on no leading key is a scan', () => {
    const coll = orders([]);
    const served = (q: Doc) => plan(coll.trees, q).supported;
    expect(served({ shopId: 's1', status: { $in: ['paid', 'fulfilled'] } })).toBe(true);
    expect(served({ status: 'unpaid', expiresAt: { $lte: 5 } })).toBe(true);
    expect(served({ 'owed.0': { $exists: true }, updatedAt: { $lte: 5 } })).toBe(true);
    expect(served({ $or: [{ status: 'unpaid', createdAt: { $gt: 1 } }, { status: 'unpaid', createdAt: { $gt: 3 } }] })).toBe(true);
    expect(served({ _id: { $in: ['a', 'b'] } })).toBe(true);
    expect(served({ status: { $ne: 'paid' }, expiresAt: { $lte: 5 } })).toBe(true);
    expect(served({ buyerOpenid: 'o1' })).toBe(false);
    expect(served({ $or: [{ status: 'unpaid' }, { buyerOpenid: 'o1' }] })).toBe(false);
    expect(served({})).toBe(false);
  });

  test('narrowing by the index finds exactly what a full scan finds (1,000 random queries)', () => {
    const { rand, pick } = seeded(7);
    const statuses = ['unpaid', 'paid', 'fulfilled', null, undefined] as const;
    const docs: Doc[] = Array.from({ length: 400 }, (_, i) => {
      const d: Doc = { _id: `o${i}`, shopId: pick(['s1', 's2', 's3']), createdAt: rand(100), updatedAt: rand(100) };
      const status = pick(statuses);
      if (status !== undefined) d.status = status;
      if (rand(3)) d.expiresAt = pick([rand(100), null, String(rand(100))]);
      d.owed = pick([[], ['stock'], ['stock', 'grants'], undefined, null]);
      if (d.owed === undefined) delete d.owed;
      return d;
    });
    const coll = orders(docs);
    let total = 0;
    for (let i = 0; i < 1000; i++) {
      const range = { [pick(['$gt', '$gte', '$lt', '$lte'])]: rand(100) };
      const query = pick([
        () => ({ shopId: pick(['s1', 's2', 's4']), status: pick(statuses.filter((s) => s !== undefined)) }),
        () => ({ shopId: 's2', status: { $in: ['paid', null] }, createdAt: range }),
        () => ({ status: pick(['unpaid', null]), expiresAt: range }),
        () => ({ 'owed.0': { $exists: true }, updatedAt: range }),
        () => ({ owed: pick(['stock', 'grants', null]) }),
        () => ({ status: { $ne: pick(['paid', null]) }, expiresAt: range }),
        () => ({ status: { $nin: ['paid', 'unpaid'] } }),
        () => ({ $or: [{ status: 'unpaid', createdAt: range }, { status: 'paid', expiresAt: { $exists: true } }] }),
        () => ({ $and: [{ shopId: 's1' }, { createdAt: range }, { createdAt: { $lte: 90 } }] }),
      ])();
      const expected = scan(coll, query);
      expect(viaIndex(coll, query)).toEqual(expected);
      total += expected.length;
    }
    console.log(`1,000 random queries over 400 documents: ${total} matches, each found through the index as by a full scan`);
  });

  test('the index follows every write: updated and removed documents move or leave', () => {
    const coll = orders([{ _id: 'a', shopId: 's1', status: 'unpaid', createdAt: 1 }]);
    coll.put(idKey('a'), { _id: 'a', shopId: 's1', status: 'paid', createdAt: 1 }, 2);
    expect(viaIndex(coll, { shopId: 's1', status: 'unpaid' })).toEqual([]);
    expect(viaIndex(coll, { shopId: 's1', status: 'paid' })).toHaveLength(1);
    coll.drop(idKey('a'));
    expect(viaIndex(coll, { shopId: 's1', status: 'paid' })).toEqual([]);
    expect(coll.trees.every((t) => t.root.docs.size === 0 && (t.root.children?.size ?? 0) === 0)).toBe(true);
  });

  test('a page read in index order is the page a full sort gives, reading only what the page needs (600 random pages)', () => {
    const { rand, pick } = seeded(11);
    const coll = new Collection('products', [
      { name: 'shop_shelf_sort_created', keys: { shopId: 1, onShelf: 1, sort: 1, createdAt: 1 } },
      { name: 'shop_created', keys: { shopId: 1, createdAt: -1 } },
    ], true);
    // Ties, missing and null sort values, mixed types, a multikey array and a late write that moves a document.
    Array.from({ length: 400 }, (_, i) => {
      const d: Doc = { _id: `p${i}`, shopId: pick(['s1', 's2']), onShelf: rand(5) > 0, createdAt: rand(300), name: pick(['tee', 'cap', 'mug']) };
      const sort = pick([rand(20), rand(20), rand(3), null, undefined, `x${rand(3)}`, [rand(20), rand(20)]]);
      if (sort !== undefined) d.sort = sort;
      return d;
    }).forEach((d, i) => coll.put(idKey(d._id), d, i + 1));
    const moved = { ...coll.docs.get(idKey('p3'))!.doc, sort: -5 };
    coll.put(idKey('p3'), moved, 401);
    let examined = 0;
    let rows = 0;
    for (let i = 0; i < 600; i++) {
      const query = pick([
        () => ({ shopId: pick(['s1', 's2', 's3']), onShelf: true }),
        () => ({ shopId: 's1', onShelf: pick([true, false]), name: pick(['tee', 'cap']) }),
        () => ({ shopId: 's2' }),
        () => ({ shopId: { $in: ['s1', 's2'] }, onShelf: true }),
        () => ({ $and: [{ shopId: 's1', onShelf: true }, { $or: [{ name: 'tee' }, { name: 'mug' }] }] }),
      ])();
      const order: Record<string, 1 | -1> = 'onShelf' in query || '$and' in query
        ? pick<Record<string, 1 | -1>>([{ sort: 1, createdAt: 1 }, { sort: -1, createdAt: -1 }, { sort: 1, createdAt: -1 }, { sort: 1 }])
        : { createdAt: -1 };
      const offset = pick([0, 0, 20, rand(200)]);
      const limit = pick([1, 10, 21]);
      const match = compileQuery(query);
      const all = [...coll.docs.values()].map((e) => e.doc);
      const expected = findDocs(all, match, { order, offset, limit }).map((d) => d._id);
      const keys = orderedKeys(coll.trees, query, { order, need: offset + limit, accept: (k) => match(coll.docs.get(k)!.doc) });
      expect(keys).not.toBeNull();
      const got = findDocs(coll.entries(new Set(keys)).map((e) => e.doc), match, { order, offset, limit }).map((d) => d._id);
      expect(got).toEqual(expected);
      examined += keys!.length;
      rows += got.length;
    }
    expect(orderedKeys(coll.trees, { onShelf: true }, { order: { sort: 1 }, need: 5, accept: () => true })).toBeNull();
    // An index that narrows by more of the query is walked, not the shop's orders in order: a page of two
    // buyers' orders reads theirs (one ordered walk per buyer), never the shop's other 300.
    const orders = new Collection('orders', [
      { name: 'shop_created', keys: { shopId: 1, createdAt: -1 } },
      { name: 'buyer_shop_created', keys: { buyerOpenid: 1, shopId: 1, createdAt: -1 } },
    ], true);
    Array.from({ length: 300 }, (_, i) => ({ _id: `o${i}`, shopId: 's1', buyerOpenid: `b${i % 30}`, createdAt: i }))
      .forEach((d, i) => orders.put(idKey(d._id), d, i + 1));
    const few = { shopId: 's1', buyerOpenid: { $in: ['b1', 'b2'] } };
    const walked = orderedKeys(orders.trees, few, { order: { createdAt: -1 }, need: 100, accept: () => true });
    expect(walked?.length).toBe(20);
    expect(findDocs(orders.entries(new Set(walked)).map((e) => e.doc), compileQuery(few), { order: { createdAt: -1 }, limit: 5 }).map((d) => d._id))
      .toEqual(['o272', 'o271', 'o242', 'o241', 'o212']);
    console.log(`600 random pages over 400 documents: ${rows} rows, ${examined} documents examined (a full sort examines 400 per page)`);
  });
});
