import { testStore, ejson, type WireReply } from './testing';

type Reply = WireReply;
const C = 'conf_items';
const int = (n: number) => ({ $numberInt: String(n) });

describe('transactions (docs/wechat-contracts.md §2.9, §2.10)', () => {
  let t: ReturnType<typeof testStore>;
  const doc = (id: string) => ({ collectionName: C, queryType: 'DOC', query: ejson({ _id: id }), multi: false });
  const inc = (id: string, n: number, tx?: string) =>
    t.call('modifyDocument', { ...doc(id), transactionId: tx, merge: true, upsert: false, data: ejson({ $inc: { n: int(n) } }) });
  const read = async (id: string, tx?: string) => {
    const r = await t.call('getDocument', { ...doc(id), transactionId: tx });
    return r.data.list.length ? JSON.parse(r.data.list[0]) : null;
  };
  const begin = async () => (await t.call('startTransaction')).transactionId as string;
  const n = (id: string) => t.store.documents(C).find((d) => d._id === id)?.n;

  beforeEach(async () => {
    t = testStore({ transactionTimeoutMs: 10_000 });
    await t.call('insertDocument', { collectionName: C, data: [ejson({ _id: 'x', n: int(0) }), ejson({ _id: 'y', n: int(0) })] });
  });
  afterEach(() => t.store.close());

  test('startTransaction answers {transactionId} at the top level', async () => {
    expect(await t.call('startTransaction')).toEqual({ transactionId: expect.stringMatching(/^[0-9a-f]{24}$/) });
  });

  test('writes stay invisible until commit, then land together', async () => {
    const tx = await begin();
    await inc('x', 1, tx);
    await t.call('insertDocument', { collectionName: C, data: [ejson({ _id: 'z', n: int(9) })], transactionId: tx });
    await t.call('removeDocument', { ...doc('y'), transactionId: tx });
    expect(await read('x', tx)).toEqual({ _id: 'x', n: int(1) });
    expect([n('x'), n('y'), n('z')]).toEqual([0, 0, undefined]);
    expect(await t.call('commitTransaction', { transactionId: tx })).toEqual({});
    expect([n('x'), n('y'), n('z')]).toEqual([1, undefined, 9]);
  });

  test('reads are a snapshot: a plain write after the start is not seen', async () => {
    const tx = await begin();
    await inc('x', 5);
    expect(await read('x', tx)).toEqual({ _id: 'x', n: int(0) });
    expect(await read('x')).toEqual({ _id: 'x', n: int(5) });
  });

  test('another transaction writing a locked document fails at once with DATABASE_TRANSACTION_CONFLICT', async () => {
    const a = await begin();
    const b = await begin();
    await inc('x', 1, a);
    const r = await inc('x', 1, b);
    expect(r.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(r.message).toBe('[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.');
    await t.call('commitTransaction', { transactionId: a });
    expect(n('x')).toBe(1);
  });

  test('writing a document committed by someone else after the snapshot dooms the transaction: commit conflicts, nothing lands', async () => {
    const tx = await begin();
    await read('x', tx);
    await inc('x', 100);
    await inc('x', 1, tx);
    await inc('y', 1, tx);
    const r = await t.call('commitTransaction', { transactionId: tx });
    expect(r.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect([n('x'), n('y')]).toEqual([100, 0]);
    expect((await t.call('commitTransaction', { transactionId: tx })).code).toBe('DATABASE_TRANSACTION_FAIL');
  });

  test('a plain write to a locked document waits for the commit, then applies on top of it', async () => {
    const tx = await begin();
    await inc('x', 1, tx);
    let done = false;
    const plain = inc('x', 10).then((r) => { done = true; return r; });
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    expect(n('x')).toBe(0);
    await t.call('commitTransaction', { transactionId: tx });
    expect(await plain).toEqual({ data: { updated: 1 } });
    expect(n('x')).toBe(11);
  });

  test('abort discards the writes and releases the locks', async () => {
    const tx = await begin();
    await inc('x', 1, tx);
    const plain = inc('x', 10);
    expect(await t.call('abortTransaction', { transactionId: tx })).toEqual({});
    await plain;
    expect(n('x')).toBe(10);
  });

  test('an abandoned transaction times out on the virtual clock and releases its locks', async () => {
    const tx = await begin();
    await inc('x', 1, tx);
    const plain = inc('x', 10);
    await t.clock.advance(10_001);
    await plain;
    expect(n('x')).toBe(10);
    const r = await t.call('commitTransaction', { transactionId: tx });
    expect(r.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(t.store.transactions.openCount).toBe(0);
  });

  test('inside a transaction: add with an existing _id is a duplicate, where() queries are refused, set upserts', async () => {
    const tx = await begin();
    const dup = await t.call('insertDocument', { collectionName: C, data: [ejson({ _id: 'x' })], transactionId: tx });
    expect(dup.message).toMatch(/^E11000 duplicate key error/);
    const where = await t.call('getDocument', { collectionName: C, queryType: 'WHERE', query: ejson({ n: int(0) }), transactionId: tx, limit: 100 });
    expect(where.code).toBe('DATABASE_REQUEST_FAILED');
    expect(where.message).toMatch(/not allowed in a transaction/);
    const set = await t.call('modifyDocument', { ...doc('w'), transactionId: tx, merge: false, upsert: true, data: ejson({ n: int(3) }) });
    expect(set).toEqual({ data: { updated: 0, upsert_id: 'w' } });
    await t.call('commitTransaction', { transactionId: tx });
    expect(n('w')).toBe(3);
  });

  test('a unique-index clash found at commit fails the commit and applies nothing', async () => {
    const U = 'conf_unique';
    const tx = await begin();
    await t.call('insertDocument', { collectionName: U, data: [ejson({ _id: 'a', sku: 'S' })], transactionId: tx });
    await t.call('insertDocument', { collectionName: U, data: [ejson({ _id: 'b', sku: 'S' })] });
    const r: Reply = await t.call('commitTransaction', { transactionId: tx });
    expect(r.message).toMatch(/E11000 .* sku_unique/);
    expect(t.store.documents(U).map((d) => d._id)).toEqual(['b']);
  });

  test('the legacy getInTransaction / updateDocInTransaction / deleteDocInTransaction actions work', async () => {
    const tx = await begin();
    expect(await t.call('getInTransaction', { collectionName: C, transactionId: tx, _id: 'x' })).toEqual({ data: ejson({ _id: 'x', n: int(0) }) });
    expect(await t.call('updateDocInTransaction', { collectionName: C, transactionId: tx, _id: 'x', data: ejson({ $set: { n: int(4) } }) })).toEqual({ updated: '1' });
    expect(await t.call('deleteDocInTransaction', { collectionName: C, transactionId: tx, _id: 'y' })).toEqual({ deleted: '1' });
    await t.call('commitTransaction', { transactionId: tx });
    expect(t.store.documents(C)).toEqual([{ _id: 'x', n: 4 }]);
  });
});
