// Field schemas shared by the request contracts. Money is integer fen (non-negative safe integers;
// fractional, negative and string amounts are rejected, never coerced); strings are trimmed and
// length-limited; ids are shape-checked; arrays are bounded; enums are exact.
import * as v from 'valibot';
import { CLIENT_PLATFORMS, MAX_AUTO_COMPLETE_DAYS, MAX_DOWNLOAD_LIMIT, MAX_PICKUP_HOLD_HOURS, MAX_UNPAID_PER_BUYER, MAX_UNPAID_TIMEOUT_MINUTES, MIN_UNPAID_TIMEOUT_MINUTES } from '../checkout';
import { ID_PATTERN, OPENID_PATTERN, REQUEST_ID_PATTERN, SHOP_CODE_PATTERN } from '../ids';
import { MAX_GRANT_DAYS } from '../membership';
import { MAX_ORDER_TOTAL_FEN, MAX_PRICE_FEN, type Fen } from '../money';
import { DELIVERY_METHODS, ORDER_STATUSES } from '../order-state';
import { MAX_CART_LINES, MAX_QUANTITY } from '../pricing';
import { CARD_PAGE, OWNER_LIST_PAGE } from './views';

export const LIMITS = {
  name: 40,
  description: 2000,
  note: 200,
  reason: 200,
  address: 200,
  fileName: 100,
  photos: 9,
  cartLines: MAX_CART_LINES,
  bulkIds: 100,
  reorderIds: 500,
  pageSize: 50,
  maxOffset: 10_000,
  maxStock: 1_000_000,
  maxSort: 1_000_000,
  maxLineNo: MAX_CART_LINES,
} as const;

export const TAG_PATTERN = /^[\p{L}\p{N}_-]{1,20}$/u;
/** WeChat Pay merchant numbers are digits (String(32) in docs/wechat-contracts.md §3.2). */
export const SUB_MCH_ID_PATTERN = /^\d{6,32}$/;
export const FILE_ID_PATTERN = /^cloud:\/\/\S{1,500}$/;
export const PHONE_PATTERN = /^[0-9+\- ]{5,20}$/;
export const TRACKING_NO_PATTERN = /^[A-Za-z0-9-]{4,40}$/;

const int = (min: number, max: number) => v.pipe(v.number(), v.safeInteger(), v.minValue(min), v.maxValue(max));

export const id = v.pipe(v.string(), v.regex(ID_PATTERN, 'invalid id'));
export const openid = v.pipe(v.string(), v.regex(OPENID_PATTERN, 'invalid openid'));
export const requestId = v.pipe(v.string(), v.regex(REQUEST_ID_PATTERN, 'request id must be 8-64 characters of [A-Za-z0-9_-]'));
export const shopCode = v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(SHOP_CODE_PATTERN, 'invalid shop code'));
export const tag = v.pipe(v.string(), v.trim(), v.regex(TAG_PATTERN, 'tag must be 1-20 letters, digits, _ or -'));
export const subMchId = v.pipe(v.string(), v.trim(), v.regex(SUB_MCH_ID_PATTERN, 'merchant id must be digits'));
export const fileId = v.pipe(v.string(), v.regex(FILE_ID_PATTERN, 'expected a cloud:// fileID'));
export const phone = v.pipe(v.string(), v.trim(), v.regex(PHONE_PATTERN, 'invalid phone number'));
export const trackingNo = v.pipe(v.string(), v.trim(), v.regex(TRACKING_NO_PATTERN, 'invalid tracking number'));

/** Required text: trimmed, 1..max characters. */
export const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max));
/** Optional text: trimmed, 0..max characters, '' when absent. */
export const optionalText = (max: number) => v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max)), '');

export const name = text(LIMITS.name);

const toFen = v.transform((n: number) => n as Fen);
/** Any amount of money: 0..MAX_SAFE_INTEGER fen. */
export const fen = v.pipe(v.number(), v.safeInteger('amount must be an integer number of fen'), v.minValue(0), toFen);
/** A unit price: 1 fen..¥100,000. Zero prices are not allowed (Cloud Pay cannot take 0). */
export const price = v.pipe(v.number(), v.safeInteger('price must be an integer number of fen'), v.minValue(1), v.maxValue(MAX_PRICE_FEN), toFen);
/** A delivery fee: 0..¥100,000. */
export const fee = v.pipe(v.number(), v.safeInteger('fee must be an integer number of fen'), v.minValue(0), v.maxValue(MAX_PRICE_FEN), toFen);
export const refundAmount = v.pipe(v.number(), v.safeInteger('amount must be an integer number of fen'), v.minValue(1), v.maxValue(MAX_ORDER_TOTAL_FEN), toFen);

