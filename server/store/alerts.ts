// The one writer of shop alerts (ShopAlertDoc): things the owner must see that are not an order status —
// a refund WeChat Pay refused, a shipping upload that failed, a late or second payment. One alert per
// subject (`_id` = kind.subject), so a flow that runs again (a retried notify, the sweeper's repair) never
// piles up copies. An event that happens once keeps the owner's "read" mark (`once`); a condition that
// recurs — a refund failing again — comes back unread with the latest message (`refresh`).
import { COLLECTIONS } from '../../core/collections';
import type { ShopAlertDoc, ShopAlertKind } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { insertOnce } from './insert-once';

export interface AlertInput {
  shopId: string;
  kind: ShopAlertKind;
  /** What the alert is about (an outRefundNo, an order id, a transaction id): its identity with the kind. */
  subject: string;
  orderId: string | null;
  message: string;
  at: number;
  /** Default `once`. */
  mode?: 'once' | 'refresh';
  /** Whose action it reports (shown by name); default nobody's. */
  by?: string | null;
}

/** Never throws: an alert is best effort and must not undo the change it reports. */
export async function raiseAlert(db: Database, a: AlertInput): Promise<void> {
  const _id = `${a.kind}.${a.subject}`;
  const doc: ShopAlertDoc = { _id, shopId: a.shopId, kind: a.kind, orderId: a.orderId, message: a.message.slice(0, 500), at: a.at, readAt: null, by: a.by ?? null };
  try {
    if (a.mode === 'refresh') {
      const { _id: id, ...fields } = doc;
      await db.collection(COLLECTIONS.shopAlerts).doc(id).set({ data: fields });
    } else {
      await insertOnce(db, COLLECTIONS.shopAlerts, doc);
    }
  } catch (err) {
    console.error(`[alert] ${_id} not recorded`, err);
  }
}
