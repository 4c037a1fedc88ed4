// The documents the server stores, one interface per collection, with the field names it writes.
// Conventions:
// - Instants are epoch milliseconds (number), read from the function's clock (the local cloud's virtual
//   clock locally). We do not store db.serverDate() so the pure rules in core/ can compute with them.
// - Money fields are Fen (integer fen). Every field is always present (null rather than missing): a unique
//   index treats a missing field as null (docs/wechat-contracts.md §2.12), and guards like `where({ status })`
//   must never meet `undefined` (§7.6, undefined keys are dropped).
// - `_id`s that carry an idempotency rule are deterministic (ids.ts), so `add` with the same `_id` fails
//   as a duplicate and acts as a lock (§2.12); the unique indexes in database/collections.json back them up.
import type { Fen } from './money';
import type { Actor, DeliveryMethod, FulfilmentKind, OrderStatus } from './order-state';
import type { GoodsCategory } from './pay-channels';
import type { StaffRole } from './roles';

export const PRODUCT_KINDS = ['physical', 'membership', 'digital'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const ACCEPT_MODES = ['manual', 'auto'] as const;
export type AcceptMode = (typeof ACCEPT_MODES)[number];

/**
 * How a shop takes WeChat Pay (docs/wechat-contracts.md §3.0, §4): Cloud Pay with its sub-merchant id;
 * APIv3 as a service provider's sub-merchant; or APIv3 as the deployment's own merchant (single shop).
 */
export const PAY_CHANNELS = ['cloudpay', 'v3-partner', 'v3-direct'] as const;
export type PayChannelKind = (typeof PAY_CHANNELS)[number];

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
  /**
   * The merchant paid into: Cloud Pay `subMchId` (§3.2), the v3 sub_mchid, or for v3-direct the
   * deployment's own mchid; null until the owner binds one.
   */
  subMchId: string | null;
  /** Which WeChat Pay channel the shop uses (core/pay-channels.ts); missing on older shops: cloudpay. */
  payChannel: PayChannelKind;
  /** The goods category the shop registered (core/pay-channels.ts GOODS_CATEGORIES); decides whether Cloud Pay is allowed. */
  goodsCategory: GoodsCategory;
  delivery: DeliverySettings;
  acceptMode: AcceptMode;
  /** How long an unpaid order holds its stock. Default 15. */
  unpaidTimeoutMinutes: number;
  /** Whether pickup orders may be paid at handover instead of with WeChat Pay. */
  payOnPickup: boolean;
  /** Fulfilled orders complete by themselves after this many days. */
  autoCompleteDays: number;
  /**
   * How many unpaid orders one buyer may hold in this shop at once: one account cannot hoard the shelf
   * with unpaid reservations. Absent on older shops: the default (core/checkout.ts).
   */
  maxUnpaidPerBuyer?: number;
  /** How long a pay-on-pickup order holds its stock waiting for the buyer. Absent: the default. */
  pickupHoldHours?: number;
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
  /** Pictures (the logo) whose content-security check has not passed yet: not shown to buyers. Absent: none. */
  reviewing?: string[];
  /**
   * Staff who asked for the new-order message (StaffDoc.notifyNewOrders), kept on the shop so a paid order
   * costs no extra read to tell them. Removal or a role without orders takes them off. Absent: none.
   */
  newOrderListeners?: string[];
}

/**
 * One of a buyer's unpaid-order slots in a shop (`_id` = `<shopId>.<openid>.<n>`, n in 1..limit): an
 * unpaid order holds one from `place` until it leaves unpaid, so however many places race, a buyer never
 * holds more unpaid orders than slots (server/store/unpaid-slots.ts).
 */
export interface UnpaidSlotDoc {
  _id: string;
  shopId: string;
  buyerOpenid: string;
  n: number;
  orderId: string;
  createdAt: number;
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
  /**
   * Photos whose content-security check (security.mediaCheckAsync) has not passed yet: kept from buyers
   * until the verdict arrives (server/content-review). Absent: none.
   */
  reviewing?: string[];
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
  /** This line's share of the order's promotions (core/promotions.ts): it paid lineTotal − discountFen. */
  discountFen: Fen;
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
  /** The channel the order was placed on: every later step asks the same one (missing on older orders: cloudpay). */
  channel: PayChannelKind;
  /** The merchant paid into (see ShopSettings.subMchId). */
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
  /** Whether the shipping-information upload to WeChat succeeded (docs/product.md §17). */
  shippingUploaded: boolean;
}

