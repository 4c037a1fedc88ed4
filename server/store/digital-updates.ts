// Telling buyers that a bought file was replaced (core/model.ts DigitalUpdateDoc, DigitalNoticeDoc).
// The owner's edit opens an update job (before the product is written, so a crash between the two
// leaves a job waiting for its version rather than a new file nobody hears of); the sweeper works it
// through in batches (server/sweeper/digital-updates.ts). Per buyer, the notice is inserted once —
// keyed by (update, entitlement), in the same transaction as the order's timeline entry — before the
// message is sent, then marked sent. A run killed anywhere is resumed from the job's cursor: a notice
// already there is not written again, and one not yet marked is sent then; no buyer is skipped.
import { COLLECTIONS } from '../../core/collections';
import type { DigitalUpdateDoc, ProductDoc } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { insertOnce } from './insert-once';

export const digitalUpdateId = (productId: string, version: number) => `${productId}.v${version}`;
export const digitalNoticeId = (updateId: string, entitlementId: string) => `${updateId}.${entitlementId}`;

/** Open the job for the version about to be written (idempotent: a retried edit opens the same job). */
export async function openDigitalUpdate(db: Database, product: Pick<ProductDoc, '_id' | 'shopId' | 'name'>, version: number, fileName: string, now: number): Promise<void> {
  const job: DigitalUpdateDoc = {
    _id: digitalUpdateId(product._id, version), shopId: product.shopId, productId: product._id, productName: product.name, version, fileName,
    cursor: null, done: false, told: 0, createdAt: now, updatedAt: now,
  };
  await insertOnce(db, COLLECTIONS.digitalUpdates, job);
}
