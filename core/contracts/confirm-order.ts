// confirmOrder (确认订单): `quote` recomputes everything on the server; `place` reserves stock,
// creates the order and the Cloud Pay order. The client sends only ids, quantities and its choices.
import * as v from 'valibot';
import { PAYMENT_METHODS } from '../model';
import { address, cartLines, clientPlatform, deliveryMethod, id, LIMITS, optionalText, requestId } from './fields';
import type { PlaceResult, QuoteView } from './views';
import { couponChoice } from './coupons';

export const confirmOrderActions = {
  quote: v.strictObject({
    shopId: id,
    lines: cartLines,
    /** null or absent while the buyer has not chosen; physical goods need one to place. */
    deliveryMethod: v.optional(v.nullable(deliveryMethod), null),
    /** auto: the best coupon (promotions.ts); none; or one of the buyer's coupons. */
    coupon: v.optional(couponChoice, 'auto'),
    clientPlatform,
  }),
  place: v.strictObject({
    shopId: id,
    /** Idempotency key (docs/style.md §8): a double tap sends the same id and gets the same order. */
    requestId,
    lines: cartLines,
    deliveryMethod: v.optional(v.nullable(deliveryMethod), null),
    address: v.optional(v.nullable(address), null),
    note: optionalText(LIMITS.note),
    paymentMethod: v.optional(v.picklist(PAYMENT_METHODS), 'wechat'),
    /** As quoted: the order is placed with the same coupon the buyer saw, or refused (COUPON_IN_USE). */
    coupon: v.optional(couponChoice, 'auto'),
    /** wx.getDeviceInfo().platform: iOS may not buy virtual goods with ordinary WeChat Pay. */
    clientPlatform,
  }),
};

export interface ConfirmOrderResponses {
  quote: QuoteView;
  place: PlaceResult;
}
