// The `database.*` actions of the CloudBase wire protocol (docs/wechat-contracts.md §10), with the reply shapes
// @cloudbase/database 1.4.3 reads: getDocument `{data:{list:[EJSON…], offset, limit}}`, insert
// `{data:{insertedIds}}`, modify `{data:{updated, upsert_id?}}`, remove `{data:{deleted}}`, count
// `{data:{total}}`, aggregate `{data:{list}}`, startTransaction `{transactionId}` (top level).
// Inside a transaction the SDK sends the same actions with `transactionId` (collection.add,
// doc().get/update/set/remove); the legacy *InTransaction actions are answered too.
import { randomBytes } from 'node:crypto';
import type { ActionMap, AdminCall } from '../types';
import { runAggregate } from './aggregate';
import { idKey, type Change, type Collection } from './collections';
import { decodeParam, toWire, type Doc } from './ejson';
import type { Engine } from './engine';
import { duplicateKey, invalidParam, lockTimeout, resultTooLarge, transactionBatchOp } from './errors';
import { DEFAULT_QUERY_LIMIT, LOCK_WAIT_MS, MAX_QUERY_LIMIT, MAX_RESULT_BYTES } from './limits';
import { orderedKeys, plan } from './planner';
import { compileQuery, findDocs, normalizeOrder, pointId, projectDocs, type Matcher } from './query';
import type { Transaction, TransactionManager } from './transactions';
import { applyOperators, applyUpdate, normalizeModifier, upsertSeed } from './update';

export interface StoreParts {
  engine: Engine;
  txm: TransactionManager;
  now: () => number;
  /** Told of every query from a function that no declared index serves (test mode, store.ts). */
  onUnindexed?: (query: UnindexedQuery) => void;
}

/** A function's query that would scan the collection in production. */
export interface UnindexedQuery {
  functionName: string;
  collection: string;
  action: string;
  /** The query's shape: operators and fields, values as '?'. */
  query: string;
  order?: Record<string, 1 | -1>;
}

/** Operators and fields kept, values replaced: one entry per query shape, not per call. */
export function queryShape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length && v.every((x) => !x || typeof x !== 'object' || x instanceof Date) ? '?' : v.map(queryShape);
  if (!isObject(v)) return '?';
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, queryShape(x)]));
}

/** Auto `_id`: 32 hex characters, like the real service's (§2.7). */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

function withoutId(doc: Doc): Doc {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

function isObject(v: unknown): v is Doc {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);
}


/** The 1 MB reply limit (§2.3), measured on the EJSON strings we send. */
function checkedList(docs: Doc[]): string[] {
  const list = docs.map(toWire);
  const bytes = list.reduce((n, s) => n + Buffer.byteLength(s), 0);
  if (bytes > MAX_RESULT_BYTES) throw resultTooLarge(bytes, MAX_RESULT_BYTES);
  return list;
}

const BLOCKED = Symbol('blocked by a transaction lock');

