// The written records of money moving: one payment document per WeChat Pay transaction (insert-once by
// transaction id) and the notify log, forged and mismatching notifies included.
import { newId } from '../../../core/ids';
import { parsePayTime } from '../../../core/time';
import type {
  NotifyLogDoc, NotifyVerdict, PaymentDoc, PaymentOutcome, PaymentSource,
} from '../../../core/model';
import type { Database } from '../../wechat/sdk';
import { COLLECTIONS } from '../../../core/collections';
import { docOf } from '../db';
import { insertOnce } from '../insert-once';
import { randomInt } from '../../random';
import { boundedEvent, boundedText } from '../../bounded';
import type { VerifiedPayment } from './verify';

/** When WeChat says the buyer paid (timeEnd, China time), or `now` if it said nothing usable. */
export function paidAtOf(payment: VerifiedPayment, now: number): number {
  const t = parsePayTime(payment.timeEnd);
  return t.ok ? t.data : now;
}

/**
 * The payment record, `_id` = transactionId (a second record is impossible, unique index too). A
 * duplicate means another delivery already recorded it: not an error.
 */
export async function recordPayment(
  db: Database, p: { payment: VerifiedPayment; orderId: string; shopId: string; source: PaymentSource; outcome: PaymentOutcome; now: number },
): Promise<boolean> {
  const doc: PaymentDoc = {
    _id: p.payment.transactionId,
    transactionId: p.payment.transactionId,
    outTradeNo: p.payment.outTradeNo,
    orderId: p.orderId,
    shopId: p.shopId,
    payerOpenid: p.payment.payerOpenid,
    totalFee: p.payment.totalFee,
    subMchId: p.payment.subMchId,
    timeEnd: p.payment.timeEnd,
    paidAt: paidAtOf(p.payment, p.now),
    source: p.source,
    outcome: p.outcome,
    createdAt: p.now,
  };
  return insertOnce(db, COLLECTIONS.payments, doc);
}

export async function paymentRecorded(db: Database, transactionId: string): Promise<boolean> {
  return docOf<PaymentDoc>(await db.collection(COLLECTIONS.payments).doc(transactionId).get()) !== null;
}

export interface NotifyRecord {
  kind?: 'pay' | 'refund';
  source: string;
  outTradeNo: string | null;
  outRefundNo?: string | null;
  transactionId: string | null;
  orderId: string | null;
  verdict: NotifyVerdict;
  detail: string | null;
  event: unknown;
  now: number;
}

/** Best effort: a failure to log must not change the answer to WeChat. */
export async function recordNotify(db: Database, r: NotifyRecord): Promise<void> {
  const doc: NotifyLogDoc = {
    _id: newId('N', r.now, randomInt),
    kind: r.kind ?? 'pay',
    source: r.source,
    outTradeNo: r.outTradeNo,
    outRefundNo: r.outRefundNo ?? null,
    transactionId: r.transactionId,
    orderId: r.orderId,
    verdict: r.verdict,
    detail: boundedText(r.detail),
    // Kept for the record, bounded in bytes: a forged event may be as large as the 1 MB invocation limit.
    event: boundedEvent(r.event),
    at: r.now,
  };
  try {
    await db.collection(COLLECTIONS.notifyLog).add({ data: doc });
  } catch (err) {
    console.error('[notify_log] could not record', r.verdict, err);
  }
}
