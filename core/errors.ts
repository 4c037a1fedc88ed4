// Expected business outcomes are values with stable codes (docs/style.md §5): the functions return
// `{ ok: false, code, message }`, the mini-program shows `message` (or its own text for `code`).
// Bugs and infrastructure failures are thrown instead and logged; the handler maps them to INTERNAL_ERROR.
// Codes never change once shipped: the client and the integration tests match on them.

export const ErrorCode = {
  // request shape and routing
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN_SOURCE: 'FORBIDDEN_SOURCE',
  NOT_FOUND: 'NOT_FOUND',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  // shops and catalogue
  NOT_SHOP_OWNER: 'NOT_SHOP_OWNER',
  SHOP_NOT_FOUND: 'SHOP_NOT_FOUND',
  SHOP_LIMIT: 'SHOP_LIMIT',
  CATEGORY_NOT_FOUND: 'CATEGORY_NOT_FOUND',
  PRODUCT_NOT_FOUND: 'PRODUCT_NOT_FOUND',
  PRODUCT_UNAVAILABLE: 'PRODUCT_UNAVAILABLE',
  OFF_SHELF: 'OFF_SHELF',
  MEMBERS_ONLY: 'MEMBERS_ONLY',
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  TOO_MANY_UNPAID: 'TOO_MANY_UNPAID',
  SKU_REQUIRED: 'SKU_REQUIRED',
  SKU_NOT_FOUND: 'SKU_NOT_FOUND',
  QUANTITY_LIMIT: 'QUANTITY_LIMIT',
  FILE_NOT_IN_SHOP: 'FILE_NOT_IN_SHOP',
  FORBIDDEN_ROLE: 'FORBIDDEN_ROLE',
  CONTENT_RISKY: 'CONTENT_RISKY',
  CONTENT_CHECK_UNAVAILABLE: 'CONTENT_CHECK_UNAVAILABLE',
  // staff
  INVITE_NOT_FOUND: 'INVITE_NOT_FOUND',
  INVITE_USED: 'INVITE_USED',
  INVITE_EXPIRED: 'INVITE_EXPIRED',
  INVITE_OWN_SHOP: 'INVITE_OWN_SHOP',
  STAFF_NOT_FOUND: 'STAFF_NOT_FOUND',
  STAFF_LIMIT: 'STAFF_LIMIT',
  STAFF_REFUND_LIMIT: 'STAFF_REFUND_LIMIT',
  // checkout
  CART_EMPTY: 'CART_EMPTY',
  DELIVERY_NOT_AVAILABLE: 'DELIVERY_NOT_AVAILABLE',
  ADDRESS_REQUIRED: 'ADDRESS_REQUIRED',
  PAY_ON_PICKUP_NOT_ALLOWED: 'PAY_ON_PICKUP_NOT_ALLOWED',
  VIRTUAL_GOODS_IOS: 'VIRTUAL_GOODS_IOS',
  ORDER_TOTAL_TOO_LARGE: 'ORDER_TOTAL_TOO_LARGE',
  IDEMPOTENCY_MISMATCH: 'IDEMPOTENCY_MISMATCH',
  MERCHANT_NOT_CONFIGURED: 'MERCHANT_NOT_CONFIGURED',
  CLOUD_PAY_NOT_ALLOWED: 'CLOUD_PAY_NOT_ALLOWED',
  // orders and payment
  ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
  ORDER_NOT_PAYABLE: 'ORDER_NOT_PAYABLE',
  ORDER_EXPIRED: 'ORDER_EXPIRED',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  LINE_NOT_FOUND: 'LINE_NOT_FOUND',
  PAYMENT_PENDING: 'PAYMENT_PENDING',
  PAYMENT_FAILED: 'PAYMENT_FAILED',
  AMOUNT_MISMATCH: 'AMOUNT_MISMATCH',
  MERCHANT_MISMATCH: 'MERCHANT_MISMATCH',
  // refunds
  REFUND_EXCEEDS_PAID: 'REFUND_EXCEEDS_PAID',
  NOTHING_TO_REFUND: 'NOTHING_TO_REFUND',
  REFUND_LIMIT: 'REFUND_LIMIT',
  REFUND_NOT_FOUND: 'REFUND_NOT_FOUND',
  REFUND_FAILED: 'REFUND_FAILED',
  // memberships and downloads
  MEMBERSHIP_NOT_FOUND: 'MEMBERSHIP_NOT_FOUND',
  GRANT_NOT_FOUND: 'GRANT_NOT_FOUND',
  CUSTOMER_NOT_FOUND: 'CUSTOMER_NOT_FOUND',
  DOWNLOAD_LIMIT: 'DOWNLOAD_LIMIT',
  DOWNLOAD_NOT_AVAILABLE: 'DOWNLOAD_NOT_AVAILABLE',
  // after-sale, buyer profiles, catalogue names
  AFTERSALE_OPEN: 'AFTERSALE_OPEN',
  AFTERSALE_NOT_FOUND: 'AFTERSALE_NOT_FOUND',
  REFUND_RUNNING: 'REFUND_RUNNING',
  FILE_NOT_YOURS: 'FILE_NOT_YOURS',
  DUPLICATE_NAME: 'DUPLICATE_NAME',
  // promotions
  COUPON_NOT_FOUND: 'COUPON_NOT_FOUND',
  COUPON_SOLD_OUT: 'COUPON_SOLD_OUT',
  COUPON_LIMIT: 'COUPON_LIMIT',
  COUPON_MEMBERS_ONLY: 'COUPON_MEMBERS_ONLY',
  COUPON_NOT_APPLICABLE: 'COUPON_NOT_APPLICABLE',
  COUPON_IN_USE: 'COUPON_IN_USE',
  PROMOTION_NOT_FOUND: 'PROMOTION_NOT_FOUND',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The one table of Chinese UI messages (docs/style.md §13: UI text in one place so it can be reviewed). */
export const ERROR_MESSAGES: { readonly [C in ErrorCode]: string } = {
  VALIDATION_FAILED: '提交的信息不正确',
  UNKNOWN_ACTION: '不支持的操作',
  UNAUTHENTICATED: '请在微信中打开',
  FORBIDDEN_SOURCE: '来源不合法',
  NOT_FOUND: '内容不存在',
  INTERNAL_ERROR: '服务繁忙，请稍后再试',
  NOT_SHOP_OWNER: '只有店主可以进行此操作',
  SHOP_NOT_FOUND: '店铺不存在',
  SHOP_LIMIT: '可开设的店铺数量已达上限',
  CATEGORY_NOT_FOUND: '分类不存在',
  PRODUCT_NOT_FOUND: '商品不存在',
  PRODUCT_UNAVAILABLE: '商品已删除',
  OFF_SHELF: '商品已下架',
  MEMBERS_ONLY: '该商品仅限会员购买',
  OUT_OF_STOCK: '库存不足',
  TOO_MANY_UNPAID: '你在本店还有未支付的订单，请先支付或取消后再下单',
  SKU_REQUIRED: '请选择规格',
  SKU_NOT_FOUND: '该规格已不存在，请重新选择',
  QUANTITY_LIMIT: '购买数量超出限制',
  FILE_NOT_IN_SHOP: '只能使用本店上传的图片和文件',
  FORBIDDEN_ROLE: '你在本店的角色不能进行此操作，请联系店长',
  CONTENT_RISKY: '内容可能不符合微信平台规范，请修改后再保存',
  CONTENT_CHECK_UNAVAILABLE: '内容安全检查暂时不可用，请稍后再试',
  INVITE_NOT_FOUND: '邀请码不正确，请核对后再试',
  INVITE_USED: '这个邀请已被使用，请让店长重新邀请',
  INVITE_EXPIRED: '邀请已过期（24 小时内有效），请让店长重新邀请',
  INVITE_OWN_SHOP: '你是这家店的店长，无需接受邀请',
  STAFF_NOT_FOUND: '店员不存在或已被移除',
  STAFF_LIMIT: '店员人数已达上限',
  STAFF_REFUND_LIMIT: '退款金额超过店长为你设置的上限',
  CART_EMPTY: '请先选择商品',
  DELIVERY_NOT_AVAILABLE: '店铺不支持所选的配送方式',
  ADDRESS_REQUIRED: '请填写收货地址',
  PAY_ON_PICKUP_NOT_ALLOWED: '该订单不支持到店付款',
  VIRTUAL_GOODS_IOS: '根据微信规定，iOS 设备暂不支持购买虚拟商品',
  ORDER_TOTAL_TOO_LARGE: '订单金额超出上限',
  IDEMPOTENCY_MISMATCH: '重复提交的内容不一致，请刷新后重试',
  MERCHANT_NOT_CONFIGURED: '店铺尚未开通微信支付',
  CLOUD_PAY_NOT_ALLOWED: '本店经营的商品不能使用云支付，店主需在店铺设置中改用微信支付商户',
  ORDER_NOT_FOUND: '订单不存在',
  ORDER_NOT_PAYABLE: '订单当前不能支付',
  ORDER_EXPIRED: '订单已超时，请重新下单',
  INVALID_TRANSITION: '订单状态已变化，请刷新后重试',
  LINE_NOT_FOUND: '订单中没有该商品',
  PAYMENT_PENDING: '尚未收到支付结果，请稍后刷新',
  PAYMENT_FAILED: '支付失败，请重试',
  AMOUNT_MISMATCH: '支付金额与订单不一致',
  MERCHANT_MISMATCH: '收款商户与订单不一致',
  REFUND_EXCEEDS_PAID: '退款金额超过可退金额',
  NOTHING_TO_REFUND: '没有可退的金额',
  REFUND_LIMIT: '该订单的退款次数已达上限',
  REFUND_NOT_FOUND: '退款记录不存在',
  REFUND_FAILED: '退款失败，请稍后重试',
  MEMBERSHIP_NOT_FOUND: '会员记录不存在',
  GRANT_NOT_FOUND: '赠送记录不存在',
  CUSTOMER_NOT_FOUND: '只能赠送给本店的顾客',
  DOWNLOAD_LIMIT: '下载次数已用完',
  DOWNLOAD_NOT_AVAILABLE: '文件暂不可下载',
  AFTERSALE_OPEN: '这个订单已有一个售后申请在处理中',
  AFTERSALE_NOT_FOUND: '售后申请不存在或已处理',
  REFUND_RUNNING: '退款正在处理中，请稍后再申请',
  FILE_NOT_YOURS: '只能使用自己上传的图片',
  DUPLICATE_NAME: '已有同名的分类',
  COUPON_NOT_FOUND: '优惠券不存在或已停止发放',
  COUPON_SOLD_OUT: '优惠券已被领完',
  COUPON_LIMIT: '你已领过这张优惠券',
  COUPON_MEMBERS_ONLY: '这张优惠券仅限会员领取',
  COUPON_NOT_APPLICABLE: '这张优惠券不适用于当前商品',
  COUPON_IN_USE: '这张优惠券正被另一笔待付款订单使用，请刷新后重试',
  PROMOTION_NOT_FOUND: '活动不存在',
};

export type Details = Readonly<Record<string, unknown>>;

export interface Ok<T> {
  readonly ok: true;
  readonly data: T;
}

export interface Failure {
  readonly ok: false;
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Details;
}

/** What every operation returns, and what the mini-program receives (docs/architecture.md §4). */
export type Result<T> = Ok<T> | Failure;

export function ok<T>(data: T): Ok<T>;
export function ok(): Ok<undefined>;
export function ok<T>(data?: T): Ok<T | undefined> {
  return { ok: true, data };
}

/** A failure with the table's message unless a more specific one is given. */
export function fail(code: ErrorCode, details?: Details, message?: string): Failure {
  const failure: { ok: false; code: ErrorCode; message: string; details?: Details } = {
    ok: false,
    code,
    message: message ?? ERROR_MESSAGES[code],
  };
  if (details !== undefined) failure.details = details;
  return failure;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ErrorCode, value);
}

export function isOk<T>(result: Result<T>): result is Ok<T> {
  return result.ok;
}

/** For trusted paths (tests, constants): the data, or a thrown Error naming the code. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.data;
  throw new Error(`${result.code}: ${result.message}${result.details ? ` ${JSON.stringify(result.details)}` : ''}`);
}

export function mapResult<T, U>(result: Result<T>, fn: (data: T) => U): Result<U> {
  return result.ok ? ok(fn(result.data)) : result;
}

/** Chinese message for a code received from the server (the mini-program's one lookup). */
export function messageFor(code: string): string {
  return isErrorCode(code) ? ERROR_MESSAGES[code] : ERROR_MESSAGES.INTERNAL_ERROR;
}
