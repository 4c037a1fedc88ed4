// Insert-once: the write behind every "exactly once" record keyed by what caused it — a payment by its
// transaction id, a grant by its order line, an alert by its subject, a checkout by its request id. The
// `_id` is deterministic, so a second insert fails with the duplicate-key error (docs/wechat-contracts.md
// §2.12) and that is an answer, not a failure: the record is already there.
import type { Database } from '../wechat/sdk';
import { isDuplicateKey } from './db';

/** true: this call wrote it; false: a document with this `_id` (or unique key) was there already. */
export async function insertOnce(db: Database, collection: string, doc: { _id: string } & Record<string, unknown>): Promise<boolean>;
export async function insertOnce<T extends { _id: string }>(db: Database, collection: string, doc: T): Promise<boolean>;
export async function insertOnce(db: Database, collection: string, doc: { _id: string }): Promise<boolean> {
  try {
    await db.collection(collection).add({ data: { ...doc } });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
