// orders (buyer order operations). The caller is always getWXContext().OPENID: a buyer naming another
// buyer's order gets ORDER_NOT_FOUND, never the order.
import * as v from 'valibot';
import { clientPlatform, id, LIMITS, lineNo, optionalText, orderStatus, paging } from './fields';
import type { ConfirmPaidResult, DownloadResult, OrderDetailView, OrderSummaryView, Page, RepayResult, StatusResult } from './views';

const orderOnly = v.strictObject({ orderId: id });

export const ordersActions = {
  /** My orders, in all shops or one, optionally by status, newest first. */
  list: v.strictObject({ shopId: v.optional(id), status: v.optional(orderStatus), ...paging }),
  detail: orderOnly,
  /** Cancel an unpaid order: closes the Cloud Pay order first, then releases the stock. */
  cancel: v.strictObject({ orderId: id, reason: optionalText(LIMITS.reason) }),
  /** Pay again before the order expires: the same Cloud Pay order (or a new outTradeNo after a close). */
  repay: v.strictObject({ orderId: id, clientPlatform }),
  /** "I have paid": the server queries Cloud Pay and applies the answer; the client is never trusted. */
  confirmPaid: orderOnly,
  confirmReceipt: orderOnly,
  /** A short-lived link to a bought file; DOWNLOAD_LIMIT after the allowed number. */
  download: v.strictObject({ orderId: id, lineNo }),
};

export interface OrdersResponses {
  list: Page<OrderSummaryView>;
  detail: OrderDetailView;
  cancel: StatusResult;
  repay: RepayResult;
  confirmPaid: ConfirmPaidResult;
  confirmReceipt: StatusResult;
  download: DownloadResult;
}