export function databaseActions(parts: StoreParts): ActionMap {
  const { engine, txm, now } = parts;
  const decode = (v: unknown) => decodeParam(v, now);

  /** The documents a query can match, narrowed by `_id` or a declared index (planner.ts). */
  function candidates(call: AdminCall, coll: Collection, query: unknown, order?: Record<string, 1 | -1>, page?: { need: number; match: Matcher }): Doc[] {
    const id = pointId(query);
    if (id !== undefined) {
      const entry = coll.docs.get(idKey(id));
      return entry ? [entry.doc] : [];
    }
    if (order && page) {
      // An index that gives the order serves the query: read only what the page needs.
      const accept = (key: string) => {
        const entry = coll.docs.get(key);
        return entry !== undefined && page.match(entry.doc);
      };
      const keys = orderedKeys(coll.trees, query, { order, need: page.need, accept });
      if (keys) return coll.entries(new Set(keys)).map((e) => e.doc);
    }
    const found = plan(coll.trees, query, order);
    if (!found.supported && parts.onUnindexed && call.invocation) {
      parts.onUnindexed({
        functionName: call.invocation.functionName, collection: coll.name, action: call.action,
        query: JSON.stringify(queryShape(query ?? {})), ...(order ? { order } : {}),
      });
    }
    return coll.entries(found.keys).map((e) => e.doc);
  }

  /**
   * Plain (non-transaction) writes run synchronously — read, evaluate, write in one go, nothing can
   * interleave — unless a target document is locked by a transaction: then they wait for a release
   * and start over (§2.9 "普通的更新操作会被阻塞，直到事务锁释放或者超时").
   */
  async function whenUnlocked<T>(attempt: () => T | typeof BLOCKED): Promise<T> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const result = attempt();
      if (result !== BLOCKED) return result;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw lockTimeout();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([txm.released(), new Promise((r) => { timer = setTimeout(r, remaining); })]);
      clearTimeout(timer);
    }
  }
  const locked = (coll: Collection, keys: string[]) => keys.some((k) => txm.lockOwner(coll, k) !== undefined);

  function txOf(call: AdminCall): Transaction | undefined {
    const id = call.params.transactionId;
    return id === undefined || id === null || id === '' ? undefined : txm.get(id);
  }

  /** Inside a transaction only `doc(id)` operations exist (§2.9). */
  function txDocId(query: unknown, what: string): string | number {
    const id = pointId(query);
    if (id === undefined) throw transactionBatchOp(what);
    return id;
  }

  function readData(raw: unknown): Doc {
    const data = decode(raw);
    if (!isObject(data)) throw invalidParam('data must be a non-empty object');
    return data;
  }

  const actions: ActionMap = {
    'database.getDocument': (call) => {
      const p = call.params;
      const coll = engine.get(p.collectionName);
      const query = decode(p.query);
      const projection = decode(p.projection);
      const tx = txOf(call);
      if (tx) {
        const doc = txm.read(tx, coll, idKey(txDocId(query, 'a where() query')));
        return { data: { list: checkedList(projectDocs(doc ? [doc] : [], projection)), offset: 0, limit: 1 } };
      }
      const offset = Number.isInteger(p.offset) && (p.offset as number) > 0 ? (p.offset as number) : 0;
      const asked = Number(p.limit);
      const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_QUERY_LIMIT) : DEFAULT_QUERY_LIMIT;
      const order = normalizeOrder(decode(p.order));
      const match = compileQuery(query);
      const found = findDocs(candidates(call, coll, query, order, { need: offset + limit, match }), match, { order, offset, limit });
      return { data: { list: checkedList(projectDocs(found, projection)), offset, limit } };
    },

    'database.calculateDocument': (call) => {
      const coll = engine.get(call.params.collectionName);
      const query = decode(call.params.query);
      return { data: { total: findDocs(candidates(call, coll, query), compileQuery(query)).length } };
    },

    'database.insertDocument': (call) => {
      const p = call.params;
      const coll = engine.get(p.collectionName);
      const raw = Array.isArray(p.data) ? p.data : [p.data];
      if (raw.length === 0) throw invalidParam('data must not be empty');
      const docs = raw.map((r) => {
        const d = readData(r);
        return '_id' in d ? d : { _id: newId(), ...d };
      });
      const insertedIds = docs.map((d) => d._id);
      const keys = docs.map((d) => idKey(d._id));
      const tx = txOf(call);
      if (tx) {
        docs.forEach((d, i) => {
          if (txm.read(tx, coll, keys[i])) throw duplicateKey(coll.name, '_id_', { _id: d._id });
          txm.write(tx, coll, keys[i], d);
        });
        return { data: { insertedIds } };
      }
      return whenUnlocked(() => {
        if (locked(coll, keys)) return BLOCKED;
        engine.apply([{ coll, changes: docs.map((d, i) => ({ key: keys[i], before: null, after: d })) }]);
        return { data: { insertedIds } };
      });
    },

    'database.modifyDocument': (call) => {
      const p = call.params;
      const coll = engine.get(p.collectionName);
      const query = decode(p.query) as Doc | undefined;
      const data = readData(p.data);
      const merge = p.merge !== false;
      const upsert = p.upsert === true;
      const modifier = merge ? normalizeModifier(data) : undefined;
      const build = (base: Doc) => (modifier ? applyOperators(base, modifier) : applyUpdate(base, data, false));
      const insertDoc = (id: unknown): Doc => (modifier ? applyOperators(upsertSeed(query, id), modifier).doc : { _id: id, ...withoutId(data) });
      const tx = txOf(call);
      if (tx) {
        const id = txDocId(query, 'a where() update');
        const key = idKey(id);
        const base = txm.read(tx, coll, key);
        if (!base) {
          if (!upsert) return { data: { updated: 0 } };
          txm.write(tx, coll, key, insertDoc(id));
          return { data: { updated: 0, upsert_id: id } };
        }
        const outcome = build(base);
        txm.write(tx, coll, key, outcome.doc);
        return { data: { updated: outcome.changed ? 1 : 0 } };
      }
      const match = compileQuery(query);
      const multi = p.multi === true;
      return whenUnlocked(() => {
        const targets = findDocs(candidates(call, coll, query), match, multi ? {} : { limit: 1 });
        if (targets.length === 0 && upsert) {
          const id = pointId(query) ?? newId();
          if (locked(coll, [idKey(id)])) return BLOCKED;
          const doc = insertDoc(id);
          engine.apply([{ coll, changes: [{ key: idKey(doc._id), before: null, after: doc }] }]);
          return { data: { updated: 0, upsert_id: doc._id } };
        }
        const keys = targets.map((d) => idKey(d._id));
        if (locked(coll, keys)) return BLOCKED;
        const changes: Change[] = [];
        targets.forEach((doc, i) => {
          const outcome = build(doc);
          if (outcome.changed) changes.push({ key: keys[i], before: doc, after: outcome.doc });
        });
        engine.apply([{ coll, changes }]);
        return { data: { updated: changes.length } };
      });
    },

    'database.modifyAndReturnDoc': (call) => {
      const p = call.params;
      const coll = engine.get(p.collectionName);
      const query = decode(p.query);
      const modifier = normalizeModifier(readData(p.data));
      const tx = txOf(call);
      if (tx) {
        const key = idKey(txDocId(query, 'a where() update'));
        const base = txm.read(tx, coll, key);
        if (!base) return { data: { updated: 0, doc: null } };
        const outcome = applyOperators(base, modifier);
        txm.write(tx, coll, key, outcome.doc);
        return { data: { updated: outcome.changed ? 1 : 0, doc: toWire(outcome.doc) } };
      }
      const match = compileQuery(query);
      return whenUnlocked(() => {
        const [target] = findDocs(candidates(call, coll, query), match, { limit: 1 });
        if (!target) return { data: { updated: 0, doc: null } };
        const key = idKey(target._id);
        if (locked(coll, [key])) return BLOCKED;
        const outcome = applyOperators(target, modifier);
        if (outcome.changed) engine.apply([{ coll, changes: [{ key, before: target, after: outcome.doc }] }]);
        return { data: { updated: outcome.changed ? 1 : 0, doc: toWire(outcome.doc) } };
      });
    },

    'database.removeDocument': (call) => {
      const p = call.params;
      const coll = engine.get(p.collectionName);
      const query = decode(p.query);
      const tx = txOf(call);
      if (tx) {
        const key = idKey(txDocId(query, 'a where() remove'));
        if (!txm.read(tx, coll, key)) return { data: { deleted: 0 } };
        txm.write(tx, coll, key, null);
        return { data: { deleted: 1 } };
      }
      const match = compileQuery(query);
      const multi = p.multi !== false;
      return whenUnlocked(() => {
        const targets = findDocs(candidates(call, coll, query), match, multi ? {} : { limit: 1 });
        const keys = targets.map((d) => idKey(d._id));
        if (locked(coll, keys)) return BLOCKED;
        engine.apply([{ coll, changes: targets.map((doc, i) => ({ key: keys[i], before: doc, after: null })) }]);
        return { data: { deleted: targets.length } };
      });
    },

    'database.aggregateDocuments': (call) => ({
      data: { list: checkedList(runAggregate(engine, call.params.collectionName, call.params.stages, now, (coll, query, window) => candidates(call, coll, query, window?.order, window && { need: window.need, match: compileQuery(query) }))) },
    }),

    'database.addCollection': (call) => {
      const name = call.params.collectionName;
      if (typeof name !== 'string' || !name) throw invalidParam('collectionName must be a non-empty string');
      engine.create(name, true);
      return {};
    },

    'database.startTransaction': () => ({ transactionId: txm.start().id }),
    'database.commitTransaction': (call) => {
      txm.commit(call.params.transactionId);
      return {};
    },
    'database.abortTransaction': (call) => {
      txm.abort(call.params.transactionId);
      return {};
    },
  };
  return { ...actions, ...legacyTransactionActions(parts) };
}

