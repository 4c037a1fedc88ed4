// shopAdmin, part 2: the owner's orders inbox and order operations, refunds, customers, dashboard.
// Each status change is a compare-and-set on the status the owner saw (order-state.ts); a stale screen
// gets INVALID_TRANSITION.
import * as v from 'valibot';
import { REFUND_NO_PATTERN } from '../ids';
import { ORDER_STATUSES } from '../order-state';
import { id, LIMITS, lineNo, optionalText, paging, quantity, refundAmount, text, trackingNo } from './fields';
import type { AfterSaleResult, AlertRow, CustomerRow, DashboardView, OrderDetailView, OrderSummaryView, Page, RefundStarted, StatusResult } from './views';

const orderRef = { shopId: id, orderId: id };

/** Inbox tabs: a status, or `waiting` (paid + accepted: the owner has something to do). */
export const INBOX_FILTERS = [...ORDER_STATUSES, 'waiting'] as const;


export const ownerOrderActions = {
  inbox: v.strictObject({ shopId: id, status: v.optional(v.picklist(INBOX_FILTERS)), ...paging }),
  orderDetail: v.strictObject(orderRef),
  acceptOrder: v.strictObject(orderRef),
  /** Reject a paid order: a full refund. */
  rejectOrder: v.strictObject({ ...orderRef, reason: text(LIMITS.reason) }),
  /** Refund exactly these lines (every unit left on them); all lines → a full refund. */
  markSoldOut: v.strictObject({
    ...orderRef,
    lineNos: v.pipe(
      v.array(lineNo),
      v.minLength(1),
      v.maxLength(LIMITS.cartLines),
      v.check((ns) => new Set(ns).size === ns.length, 'line numbers must be distinct'),
    ),
    reason: optionalText(LIMITS.reason),
  }),
  /**
   * accepted → fulfilled with the fulfilment kind; on a fulfilled order it updates the sub-state
   * (e.g. ready → shipped). `shipped` needs the carrier and tracking number (shipping-info upload, item 17).
   */
  fulfilOrder: v.variant('kind', [
    v.strictObject({ ...orderRef, kind: v.literal('ready_for_pickup'), note: optionalText(LIMITS.note) }),
    v.strictObject({ ...orderRef, kind: v.literal('out_for_delivery'), note: optionalText(LIMITS.note) }),
    v.strictObject({ ...orderRef, kind: v.literal('shipped'), carrier: text(LIMITS.name), trackingNo, note: optionalText(LIMITS.note) }),
  ]),
  completeOrder: v.strictObject(orderRef),
  /** Pay on pickup: the money was received at handover. */
  markPaid: v.strictObject(orderRef),
  /** Pay on pickup: the buyer never came (unpaid → cancelled, stock released). */
  cancelOrder: v.strictObject({ ...orderRef, reason: text(LIMITS.reason) }),
  /** refund.ts planRefund: everything left, some units of some lines, or an amount. */
  refundOrder: v.variant('mode', [
    v.strictObject({ ...orderRef, reason: text(LIMITS.reason), mode: v.literal('full') }),
    v.strictObject({
      ...orderRef,
      reason: text(LIMITS.reason),
      mode: v.literal('lines'),
      lines: v.pipe(
        v.array(v.strictObject({ lineNo, quantity })),
        v.minLength(1),
        v.maxLength(LIMITS.cartLines),
        v.check((items) => new Set(items.map((i) => i.lineNo)).size === items.length, 'line numbers must be distinct'),
      ),
    }),
    v.strictObject({ ...orderRef, reason: text(LIMITS.reason), mode: v.literal('amount'), amount: refundAmount }),
  ]),
  /** Retry a failed refund with its own outRefundNo (docs/wechat-contracts.md §3.4: reuse it when retrying). */
  retryRefund: v.strictObject({ shopId: id, outRefundNo: v.pipe(v.string(), v.regex(REFUND_NO_PATTERN, 'invalid refund number')) }),
  dashboard: v.strictObject({ shopId: id }),
  /** Buyers who ordered here: the gift chooser. */
  customers: v.strictObject({ shopId: id, ...paging }),
  alerts: v.strictObject({ shopId: id, ...paging }),
  /** Approve a buyer's after-sale request: the refund it asked for starts (store/refunds/start.ts). */
  approveAfterSale: v.strictObject({ ...orderRef, afterSaleId: id }),
  /** Decline it with a reason the buyer reads on the order. */
  declineAfterSale: v.strictObject({ ...orderRef, afterSaleId: id, reason: text(LIMITS.reason) }),
};

export interface OwnerOrderResponses {
  inbox: Page<OrderSummaryView>;
  orderDetail: OrderDetailView;
  acceptOrder: StatusResult;
  rejectOrder: RefundStarted;
  markSoldOut: RefundStarted;
  fulfilOrder: StatusResult;
  completeOrder: StatusResult;
  markPaid: StatusResult;
  cancelOrder: StatusResult;
  refundOrder: RefundStarted;
  retryRefund: RefundStarted;
  dashboard: DashboardView;
  customers: Page<CustomerRow>;
  alerts: Page<AlertRow>;
  approveAfterSale: AfterSaleResult;
  declineAfterSale: AfterSaleResult;
}