export const TIMELINE_EVENTS = [
  'placed', 'paid', 'marked_paid', 'accepted', 'rejected', 'lines_sold_out', 'fulfilled', 'fulfilment_updated',
  'completed', 'cancelled', 'expired', 'refund_started', 'refund_succeeded', 'refund_failed', 'late_payment_reserved',
  'late_payment_refunded', 'digital_updated', 'aftersale_requested', 'aftersale_approved', 'aftersale_declined',
] as const;
export type TimelineEvent = (typeof TIMELINE_EVENTS)[number];

/** Who did what and when (docs/product.md §3). */
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
 * them again (server/store/effects.ts; docs/architecture.md §3.3).
 */
export const ORDER_EFFECTS = [
  'free_slot', 'count_paid', 'release_stock', 'sell_stock', 'settle_late', 'record_payment', 'grant', 'entitle', 'alert_late', 'refund_followups', 'tell_paid',
  'release_coupon', 'use_coupon',
] as const;
export type OrderEffect = (typeof ORDER_EFFECTS)[number];

/** A payment WeChat Pay confirmed for one of our orders (by its query, never by a notify alone). */
export interface VerifiedPayment {
  transactionId: string;
  outTradeNo: string;
  totalFee: Fen;
  subMchId: string;
  /** yyyyMMddHHmmss China time, as WeChat sent it. */
  timeEnd: string;
  payerOpenid: string | null;
}

/** The payment that made an order paid, and how it was learnt: what `record_payment` writes. */
export interface PaidWith extends VerifiedPayment {
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
  /** What the promotions took off the subtotal; total = subtotal − discount + deliveryFee. */
  discount: Fen;
  /** The 满减 and the coupon applied (core/promotions.ts); null when none. */
  discounts: AppliedDiscounts | null;
  /** The buyer's coupon (a CouponClaimDoc `_id`) this order holds while unpaid and uses once paid. */
  couponId: string | null;
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
  /**
   * When a fulfilled order completes by itself (fulfilledAt + the shop's autoCompleteDays at that moment):
   * the timer reads only what is due, by an index on it. null until fulfilled.
   */
  completeDueAt: number | null;
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

/** `_id` is the outRefundNo (ids.ts refundNo), reused when a failed refund is retried (docs/wechat-contracts.md §3.4). */
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
  /**
   * A refund of a second payment for an already-paid order (absent: a refund of the order's own money):
   * the whole of that other trade goes back, and the order's money is not touched.
   */
  secondPayment?: { outTradeNo: string; transactionId: string; totalFee: Fen } | null;
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
  /** The owner took the membership back (revoke): the buyer reads 已取消, not 已过期. Cleared by a new grant. */
  revokedAt?: number | null;
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
  /** The buyer's coupon this checkout holds for `orderId`: the repair releases it too. */
  couponId?: string | null;
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
  /** Paid minus refunded. */
  paidTotal: Fen;
  /** What has been counted (`counted.o.<orderId>`, `counted.r.<outRefundNo>`): a repeat counts nothing. */
  counted: Record<string, Record<string, 1>>;
}

/**
 * One shard of a shop's figures for one China day (`<shopId>.<day>.<shard>`, shard = a hash of the order
 * id mod SHOP_DAY_SHARDS, so a busy day's payments do not all wait on one document). Written with the
 * order's effects (count_paid) and a refund's success, each exactly once by its marker; the dashboard
 * sums a week of shards instead of reading the week's orders.
 */
export interface ShopDayDoc {
  _id: string;
  shopId: string;
  /** YYYY-MM-DD, China time. */
  day: string;
  shard: number;
  paidOrders: number;
  paidFen: Fen;
  refundedFen: Fen;
  counted: Record<string, Record<string, 1>>;
}

