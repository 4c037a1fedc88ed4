// Things the owner must see that are not an order status (ShopAlertDoc): a refund WeChat Pay refused, a
// shipping upload that failed, a late payment refunded or re-reserved. One alert per subject (`_id` =
// kind.subject): a refund failing again refreshes its alert instead of piling up copies.
import { COLLECTIONS } from '../../core/collections';
import type { AlertRow, Page } from '../../core/contracts/views';
import type { Payload } from '../../core/contracts/registry';
import { ok, type Result } from '../../core/errors';
import type { ShopAlertDoc, ShopAlertKind } from '../../core/model';
import { alertRow, pageOf } from '../../core/present';
import { docsOf } from '../store/db';
import type { OperationContext } from '../handler';
import type { Database } from '../wechat/sdk';
import { ownedShop } from '../shops/access';

export interface AlertInput {
  shopId: string;
  kind: ShopAlertKind;
  /** What the alert is about (an outRefundNo, an order id): the alert's identity with the kind. */
  subject: string;
  orderId: string | null;
  message: string;
  at: number;
}

/** Upsert (doc.set, §2.12): unread again with the latest message. Never throws — an alert is best effort. */
export async function recordAlert(db: Database, a: AlertInput): Promise<void> {
  const doc: Omit<ShopAlertDoc, '_id'> = { shopId: a.shopId, kind: a.kind, orderId: a.orderId, message: a.message, at: a.at, readAt: null };
  try {
    await db.collection(COLLECTIONS.shopAlerts).doc(`${a.kind}.${a.subject}`).set({ data: doc });
  } catch (err) {
    console.error(`[alert] ${a.kind} ${a.subject} not recorded`, err);
  }
}

export async function alerts(p: Payload<'shopAdmin', 'alerts'>, ctx: OperationContext): Promise<Result<Page<AlertRow>>> {
  const shop = await ownedShop(ctx.db, p.shopId, ctx.openid);
  if (!shop.ok) return shop;
  const rows = docsOf<ShopAlertDoc>(
    await ctx.db.collection(COLLECTIONS.shopAlerts).where({ shopId: p.shopId }).orderBy('at', 'desc').skip(p.offset).limit(p.limit + 1).get(),
  );
  return ok(pageOf(rows.map(alertRow), p.offset, p.limit));
}
