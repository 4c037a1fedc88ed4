// The documents the server stores, one interface per collection, with the field names it writes.
// Conventions:
// - Instants are epoch milliseconds (number), read from the function's clock (the local cloud's virtual
//   clock locally). We do not store db.serverDate() so the pure rules in core/ can compute with them.
// - Money fields are Fen (integer fen). Every field is always present (null rather than missing): a unique
//   index treats a missing field as null (WECHAT-CONTRACTS §2.12), and guards like `where({ status })`
//   must never meet `undefined` (§7.6, undefined keys are dropped).
// - `_id`s that carry an idempotency rule are deterministic (ids.ts), so `add` with the same `_id` fails
//   as a duplicate and acts as a lock (§2.12); the unique indexes in database/collections.json back them up.
import type { Fen } from './money';
import type { Actor, DeliveryMethod, FulfilmentKind, OrderStatus } from './order-state';

export const PRODUCT_KINDS = ['physical', 'membership', 'digital'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const ACCEPT_MODES = ['manual', 'auto'] as const;
export type AcceptMode = (typeof ACCEPT_MODES)[number];

export const PAYMENT_METHODS = ['wechat', 'on_pickup'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

// ---------- shops ----------

export interface PickupOption {
  enabled: boolean;
  /** Where to pick up, shown to the buyer. */
  address: string;
  note: string;
}

export interface FeeDeliveryOption {
  enabled: boolean;
  fee: Fen;
  /** The fee is waived when the subtotal reaches this amount; null: never waived. */
  freeFrom: Fen | null;
  note: string;
}

export interface DeliverySettings {
  pickup: PickupOption;
  local: FeeDeliveryOption;
  express: FeeDeliveryOption;
}

export interface ShopSettings {
  /** WeChat Pay sub-merchant id (Cloud Pay `subMchId`, §3.2); null until the owner binds one. */
  subMchId: string | null;
  delivery: DeliverySettings;
  acceptMode: AcceptMode;
  /** How long an unpaid order holds its stock. Default 15. */
  unpaidTimeoutMinutes: number;
  /** Whether pickup orders may be paid at handover instead of with WeChat Pay. */
  payOnPickup: boolean;
  /** Fulfilled orders complete by themselves after this many days. */
  autoCompleteDays: number;
}

export interface ShopDoc {
  _id: string;
  ownerOpenid: string;
  name: string;
  /** cloud:// fileID or null. */
  logo: string | null;
  phone: string;
  description: string;
  /** Short code for QR scenes (ids.ts newShopCode), unique. */
  code: string;
  settings: ShopSettings;
  createdAt: number;
  updatedAt: number;
}

/**
 * What makes createShop idempotent and its per-owner limit race-free (server/catalogue/create-shop.ts).
 * Two kinds, both inserted in one transaction with the shop, both with deterministic `_id`s so a second
 * insert fails as a duplicate (§2.12):
 * - a slot, `owner.<openid>.<n>` for n in 1..MAX_SHOPS_PER_OWNER: an owner can never hold more shops
 *   than slots, however many createShop calls race;
 * - a request, `request.<openid>.<requestId>`: a double tap or a retry finds it and gets the same shop.
 */
export interface ShopClaimDoc {
  _id: string;
  kind: 'slot' | 'request';
  ownerOpenid: string;
  shopId: string;
  /** 1..max for a slot; null for a request. */
  slot: number | null;
  requestId: string;
  /** The request's fields, to tell a retry from another request sent under the same id. */
  fingerprint: string;
  createdAt: number;
}

// ---------- catalogue ----------

export interface CategoryDoc {
  _id: string;
  shopId: string;
  name: string;
  sort: number;
  createdAt: number;
  updatedAt: number;
}

/** What a membership product grants: tag T for `days`, or for life. Tags are per shop (seed 001). */
export type MembershipPlan =
  | { tag: string; lifetime: false; days: number }
  | { tag: string; lifetime: true; days: null };

export interface DigitalFile {
  fileID: string;
  fileName: string;
  /** Downloads allowed per purchase. Default 5. */
  downloadLimit: number;
  /** Bumped when the owner uploads a new file; buyers of older versions are told. */
  version: number;
}

/** One value of an option group (颜色: 白色). `id` is the server's (`v<n>`), stable across renames. */
export interface OptionValue {
  id: string;
  name: string;
  /** Only values of the first group may have one (the buyer sees it on the spec sheet). */
  photo: string | null;
}

/** An option group (颜色, 尺码): up to 3 per product, values in the owner's order (core/options.ts). */
export interface ProductOption {
  name: string;
  values: OptionValue[];
}

/**
 * One combination of option values (a SKU), `skus.<skuId>` on its product, skuId = its value ids joined
 * ('v1v4'). Its units are its own bucket: stock + reserved + sold is constant except for the owner's
 * stock edits, and `holds.<orderId>` guards every move of an order's units exactly as the product-level
 * holds do for a product without options (server/store/stock.ts).
 */
export interface ProductSku {
  /** Value ids, one per group, in group order. */
  values: string[];
  /** '白色 / M', what order lines snapshot. */
  label: string;
  price: Fen;
  memberPrice: Fen | null;
  unlimited: boolean;
  stock: number;
  reserved: number;
  sold: number;
  holds?: Record<string, number>;
  onShelf: boolean;
  /**
   * A value it was made of was removed while it still held or had sold units: it stays (off, hidden from
   * buyers) so those units can still be released, sold or returned. Never-touched SKUs are deleted.
   */
  retired: boolean;
}

export interface ProductDoc {
  _id: string;
  shopId: string;
  kind: ProductKind;
  name: string;
  description: string;
  /** cloud:// fileIDs, first is the cover. */
  photos: string[];
  price: Fen;
  /** Charged instead of `price` while the buyer holds the qualifying tag (pricing.ts). */
  memberPrice: Fen | null;
  /** The tag that qualifies for memberPrice / membersOnly; null: any active membership in this shop. */
  memberTag: string | null;
  membersOnly: boolean;
  unlimited: boolean;
  /** Available units. available + reserved + sold is constant except for the owner's stock edits. */
  stock: number;
  /** Units held by unpaid orders. */
  reserved: number;
  /** Units in paid orders (returned on refund when the goods never left). */
  sold: number;
  /**
   * Units held per unpaid order (`holds.<orderId>`), the sum of which is `reserved`. Every stock move of
   * an order is guarded by its hold, so it happens once (server/store/stock.ts). Absent: none.
   */
  holds?: Record<string, number>;
  /**
   * Option groups (physical products only); empty: a product without options, whose units are the
   * product-level stock / reserved / sold above. With options, buyers buy SKUs and the product-level
   * counters keep only what was held or sold before the options came (price / memberPrice are then the
   * lowest of the SKUs on sale, for lists). Absent on products older than options: none.
   */
  options?: ProductOption[];
  skus?: Record<string, ProductSku>;
  /** The next option value number (`v<n>`): value ids are never reused, so neither are SKU ids. */
  optionSeq?: number;
  onShelf: boolean;
  /** Soft delete: past orders keep their snapshot. */
  deleted: boolean;
  deletedAt: number | null;
  categoryId: string | null;
  sort: number;
  membership: MembershipPlan | null;
  digital: DigitalFile | null;
  createdAt: number;
  updatedAt: number;
}

// ---------- orders ----------

/** WeChat's chooseAddress result, the fields we keep. */
export interface Address {
  userName: string;
  telNumber: string;
  provinceName: string;
  cityName: string;
  countyName: string;
  detailInfo: string;
  postalCode: string;
}

/** One priced line: what a quote computes (pricing.ts QuotedLine) and an order keeps (OrderLine). */
export interface PricedLine {
  lineNo: number;
  productId: string;
  /** The SKU bought (model ProductSku); null for a product without options. */
  skuId: string | null;
  /** Its label at the time ('白色 / M'); null without options. */
  skuLabel: string | null;
  kind: ProductKind;
  name: string;
  cover: string | null;
  quantity: number;
  listPrice: Fen;
  unitPrice: Fen;
  memberPriceApplied: boolean;
  lineTotal: Fen;
  membership: MembershipPlan | null;
}

/** Price snapshot of one line at `place` time; later product edits never change it. */
export interface OrderLine extends PricedLine {
  digital: { fileID: string; fileName: string; downloadLimit: number; version: number } | null;
  /** Marked sold out by the owner (and refunded). */
  soldOut: boolean;
  /** Units and money committed to refunds (pending or done); refund.ts keeps them within the line. */
  refundedQuantity: number;
  refundedFen: Fen;
}

export interface OrderDelivery {
  /** null for virtual-only orders. */
  method: DeliveryMethod | null;
  fee: Fen;
  address: Address | null;
}

/** The `payment` object of unifiedOrder, passed to wx.requestPayment as is (§3.2). */
export interface RequestPaymentParams {
  appId?: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export interface OrderPayment {
  subMchId: string;
  /** null for pay-on-pickup orders. */
  params: RequestPaymentParams | null;
  /** Cloud Pay timeExpire as an instant (before `expiresAt`, checkout.ts). */
  payExpiresAt: number;
  transactionId: string | null;
  /** The last time the server re-queried Cloud Pay for this order (timer reconciliation). */
  lastQueriedAt: number | null;
}

export interface Fulfilment {
  kind: FulfilmentKind;
  at: number;
  carrier: string | null;
  trackingNo: string | null;
  note: string;
  /** Whether the shipping-information upload to WeChat succeeded (PRODUCT.md item 17). */
  shippingUploaded: boolean;
}

export const TIMELINE_EVENTS = [
  'placed', 'paid', 'marked_paid', 'accepted', 'rejected', 'lines_sold_out', 'fulfilled', 'fulfilment_updated',
  'completed', 'cancelled', 'expired', 'refund_started', 'refund_succeeded', 'refund_failed', 'late_payment_reserved',
  'late_payment_refunded', 'digital_updated',
] as const;
export type TimelineEvent = (typeof TIMELINE_EVENTS)[number];

/** Who did what and when (issue 3: "the timeline records who did what and when"). */
export interface TimelineEntry {
  at: number;
  event: TimelineEvent;
  actor: Actor;
  /** The caller's openid for buyer/owner actions; null for system/payment. */
  by: string | null;
  from: OrderStatus | null;
  to: OrderStatus | null;
  note: string | null;
}

/** Where the order's stock is: held, converted to sold, given back (cancel/expiry) or returned (refund). */
export type StockState = 'reserved' | 'sold' | 'released' | 'returned';

/**
 * What an order change still owes, written on the order in the same write as the change and cleared
 * once done. Each is idempotent, so a retried notify, the next request or the sweeper's repair can run
 * them again (server/store/effects.ts; docs/architecture.md §4).
 */
export const ORDER_EFFECTS = [
  'release_stock', 'sell_stock', 'settle_late', 'record_payment', 'grant', 'entitle', 'alert_late', 'refund_second', 'tell_paid',
] as const;
export type OrderEffect = (typeof ORDER_EFFECTS)[number];

/** The payment that made an order paid, as WeChat Pay confirmed it: what `record_payment` writes. */
export interface PaidWith {
  transactionId: string;
  outTradeNo: string;
  totalFee: Fen;
  subMchId: string;
  timeEnd: string;
  payerOpenid: string | null;
  source: PaymentSource;
  outcome: PaymentOutcome;
}

export interface OrderDoc {
  _id: string;
  shopId: string;
  buyerOpenid: string;
  /** The client's checkout request id (checkouts collection). */
  requestId: string;
  status: OrderStatus;
  lines: OrderLine[];
  itemCount: number;
  subtotal: Fen;
  deliveryFee: Fen;
  total: Fen;
  delivery: OrderDelivery;
  note: string;
  paymentMethod: PaymentMethod;
  /** ids.ts outTradeNo(orderId, attempt): always set (pay-on-pickup too) so its unique index never sees null. */
  outTradeNo: string;
  /** Cloud Pay details; null for pay-on-pickup orders. */
  payment: OrderPayment | null;
  /** The buyer's active member tags in this shop when the order was placed. */
  memberTags: string[];
  hasPhysical: boolean;
  hasVirtual: boolean;
  /** The reservation ends here; the timer cancels the order after it. */
  expiresAt: number;
  stockState: StockState;
  /** Effects this order still owes (empty when settled). */
  owed: OrderEffect[];
  /** The payment applied to this order (null until paid through WeChat Pay). */
  paidWith: PaidWith | null;
  /** What WeChat Pay (or the owner, for pay on pickup) received; 0 while unpaid. */
  paidFen: Fen;
  /** Refunds that succeeded. */
  refundedFen: Fen;
  /** Refunds started and not yet succeeded. paidFen − refundedFen − refundPendingFen is still refundable. */
  refundPendingFen: Fen;
  /** The part of the delivery fee committed to refunds. */
  deliveryRefundedFen: Fen;
  /** How many refunds were started: the next refund's sequence (ids.ts refundNo) and the CAS guard of refund.ts. */
  refundCount: number;
  fulfilment: Fulfilment | null;
  cancelReason: string | null;
  rejectReason: string | null;
  timeline: TimelineEntry[];
  createdAt: number;
  updatedAt: number;
  paidAt: number | null;
  acceptedAt: number | null;
  fulfilledAt: number | null;
  completedAt: number | null;
  cancelledAt: number | null;
  refundedAt: number | null;
}

// ---------- payments and refunds ----------

export type PaymentSource = 'notify' | 'query';
export type PaymentOutcome = 'applied' | 'late_reserved' | 'late_refunded' | 'second_refunded';

/** One per WeChat Pay transaction: `_id` is the transactionId, so a second record is impossible. */
export interface PaymentDoc {
  _id: string;
  transactionId: string;
  outTradeNo: string;
  orderId: string;
  shopId: string;
  /** The payer (`subOpenid` of the notify / query, §3.3). */
  payerOpenid: string | null;
  totalFee: Fen;
  subMchId: string;
  /** As WeChat sent it, yyyyMMddHHmmss China time. */
  timeEnd: string;
  paidAt: number;
  source: PaymentSource;
  outcome: PaymentOutcome;
  createdAt: number;
}

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

export interface RefundLine {
  lineNo: number;
  quantity: number;
  amount: Fen;
}

/** `_id` is the outRefundNo (ids.ts refundNo), reused when a failed refund is retried (§3.4). */
export interface RefundDoc {
  _id: string;
  outRefundNo: string;
  orderId: string;
  shopId: string;
  buyerOpenid: string;
  seq: number;
  amount: Fen;
  lines: RefundLine[];
  deliveryFeeRefunded: Fen;
  /** Returns everything that was still refundable: its success makes the order `refunded`. */
  full: boolean;
  reason: string;
  initiatedBy: Actor;
  by: string | null;
  status: RefundStatus;
  /** WeChat's refund id once known. */
  refundId: string | null;
  failReason: string | null;
  attempts: number;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

// ---------- memberships ----------

/** One per (shop, buyer, tag). */
export interface MembershipDoc {
  _id: string;
  shopId: string;
  buyerOpenid: string;
  tag: string;
  /** End of the day-based term (membership.ts). Meaningful even while lifetime is true. */
  expiresAt: number;
  /** Start of the current unbroken day-based term: refunds only take back days granted within it. */
  termStartedAt: number;
  /** Number of unrevoked lifetime grants; lifetime = lifetimeGrants > 0. */
  lifetimeGrants: number;
  lifetime: boolean;
  /** The expiresAt a renewal reminder was last sent for (one reminder per expiry). */
  reminderSentFor: number | null;
  /** When the timer marked the day-based term as run out (sweeper expireMemberships); null while it runs
   *  or after a new grant. The state is still computed on read (membership.ts membershipState). */
  expiredAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type GrantSource =
  | { type: 'order'; orderId: string; lineNo: number }
  | { type: 'gift'; giftId: string; by: string };

/** Keyed by what made it (ids.ts grantKey): a duplicate notify cannot grant twice. */
export interface MembershipGrantDoc {
  _id: string;
  sourceKey: string;
  membershipId: string;
  shopId: string;
  buyerOpenid: string;
  tag: string;
  source: GrantSource;
  days: number | null;
  lifetime: boolean;
  /** The slice of time this grant added (membership.ts); endsAt null for lifetime. */
  startsAt: number;
  endsAt: number | null;
  createdAt: number;
  revokedAt: number | null;
  revokeReason: string | null;
}

// ---------- checkout idempotency, downloads, customers, logs ----------

/** `_id` = checkoutId(buyerOpenid, requestId): the same request id returns the same order. */
export interface CheckoutDoc {
  _id: string;
  buyerOpenid: string;
  requestId: string;
  shopId: string;
  /** checkout.ts cartFingerprint of the place payload: another cart under the same id → IDEMPOTENCY_MISMATCH. */
  fingerprint: string;
  orderId: string;
  /** The units this checkout reserves for `orderId`: what the repair releases if the order was never written. */
  holds: { productId: string; skuId?: string | null; quantity: number }[];
  /** The sweeper found its order written: never looked at again. */
  settled?: boolean;
  createdAt: number;
}

/** The right to download a digital line, `_id` = entitlementId(orderId, lineNo). */
export interface EntitlementDoc {
  _id: string;
  orderId: string;
  lineNo: number;
  shopId: string;
  buyerOpenid: string;
  productId: string;
  fileID: string;
  fileName: string;
  version: number;
  downloadLimit: number;
  downloads: number;
  lastDownloadAt: number | null;
  /** Set when the line is refunded. */
  revokedAt: number | null;
  createdAt: number;
}

/**
 * A buyer who ordered in a shop (the owner gifts memberships to these). Not stored: derived from the shop's
 * orders on read (server/owner-orders/dashboard.ts), since keeping a copy would cost checkout and payNotify
 * a write each. `_id` = customerId(shopId, openid).
 */
export interface CustomerDoc {
  _id: string;
  shopId: string;
  openid: string;
  firstOrderAt: number;
  lastOrderAt: number;
  orderCount: number;
  paidCount: number;
  paidTotal: Fen;
}

export const NOTIFY_VERDICTS = [
  'applied', 'duplicate', 'forged_source', 'invalid', 'not_found', 'not_paid', 'amount_mismatch',
  'merchant_mismatch', 'late_reserved', 'late_refunded', 'refund_succeeded', 'refund_failed', 'transient',
] as const;
export type NotifyVerdict = (typeof NOTIFY_VERDICTS)[number];

/** Every notify is recorded, forged and mismatching ones included (issue 3, payNotify). */
export interface NotifyLogDoc {
  _id: string;
  kind: 'pay' | 'refund';
  /** getWXContext().SOURCE of the invocation. */
  source: string;
  outTradeNo: string | null;
  outRefundNo: string | null;
  transactionId: string | null;
  orderId: string | null;
  verdict: NotifyVerdict;
  detail: string | null;
  /** The event as received, for the record. */
  event: Record<string, unknown>;
  at: number;
}

export type ShopAlertKind = 'late_payment_reserved' | 'late_payment_refunded' | 'refund_failed' | 'shipping_upload_failed';

/** Things the owner must see that are not an order status (e.g. a late payment refunded automatically). */
export interface ShopAlertDoc {
  _id: string;
  shopId: string;
  kind: ShopAlertKind;
  orderId: string | null;
  message: string;
  at: number;
  readAt: number | null;
}