export const NOTIFY_VERDICTS = [
  'applied', 'duplicate', 'forged_source', 'invalid', 'not_found', 'not_paid', 'amount_mismatch',
  'merchant_mismatch', 'late_reserved', 'late_refunded', 'refund_succeeded', 'refund_failed', 'transient',
  // v3 notifies (payNotifyV3): refused before anything is believed (docs/wechat-contracts.md §4.4).
  'bad_signature', 'stale_timestamp', 'unknown_serial', 'bad_ciphertext', 'appid_mismatch',
] as const;
export type NotifyVerdict = (typeof NOTIFY_VERDICTS)[number];

/** Every notify is recorded, forged and mismatching ones included (payNotify). */
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

export type ShopAlertKind =
  | 'late_payment_reserved' | 'late_payment_refunded' | 'refund_failed' | 'shipping_upload_failed' | 'second_payment_refunded' | 'photo_removed'
  | 'aftersale_overdue';

/** Things the owner must see that are not an order status (e.g. a late payment refunded automatically). */
export interface ShopAlertDoc {
  _id: string;
  shopId: string;
  kind: ShopAlertKind;
  orderId: string | null;
  message: string;
  at: number;
  readAt: number | null;
  /** Whose action it reports (openid of the owner or a staff member); null or absent: nobody's. */
  by?: string | null;
}

// ---------- staff ----------

/**
 * A person working in a shop besides its owner. `_id` = roles.ts staffId(shopId, openid). Removal sets
 * `removedAt` (access ends at once: every call reads this document) and keeps the name, so the
 * timeline and alerts still say who did what.
 */
export interface StaffDoc {
  _id: string;
  shopId: string;
  openid: string;
  /** What the owner calls them (小王); shown on the timeline. */
  name: string;
  role: StaffRole;
  /** The largest refund this person may start (店员); 0: none. */
  refundLimit: Fen;
  /** Wants the new-order subscribe message, like the owner. */
  notifyNewOrders: boolean;
  /** The invitation they accepted. */
  inviteCode: string;
  joinedAt: number;
  removedAt: number | null;
  updatedAt: number;
}

/** A one-time invitation: `_id` is the code. Accepting it is a compare-and-set of `usedBy` from null. */
export interface StaffInviteDoc {
  _id: string;
  shopId: string;
  role: StaffRole;
  name: string;
  refundLimit: Fen;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
}

/** A picture sent to security.mediaCheckAsync, `_id` = its trace_id, so the verdict finds what it is about. */
export interface MediaCheckDoc {
  _id: string;
  shopId: string;
  /** The product the photo belongs to, or the shop for its logo. */
  target: 'product' | 'shop';
  targetId: string;
  fileID: string;
  /** Who uploaded it (the check's openid). */
  by: string;
  status: 'pending' | 'pass' | 'review' | 'risky';
  createdAt: number;
  decidedAt: number | null;
}

// ---------- after-sale, buyer profiles, digital update notices ----------

export const AFTER_SALE_STATUSES = ['open', 'approved', 'declined'] as const;
export type AfterSaleStatus = (typeof AFTER_SALE_STATUSES)[number];

/**
 * A buyer's request for a refund on a paid order (申请退款/售后). The owner approves it — the refund then
 * goes through store/refunds/start.ts like any other — or declines it with a reason. `openKey` is the
 * order id while the request is open and the request's own id afterwards: its unique index allows one
 * open request per order however many taps race.
 */
export interface AfterSaleDoc {
  _id: string;
  openKey: string;
  orderId: string;
  shopId: string;
  buyerOpenid: string;
  status: AfterSaleStatus;
  reason: string;
  /** What the buyer asks back: everything still refundable, some units, or an amount. */
  mode: 'full' | 'lines' | 'amount';
  lines: { lineNo: number; quantity: number }[];
  /** The amount asked for, computed by the server when the request was made. */
  amount: Fen;
  /** cloud:// fileIDs of the buyer's photos (under buyers/<openid>/). */
  photos: string[];
  declineReason: string | null;
  /** The refund an approval started (set with the approval, before the refund is asked for). */
  refundSeq: number | null;
  /** The owner let it wait past the deadline: an alert was raised (sweeper escalateAfterSales). */
  escalatedAt: number | null;
  createdAt: number;
  updatedAt: number;
  decidedAt: number | null;
}

/** What a buyer chose to be called (WeChat 头像昵称填写), `_id` = openid. */
export interface BuyerProfileDoc {
  _id: string;
  nickname: string;
  /** cloud:// fileID under buyers/<openid>/, or null. */
  avatar: string | null;
  updatedAt: number;
}

