// After-sale requests in the store (core/model.ts AfterSaleDoc, core/aftersale.ts): reading the latest
// one for an order's views, and finishing an approval. An approval is written first (status approved,
// with the refund sequence it will start); the refund then goes through startRefund like every owner
// refund. A crash in between leaves an approved request whose refund is missing: the owner's retry or
// the sweeper (escalateAfterSales) finds it and starts the refund, once — the refund's sequence is
// the guard (startRefund commits only on the refundCount it saw).
import { refundRequestOf } from '../../core/aftersale';
import { COLLECTIONS } from '../../core/collections';
import type { RefundStarted } from '../../core/contracts/views';
import { ok, type Result } from '../../core/errors';
import { formatYuan } from '../../core/money';
import type { AfterSaleDoc, OrderDoc, TimelineEntry } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { docOf, docsOf } from './db';
import { loadOrder } from './orders';
import { startRefund } from './refunds/start';

export async function loadAfterSale(db: Database, afterSaleId: string): Promise<AfterSaleDoc | null> {
  return docOf<AfterSaleDoc>(await db.collection(COLLECTIONS.afterSales).doc(afterSaleId).get());
}

/** The order's latest request (index order_created), or null. */
export async function latestAfterSale(db: Database, orderId: string): Promise<AfterSaleDoc | null> {
  const rows = docsOf<AfterSaleDoc>(await db.collection(COLLECTIONS.afterSales).where({ orderId }).orderBy('createdAt', 'desc').limit(1).get());
  return rows[0] ?? null;
}

/** A timeline entry on the order that changes no status (a request, a decline). */
export function afterSaleEntry(event: TimelineEntry['event'], actor: 'buyer' | 'owner', by: string, at: number, note: string): TimelineEntry {
  return { at, event, actor, by, from: null, to: null, note };
}

export const approvalReason = (a: Pick<AfterSaleDoc, 'reason'>) => `售后退款：${a.reason}`;

/**
 * Start the refund of an approved request if it has not started. The order must still be at the refund
 * count the approval recorded (refundSeq − 1); past it, the refund was started already.
 */
export async function finishApproval(db: Database, a: AfterSaleDoc, by: string | null, now: number): Promise<Result<RefundStarted | null>> {
  if (a.status !== 'approved' || a.refundSeq === null) return ok(null);
  const order: OrderDoc | null = await loadOrder(db, a.orderId);
  if (!order || order.refundCount >= a.refundSeq) return ok(null);
  const ask = refundRequestOf(a);
  return startRefund(db, {
    order,
    ...(ask.mode === 'lines' ? { lines: ask.lines.map((l) => ({ ...l })) } : ask.mode === 'amount' ? { amount: ask.amount } : { full: true }),
    reason: approvalReason(a), actor: 'owner', by, now, event: 'aftersale_approved',
  });
}

export function requestNote(a: Pick<AfterSaleDoc, 'reason' | 'amount'>): string {
  return `${a.reason}（申请退款 ${formatYuan(a.amount)}）`;
}