export const quantity = int(1, MAX_QUANTITY);
export const lineNo = int(1, LIMITS.maxLineNo);
export const stock = int(0, LIMITS.maxStock);
export const sort = int(0, LIMITS.maxSort);
export const grantDays = int(1, MAX_GRANT_DAYS);
export const downloadLimit = int(1, MAX_DOWNLOAD_LIMIT);
export const unpaidTimeoutMinutes = int(MIN_UNPAID_TIMEOUT_MINUTES, MAX_UNPAID_TIMEOUT_MINUTES);
export const maxUnpaidPerBuyer = int(1, MAX_UNPAID_PER_BUYER);
export const pickupHoldHours = int(1, MAX_PICKUP_HOLD_HOURS);
export const autoCompleteDays = int(1, MAX_AUTO_COMPLETE_DAYS);

export const deliveryMethod = v.picklist(DELIVERY_METHODS);
export const orderStatus = v.picklist(ORDER_STATUSES);
export const clientPlatform = v.optional(v.nullable(v.picklist(CLIENT_PLATFORMS)), null);

export const photos = v.optional(v.pipe(v.array(fileId), v.maxLength(LIMITS.photos)), []);

/** Distinct ids, 1..max of them. */
export const idList = (max: number) =>
  v.pipe(v.array(id), v.minLength(1), v.maxLength(max), v.check((ids) => new Set(ids).size === ids.length, 'ids must be distinct'));

export const paging = {
  offset: v.optional(int(0, LIMITS.maxOffset), 0),
  limit: v.optional(int(1, LIMITS.pageSize), 20),
};

/** Pages of product cards: at most CARD_PAGE (views.ts). */
export const cardPaging = {
  offset: paging.offset,
  limit: v.optional(int(1, CARD_PAGE), CARD_PAGE),
};

/** Pages of the owner's product list: at most OWNER_LIST_PAGE (views.ts). */
export const ownerProductPaging = {
  offset: paging.offset,
  limit: v.optional(int(1, OWNER_LIST_PAGE), OWNER_LIST_PAGE),
};

/** A SKU id: option value ids joined (core/options.ts). */
export const skuId = v.pipe(v.string(), v.regex(/^(v\d{1,6}){1,3}$/, 'invalid sku id'));

export const cartLines = v.pipe(
  v.array(v.strictObject({ productId: id, skuId: v.optional(v.nullable(skuId), null), quantity })),
  v.minLength(1, 'the cart is empty'),
  v.maxLength(LIMITS.cartLines),
);

/**
 * WeChat's chooseAddress result. Extra keys it returns (errMsg, nationalCode, streetName…) are dropped
 * rather than rejected, so the client can pass the result as it is.
 */
export const address = v.object({
  userName: name,
  telNumber: phone,
  provinceName: text(LIMITS.name),
  cityName: text(LIMITS.name),
  countyName: optionalText(LIMITS.name),
  detailInfo: text(LIMITS.address),
  postalCode: optionalText(10),
});

const feeOption = v.strictObject({
  enabled: v.boolean(),
  fee,
  freeFrom: v.optional(v.nullable(price), null),
  note: optionalText(LIMITS.note),
});

export const deliverySettings = v.pipe(
  v.strictObject({
    pickup: v.strictObject({ enabled: v.boolean(), address: optionalText(LIMITS.address), note: optionalText(LIMITS.note) }),
    local: feeOption,
    express: feeOption,
  }),
  v.check((d) => d.pickup.enabled || d.local.enabled || d.express.enabled, 'at least one delivery method must be enabled'),
);

export const membershipPlan = v.variant('lifetime', [
  v.strictObject({ tag, lifetime: v.literal(false), days: grantDays }),
  v.strictObject({ tag, lifetime: v.literal(true), days: v.optional(v.null(), null) }),
]);

export const digitalFile = v.strictObject({
  fileID: fileId,
  fileName: text(LIMITS.fileName),
  downloadLimit: v.optional(downloadLimit, 5),
});

export const emptyPayload = v.strictObject({});