/**
 * The owner replaced a digital file: every buyer holding the product is told once. `_id` =
 * `<productId>.v<version>`; the sweeper walks the product's entitlements in `_id` order from `cursor`.
 */
export interface DigitalUpdateDoc {
  _id: string;
  shopId: string;
  productId: string;
  productName: string;
  version: number;
  fileName: string;
  /** The last entitlement `_id` dealt with; null before the first. */
  cursor: string | null;
  done: boolean;
  told: number;
  createdAt: number;
  updatedAt: number;
}

/** One buyer told about one update, `_id` = `<updateId>.<entitlementId>`: written before the message is sent. */
export interface DigitalNoticeDoc {
  _id: string;
  updateId: string;
  entitlementId: string;
  orderId: string;
  buyerOpenid: string;
  /** The subscribe message was handed to WeChat (true), refused (false: not subscribed), or not yet tried (null). */
  sent: boolean | null;
  /**
   * When a runner took the message on: the runner that wrote the notice sends it; another runner (a timer
   * tick overlapping a manual run) sends only a message left unsent past a lease, after claiming it.
   */
  sendingAt?: number | null;
  createdAt: number;
}

// ---------- promotions (core/promotions.ts) ----------

/** Which products a promotion counts: the whole shop, some products, or the products of some categories. */
export type PromotionScope =
  | { kind: 'shop' }
  | { kind: 'products'; productIds: string[] }
  | { kind: 'categories'; categoryIds: string[] };

export interface PromotionTier {
  /** Spend at least this (on the products in scope, after member prices)… */
  threshold: Fen;
  /** …and this comes off. */
  off: Fen;
}

export type PromotionStatus = 'active' | 'stopped';

/** 满减: automatic, the highest tier reached applies. */
export interface ActivityDoc {
  _id: string;
  shopId: string;
  name: string;
  tiers: PromotionTier[];
  membersOnly: boolean;
  scope: PromotionScope;
  startsAt: number;
  endsAt: number;
  status: PromotionStatus;
  createdAt: number;
  updatedAt: number;
}

/** A fixed amount off a threshold, or a percentage off with a cap. */
export type CouponBenefit =
  | { kind: 'amount'; off: Fen; threshold: Fen }
  | { kind: 'percent'; percentOff: number; maxOff: Fen | null; threshold: Fen };

export type CouponValidity = { kind: 'dates'; from: number; until: number } | { kind: 'days'; days: number };

export interface CouponDoc {
  _id: string;
  shopId: string;
  name: string;
  benefit: CouponBenefit;
  validity: CouponValidity;
  /** Total that may ever be claimed; `issued` counts claims (a guarded counter: never past `quantity`). */
  quantity: number;
  issued: number;
  perBuyer: number;
  membersOnly: boolean;
  scope: PromotionScope;
  /** Shown on the shop and product pages for anyone to claim; otherwise only by its code or share card. */
  public: boolean;
  /** The code a buyer types (or a share card carries) to claim it. */
  code: string;
  status: PromotionStatus;
  createdAt: number;
  updatedAt: number;
}

/** One coupon in a buyer's hands, `_id` = `<couponId>.<openid>.<k>` (k ≤ perBuyer: insert-once). */
export interface CouponClaimDoc {
  _id: string;
  couponId: string;
  shopId: string;
  buyerOpenid: string;
  k: number;
  /** A copy of the coupon's terms at claim time, with its own validity window. */
  name: string;
  benefit: CouponBenefit;
  scope: PromotionScope;
  membersOnly: boolean;
  validFrom: number;
  validUntil: number;
  /** The unpaid order holding it (store/coupons.ts holdCoupon), or null. */
  heldBy: string | null;
  /** The paid order that used it, or null. */
  usedBy: string | null;
  usedAt: number | null;
  /** What the order that used it paid (the owner's revenue per coupon). */
  usedFen: Fen;
  claimedAt: number;
}

/** What a quote applied: the 满减, the coupon, and together. */
export interface AppliedDiscounts {
  activityId: string | null;
  activityName: string | null;
  activityOff: Fen;
  couponId: string | null;
  couponName: string | null;
  couponOff: Fen;
  total: Fen;
}
