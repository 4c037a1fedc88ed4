// The right to download a bought digital file (docs/product.md §14): one entitlement per digital line,
// `_id` = entitlementId(orderId, lineNo), so creating it again (a duplicate notify, docs/wechat-contracts.md §7.1) fails as a
// duplicate key and changes nothing (§2.12).
import { COLLECTIONS } from '../../core/collections';
import { entitlementId } from '../../core/ids';
import type { EntitlementDoc, OrderDoc } from '../../core/model';
import { updatedCount } from './db';
import { insertOnce } from './insert-once';
import type { Database } from '../wechat/sdk';

/** Idempotent: creates the entitlements of a paid order's digital lines. */
export async function createEntitlements(db: Database, order: OrderDoc, now: number): Promise<void> {
  for (const line of order.lines) {
    if (line.kind !== 'digital' || !line.digital) continue;
    const doc: EntitlementDoc = {
      _id: entitlementId(order._id, line.lineNo),
      orderId: order._id,
      lineNo: line.lineNo,
      shopId: order.shopId,
      buyerOpenid: order.buyerOpenid,
      productId: line.productId,
      fileID: line.digital.fileID,
      fileName: line.digital.fileName,
      version: line.digital.version,
      // The limit is per purchase: two copies bought, twice the downloads.
      downloadLimit: line.digital.downloadLimit * Math.max(1, line.quantity),
      downloads: 0,
      lastDownloadAt: null,
      revokedAt: null,
      createdAt: now,
    };
    await insertOnce(db, COLLECTIONS.entitlements, doc);
  }
}

/** A refund gave back these digital lines: their downloads stop (idempotent). */
export async function revokeEntitlements(db: Database, order: OrderDoc, lineNos: readonly number[], now: number): Promise<number> {
  let revoked = 0;
  for (const line of order.lines) {
    if (line.kind !== 'digital' || !lineNos.includes(line.lineNo)) continue;
    const res = await db.collection(COLLECTIONS.entitlements)
      .where({ _id: entitlementId(order._id, line.lineNo), revokedAt: null })
      .update({ data: { revokedAt: now } });
    revoked += updatedCount(res);
  }
  return revoked;
}
