// What a successful refund moves besides the order's money: the owner's figures (counters.ts), and a line
// refunded in full gives back its membership days and stops its downloads. The refund's commit records
// `refund_followups` as owed on the order (settle.ts), so these run once the commit is in, again on a
// repeat, and by the sweeper's repair after a crash; each step is idempotent.
import { COLLECTIONS } from '../../../core/collections';
import { linePaidFen } from '../../../core/refund';
import type { OrderDoc, RefundDoc } from '../../../core/model';
import type { Database } from '../../wechat/sdk';
import { docsOf } from '../db';
import { countRefund } from '../counters';
import { revokeEntitlements } from '../entitlements';
import { takeBackOrderGrants } from '../grants';
import { returnCoupon } from '../coupons';

/** Lines this refund's success brought fully back: their grant / entitlement ends. */
function linesFullyBack(order: OrderDoc, refund: RefundDoc): number[] {
  return refund.lines
    .map((r) => order.lines.find((l) => l.lineNo === r.lineNo))
    .filter((l): l is OrderDoc['lines'][number] => l !== undefined && l.refundedFen >= linePaidFen(l))
    .map((l) => l.lineNo);
}

export async function refundFollowups(db: Database, order: OrderDoc, now: number): Promise<void> {
  const succeeded = docsOf<RefundDoc>(await db.collection(COLLECTIONS.refunds)
    .where({ orderId: order._id, status: 'succeeded' }).limit(100).get());
  for (const refund of succeeded) {
    await countRefund(db, order, refund, now);
    if (refund.secondPayment) continue;
    const back = linesFullyBack(order, refund);
    if (back.length > 0) {
      await takeBackOrderGrants(db, order, back, now);
      await revokeEntitlements(db, order, back, now);
    }
  }
  // Everything paid came back: the coupon returns to the buyer while still valid.
  if (order.couponId && order.paidFen > 0 && order.refundedFen >= order.paidFen) await returnCoupon(db, order, now);
}
