// Every collection and its indexes. database/collections.json is this list, checked in, and drives the
// local cloud's unique indexes and the real deployment (docs/architecture.md §8);
// collections.test.ts fails when the two differ. Limits: ≤ 100 collections per env, ≤ 100 indexes per
// collection (docs/wechat-contracts.md §6, §2.12). Unique fields are always populated (§2.12: a missing field
// indexes as null and only one such document is allowed).
import type {
  ActivityDoc, CouponClaimDoc, CouponDoc,
  AfterSaleDoc, BuyerProfileDoc, CategoryDoc, CheckoutDoc, CustomerDoc, DigitalNoticeDoc, DigitalUpdateDoc, EntitlementDoc, MediaCheckDoc,
  MembershipDoc, MembershipGrantDoc, NotifyLogDoc, OrderDoc, PaymentDoc, ProductDoc, RefundDoc, ShopAlertDoc, ShopClaimDoc, ShopDayDoc,
  ShopDoc, StaffDoc, StaffInviteDoc, UnpaidSlotDoc,
} from './model';

export const COLLECTIONS = {
  shops: 'shops',
  shopClaims: 'shop_claims',
  categories: 'categories',
  products: 'products',
  orders: 'orders',
  payments: 'payments',
  refunds: 'refunds',
  memberships: 'memberships',
  membershipGrants: 'membership_grants',
  checkouts: 'checkouts',
  unpaidSlots: 'unpaid_slots',
  customers: 'customers',
  shopDays: 'shop_days',
  entitlements: 'entitlements',
  notifyLog: 'notify_log',
  shopAlerts: 'shop_alerts',
  staff: 'staff',
  staffInvites: 'staff_invites',
  mediaChecks: 'media_checks',
  afterSales: 'after_sales',
  buyerProfiles: 'buyer_profiles',
  digitalUpdates: 'digital_updates',
  digitalNotices: 'digital_notices',
  coupons: 'coupons',
  couponClaims: 'coupon_claims',
  activities: 'activities',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

/** The document type stored in each collection (model.ts). */
export interface DocByCollection {
  shops: ShopDoc;
  shop_claims: ShopClaimDoc;
  categories: CategoryDoc;
  products: ProductDoc;
  orders: OrderDoc;
  payments: PaymentDoc;
  refunds: RefundDoc;
  memberships: MembershipDoc;
  membership_grants: MembershipGrantDoc;
  checkouts: CheckoutDoc;
  unpaid_slots: UnpaidSlotDoc;
  customers: CustomerDoc;
  shop_days: ShopDayDoc;
  entitlements: EntitlementDoc;
  notify_log: NotifyLogDoc;
  shop_alerts: ShopAlertDoc;
  staff: StaffDoc;
  staff_invites: StaffInviteDoc;
  media_checks: MediaCheckDoc;
  after_sales: AfterSaleDoc;
  buyer_profiles: BuyerProfileDoc;
  digital_updates: DigitalUpdateDoc;
  digital_notices: DigitalNoticeDoc;
  coupons: CouponDoc;
  coupon_claims: CouponClaimDoc;
  activities: ActivityDoc;
}

export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface CollectionSpec {
  name: CollectionName;
  indexes: IndexSpec[];
}

/** Index keys must be fields of the collection's document type: a renamed field breaks the build. */
type IndexFor<D> = { name: string; keys: { [K in keyof D & string]?: 1 | -1 }; unique?: boolean };

function collection<N extends CollectionName>(name: N, indexes: IndexFor<DocByCollection[N]>[]): CollectionSpec {
  return { name, indexes: indexes as IndexSpec[] };
}

function unique<D>(name: string, keys: IndexFor<D>['keys']): IndexFor<D> {
  return { name, keys, unique: true };
}

export const COLLECTION_SPECS: CollectionSpec[] = [
  collection('shops', [unique('code_unique', { code: 1 }), { name: 'owner_created', keys: { ownerOpenid: 1, createdAt: -1 } }]),
  // claims are read by _id (request) and by owner (slots in use)
  collection('shop_claims', [{ name: 'owner_kind', keys: { ownerOpenid: 1, kind: 1 } }]),
  collection('categories', [{ name: 'shop_sort', keys: { shopId: 1, sort: 1 } }]),
  collection('products', [
    // the shelf by page, all or one category, in catalogue order (server/storefront/shelf.ts): the index
    // gives the order, so a deep page reads what it returns
    { name: 'shop_shelf_order', keys: { shopId: 1, deleted: 1, onShelf: 1, sort: 1, createdAt: 1, _id: 1 } },
    { name: 'shop_shelf_category_order', keys: { shopId: 1, deleted: 1, onShelf: 1, categoryId: 1, sort: 1, createdAt: 1, _id: 1 } },
    // the shop's membership plans, looked up with the shop (server/storefront/home.ts)
    { name: 'shop_kind_shelf_order', keys: { shopId: 1, kind: 1, deleted: 1, onShelf: 1, sort: 1, createdAt: 1, _id: 1 } },
    { name: 'shop_category_sort', keys: { shopId: 1, categoryId: 1, sort: 1 } },
  ]),
  collection('orders', [
    // a payment must lead back to exactly one order
    unique('out_trade_no_unique', { outTradeNo: 1 }),
    { name: 'buyer_created', keys: { buyerOpenid: 1, createdAt: -1 } },
    { name: 'buyer_shop_created', keys: { buyerOpenid: 1, shopId: 1, createdAt: -1 } },
    { name: 'shop_status_created', keys: { shopId: 1, status: 1, createdAt: -1 } },
    { name: 'shop_paid', keys: { shopId: 1, paidAt: -1 } },
    // the owner's inbox without a status filter: a shop's orders newest first, paged by the index
    { name: 'shop_created', keys: { shopId: 1, createdAt: -1 } },
    // the timer: unpaid past expiresAt; fulfilled past the grace days
    { name: 'status_expires', keys: { status: 1, expiresAt: 1 } },
    { name: 'status_complete_due', keys: { status: 1, completeDueAt: 1 } },
    // the repair: orders that still owe effects (server/store/effects.ts)
    { name: 'owed_updated', keys: { owed: 1, updatedAt: 1 } },
  ]),
  collection('payments', [unique('transaction_unique', { transactionId: 1 }), { name: 'order', keys: { orderId: 1 } }]),
  collection('refunds', [
    unique('out_refund_no_unique', { outRefundNo: 1 }),
    { name: 'order_seq', keys: { orderId: 1, seq: 1 } },
    { name: 'status_created', keys: { status: 1, createdAt: 1 } },
  ]),
  collection('memberships', [
    unique('shop_buyer_tag_unique', { shopId: 1, buyerOpenid: 1, tag: 1 }),
    { name: 'buyer', keys: { buyerOpenid: 1, expiresAt: -1 } },
    { name: 'shop_expires', keys: { shopId: 1, expiresAt: -1 } },
    { name: 'expires', keys: { expiresAt: 1 } },
  ]),
  collection('membership_grants', [
    // one grant per order line or gift: a duplicate notify cannot grant twice
    unique('source_unique', { sourceKey: 1 }),
    { name: 'membership_created', keys: { membershipId: 1, createdAt: 1 } },
  ]),
  collection('checkouts', [
    unique('buyer_request_unique', { buyerOpenid: 1, requestId: 1 }),
    // the repair: checkouts the sweeper has not yet seen settled (server/store/checkouts.ts)
    { name: 'settled_created', keys: { settled: 1, createdAt: 1 } },
  ]),
  // one per unpaid order of a buyer in a shop, up to the shop's limit (server/store/unpaid-slots.ts)
  // kept as orders are paid and refunded (server/store/counters.ts): the owner reads a page, not the orders
  collection('customers', [{ name: 'shop_last_order', keys: { shopId: 1, lastOrderAt: -1 } }]),
  collection('shop_days', [{ name: 'shop_day', keys: { shopId: 1, day: 1 } }]),
  collection('unpaid_slots', [{ name: 'shop_buyer_order', keys: { shopId: 1, buyerOpenid: 1, orderId: 1 } }]),
  collection('entitlements', [
    unique('order_line_unique', { orderId: 1, lineNo: 1 }),
    { name: 'buyer_created', keys: { buyerOpenid: 1, createdAt: -1 } },
    { name: 'product', keys: { productId: 1 } },
  ]),
  collection('notify_log', [
    { name: 'out_trade_no_at', keys: { outTradeNo: 1, at: -1 } },
    { name: 'verdict_at', keys: { verdict: 1, at: -1 } },
  ]),
  collection('shop_alerts', [{ name: 'shop_at', keys: { shopId: 1, at: -1 } }]),
  // read by _id (the access check) and listed per shop; a person's shops for myShops
  collection('staff', [{ name: 'shop_joined', keys: { shopId: 1, joinedAt: 1 } }, { name: 'openid_removed', keys: { openid: 1, removedAt: 1 } }]),
  collection('staff_invites', [{ name: 'shop_created', keys: { shopId: 1, createdAt: -1 } }]),
  // read by _id (the trace_id of the verdict)
  collection('media_checks', [{ name: 'target', keys: { targetId: 1, fileID: 1 } }]),
  collection('after_sales', [
    // one open request per order (openKey = orderId while open)
    unique('open_unique', { openKey: 1 }),
    { name: 'order_created', keys: { orderId: 1, createdAt: -1 } },
    // the sweeper: open requests past their deadline
    { name: 'status_created', keys: { status: 1, createdAt: 1 } },
  ]),
  collection('buyer_profiles', []),
  collection('digital_updates', [{ name: 'done_created', keys: { done: 1, createdAt: 1 } }]),
  collection('digital_notices', [{ name: 'update', keys: { updateId: 1 } }]),
  // the owner's list and the shop page's claimable ones; a code leads to one coupon
  collection('coupons', [{ name: 'shop_created', keys: { shopId: 1, createdAt: -1 } }, unique('code_unique', { code: 1 })]),
  // `_id` = <couponId>.<openid>.<k> (insert-once per buyer); a buyer's coupons in a shop; a coupon's figures
  collection('coupon_claims', [
    { name: 'buyer_shop', keys: { buyerOpenid: 1, shopId: 1, validUntil: -1 } },
    { name: 'shop_used', keys: { shopId: 1, usedBy: 1 } },
    { name: 'coupon_buyer', keys: { couponId: 1, buyerOpenid: 1 } },
  ]),
  collection('activities', [{ name: 'shop_status', keys: { shopId: 1, status: 1, endsAt: -1 } }]),
];

/** The text of database/collections.json. */
export function collectionsFileText(): string {
  const lines = COLLECTION_SPECS.map((c) => `    ${JSON.stringify(c)}`);
  return `{\n  "collections": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
