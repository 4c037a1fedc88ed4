// orders (buyer order operations). The caller is always getWXContext().OPENID: a buyer naming another
// buyer's order gets ORDER_NOT_FOUND, never the order.
import * as v from 'valibot';
import { buyerCouponActions, type BuyerCouponResponses } from './coupons';
import { clientPlatform, emptyPayload, fileId, id, LIMITS, lineNo, optionalText, orderStatus, paging, quantity, refundAmount, text } from './fields';
import type {
  AfterSaleResult, BuyerProfileView, ConfirmPaidResult, DownloadResult, OrderDetailView, OrderSummaryView, Page, RepayResult, StatusResult,
} from './views';

/** A buyer's after-sale photos: at most 6 (微信 chooseMedia count), under buyers/ (storage.ts). */
const afterSalePhotos = v.optional(v.pipe(v.array(fileId), v.maxLength(6)), []);
const afterSaleBase = { orderId: id, reason: text(LIMITS.reason), photos: afterSalePhotos };

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
  /** 申请退款/售后 on a paid order: everything left, some units, or an amount (core/aftersale.ts). */
  requestAfterSale: v.variant('mode', [
    v.strictObject({ ...afterSaleBase, mode: v.literal('full') }),
    v.strictObject({
      ...afterSaleBase,
      mode: v.literal('lines'),
      lines: v.pipe(
        v.array(v.strictObject({ lineNo, quantity })),
        v.minLength(1),
        v.maxLength(LIMITS.cartLines),
        v.check((items) => new Set(items.map((i) => i.lineNo)).size === items.length, 'line numbers must be distinct'),
      ),
    }),
    v.strictObject({ ...afterSaleBase, mode: v.literal('amount'), amount: refundAmount }),
  ]),
  /** The caller's nickname and avatar (WeChat 头像昵称填写). */
  profile: emptyPayload,
  saveProfile: v.strictObject({ nickname: v.pipe(v.string(), v.trim(), v.maxLength(20)), avatar: v.nullable(fileId) }),
  ...buyerCouponActions,
};

export interface OrdersResponses extends BuyerCouponResponses {
  list: Page<OrderSummaryView>;
  detail: OrderDetailView;
  cancel: StatusResult;
  repay: RepayResult;
  confirmPaid: ConfirmPaidResult;
  confirmReceipt: StatusResult;
  download: DownloadResult;
  requestAfterSale: AfterSaleResult;
  profile: BuyerProfileView;
  saveProfile: BuyerProfileView;
}