/**
 * The older transaction protocol (@cloudbase/database src/transaction.ts, not used by wx-server-sdk
 * 4.0.2 but still in the package): `{_id}` instead of a query, values as EJSON strings at top level.
 */
function legacyTransactionActions({ engine, txm, now }: StoreParts): ActionMap {
  return {
    'database.getInTransaction': (call) => {
      const p = call.params;
      const tx = txm.get(p.transactionId);
      const doc = txm.read(tx, engine.get(p.collectionName), idKey(p._id));
      return { data: doc ? toWire(doc) : 'null' };
    },
    'database.updateDocInTransaction': (call) => {
      const p = call.params;
      const tx = txm.get(p.transactionId);
      const coll = engine.get(p.collectionName);
      const key = idKey(p._id);
      const data = decodeParam(p.data, now) as Doc;
      const base = txm.read(tx, coll, key);
      const upsert = p.upsert === true;
      if (!base) {
        if (!upsert) return { updated: '0' };
        txm.write(tx, coll, key, { ...data, _id: p._id });
        return { updated: '0', upserted: JSON.stringify([{ _id: p._id }]) };
      }
      const outcome = upsert ? applyUpdate(base, data, false) : applyOperators(base, normalizeModifier(data));
      txm.write(tx, coll, key, outcome.doc);
      return { updated: outcome.changed ? '1' : '0' };
    },
    'database.deleteDocInTransaction': (call) => {
      const p = call.params;
      const tx = txm.get(p.transactionId);
      const coll = engine.get(p.collectionName);
      const key = idKey(p._id);
      if (!txm.read(tx, coll, key)) return { deleted: '0' };
      txm.write(tx, coll, key, null);
      return { deleted: '1' };
    },
  };
}
