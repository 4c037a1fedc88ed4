// Update semantics (docs/wechat-contracts.md §2.5, §2.6). `merge: true` (update) applies MongoDB update operators with
// mingo's updater — $set $unset $inc $mul $min $max $rename $bit $push($each/$position/$sort/$slice)
// $pop $addToSet $pull $pullAll, including MongoDB's same-path conflict errors. `merge: false`
// (doc.set) replaces the whole document. What we add: top-level plain fields in an update mean
// $set (a raw caller may send them), `_.addToSet({each})` (the SDK sends `{each: [...]}`, not
// `$each`) becomes `$each`, and `_id` stays immutable.
import { update as mingoUpdate } from 'mingo';
import type { Doc } from './ejson';
import { requestFailed } from './errors';
import { evaluatorError, mingoOptions } from './query';

const OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$bit', '$push', '$pop', '$addToSet', '$pull',
  '$pullAll', '$currentDate',
]);

function isPlainObject(v: unknown): v is Doc {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !Buffer.isBuffer(v);
}

/** The SDK's wire form → a MongoDB modifier mingo accepts. */
export function normalizeModifier(data: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(data)) {
    if (k.startsWith('$')) {
      if (!OPERATORS.has(k)) throw requestFailed(`Unknown modifier: ${k}. Expected a valid update modifier or pipeline-style update specified as an array`);
      if (!isPlainObject(v)) throw requestFailed(`Modifiers operate on fields but we found type ${typeof v} instead: {${k}: ${JSON.stringify(v)}}`);
      out[k] = { ...(out[k] as Doc | undefined), ...v };
    } else {
      out.$set = { ...(out.$set as Doc | undefined), [k]: v };
    }
  }
  const addToSet = out.$addToSet as Doc | undefined;
  if (addToSet) {
    for (const [path, v] of Object.entries(addToSet)) {
      if (isPlainObject(v) && Object.keys(v).length === 1 && Array.isArray(v.each)) addToSet[path] = { $each: v.each };
    }
  }
  for (const [op, fields] of Object.entries(out)) {
    for (const path of Object.keys(fields as Doc)) {
      const target = op === '$rename' ? String((fields as Doc)[path]) : '';
      if (path === '_id' || path.startsWith('_id.') || target === '_id') {
        throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
      }
    }
  }
  return out;
}

function bsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/**
 * mingo silently skips an operator whose target has the wrong type (`$inc` on a string, `$push` on a
 * number, `$set` through a scalar); MongoDB — and so the real service — rejects the whole update.
 * We check first, with MongoDB's messages.
 */
function checkTargets(doc: Doc, modifier: Doc): void {
  const id = JSON.stringify(doc._id);
  for (const [op, fields] of Object.entries(modifier)) {
    if (op === '$unset' || op === '$rename') continue;
    for (const path of Object.keys(fields as Doc)) {
      if (path.includes('$')) continue;
      const parts = path.split('.');
      let cur: unknown = doc;
      let parentName = '';
      for (const part of parts) {
        if (cur === undefined) break;
        if (isPlainObject(cur)) {
          cur = cur[part];
        } else if (Array.isArray(cur) && /^\d+$/.test(part)) {
          cur = cur[Number(part)];
        } else {
          throw requestFailed(`Cannot create field '${part}' in element {${parentName}: ${JSON.stringify(cur)}}`);
        }
        parentName = part;
      }
      if (cur === undefined) continue;
      const last = parts[parts.length - 1];
      const type = bsonType(cur);
      if ((op === '$inc' || op === '$mul') && typeof cur !== 'number') {
        throw requestFailed(`Cannot apply ${op} to a value of non-numeric type. {_id: ${id}} has the field '${last}' of non-numeric type ${type}`);
      }
      if ((op === '$push' || op === '$addToSet') && !Array.isArray(cur)) {
        throw requestFailed(`The field '${last}' must be an array but is of type ${type} in document {_id: ${id}}`);
      }
      if (op === '$pop' && !Array.isArray(cur)) throw requestFailed(`Path '${path}' contains an element of non-array type '${type}'`);
      if ((op === '$pull' || op === '$pullAll') && !Array.isArray(cur)) throw requestFailed(`Cannot apply ${op} to a non-array value`);
      if (op === '$bit' && !Number.isInteger(cur)) {
        throw requestFailed(`Cannot apply $bit to a value of non-integral type.{_id: ${id}} has the field ${last} of non-integer type ${type}`);
      }
    }
  }
}

export interface UpdateOutcome {
  doc: Doc;
  changed: boolean;
}

/** Apply `$`-operators to a copy of `doc` (the cached original is never touched). */
export function applyOperators(doc: Doc, modifier: Doc): UpdateOutcome {
  checkTargets(doc, modifier);
  const copy = structuredClone(doc);
  try {
    const changed = mingoUpdate(copy, modifier as Parameters<typeof mingoUpdate>[1], undefined, undefined, {
      cloneMode: 'deep',
      queryOptions: mingoOptions(),
    });
    return { doc: copy, changed: changed.length > 0 };
  } catch (err) {
    throw evaluatorError(err);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (a instanceof RegExp || b instanceof RegExp) return String(a) === String(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(a[k], b[k]));
  }
  return Object.is(a, b) || a === b;
}

/** doc.set (§2.5): the new document is `data` with the same `_id`. */
export function replaceDocument(doc: Doc, data: Doc): UpdateOutcome {
  if ('_id' in data && !sameValue(data._id, doc._id)) {
    throw requestFailed("After applying the update, the (immutable) field '_id' was found to have been altered");
  }
  const { _id: _ignored, ...rest } = data;
  const next: Doc = { _id: doc._id, ...rest };
  return { doc: next, changed: !sameValue(doc, next) };
}

/** Apply `data` the way modifyDocument's `merge` flag says. */
export function applyUpdate(doc: Doc, data: Doc, merge: boolean): UpdateOutcome {
  return merge ? applyOperators(doc, normalizeModifier(data)) : replaceDocument(doc, data);
}

/** The document an upsert starts from: `_id` and the plain equality fields of the query (MongoDB). */
export function upsertSeed(query: Doc | undefined, id: unknown): Doc {
  const seed: Doc = { _id: id };
  for (const [k, v] of Object.entries(query ?? {})) {
    if (k === '_id' || k.startsWith('$') || k.includes('.')) continue;
    if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) continue;
    seed[k] = v;
  }
  return seed;
}
