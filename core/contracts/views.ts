// What the functions return inside `{ ok: true, data }`: the response types the mini-program imports.
// Views are shaped for the screens, not copies of the documents: ids are named (`orderId`, not `_id`),
// internal bookkeeping (request ids, payment params of paid orders, notify logs) stays on the server, and
// no buyer-facing view carries where a digital file is stored (a fileID under shops/<id>/files/): a
// bought file is reached only through orders.download, which counts and signs a short-lived link.
import type { MembershipState } from '../membership';
import type { Fen } from '../money';
import type {
  AppliedDiscounts,
  AcceptMode, Address, DigitalFile, Fulfilment, MembershipPlan, PaymentMethod, PricedLine, ProductKind,
  RefundStatus, RequestPaymentParams, ShopAlertKind, ShopSettings, TimelineEntry,
} from '../model';
import type { DeliveryMethod, OrderStatus } from '../order-state';
import type { ShopRole, StaffRole } from '../roles';
import type { Quote } from '../pricing';

export interface Page<T> {
  items: T[];
  offset: number;
  limit: number;
  hasMore: boolean;
}

// ---------- shops and catalogue ----------

export interface DeliveryOffer {
  method: DeliveryMethod;
  fee: Fen;
  freeFrom: Fen | null;
  /** Pickup address, or the owner's note for the method. */
  note: string;
}

/** What a buyer sees of a shop. */
export interface ShopPublicView {
  shopId: string;
  code: string;
  name: string;
  logo: string | null;
  phone: string;
  description: string;
  delivery: DeliveryOffer[];
  payOnPickup: boolean;
  /** Whether WeChat Pay is set up; the storefront can warn before checkout. */
  acceptsWechatPay: boolean;
  /** Where and how to pick up, when the shop offers pickup (checkout shows it before the buyer chooses). */
  pickup: { address: string; note: string } | null;
}

/** What the owner sees: everything, settings included. */
export interface ShopOwnerView extends Omit<ShopPublicView, 'delivery' | 'payOnPickup' | 'acceptsWechatPay' | 'pickup'> {
  settings: ShopSettings;
  createdAt: number;
  /** The logo waits for its content-security verdict (审核中): buyers do not see it yet. */
  logoReviewing: boolean;
  /** The caller's role in this shop (core/roles.ts): the console hides what it may not do. */
  role: ShopRole;
}

export interface ShopSummary {
  shopId: string;
  code: string;
  name: string;
  logo: string | null;
  acceptMode: AcceptMode;
  /** Paid orders waiting for the owner. */
  waiting: number;
  /** The caller's role: 店长 in their own shops, or what the invitation gave them. */
  role: ShopRole;
}

export interface CategoryView {
  categoryId: string;
  name: string;
  sort: number;
}

/** What the buyer's and the owner's views of a product share (server/catalogue/views.ts productBase). */
interface ProductViewBase {
  productId: string;
  kind: ProductKind;
  name: string;
  description: string;
  /** cloud:// fileIDs (the mini-program's <Image> shows them as they are). */
  photos: string[];
  price: Fen;
  memberPrice: Fen | null;
  memberTag: string | null;
  membersOnly: boolean;
  categoryId: string | null;
  sort: number;
  membership: MembershipPlan | null;
  /** Option groups (core/options.ts); empty for a product without options. */
  options: OptionGroupView[];
}

export interface OptionGroupView {
  name: string;
  values: { id: string; name: string; photo: string | null }[];
}

/** A SKU as a buyer sees it (retired SKUs are never shown). */
export interface SkuView {
  skuId: string;
  /** Value ids, one per group. */
  values: string[];
  label: string;
  price: Fen;
  memberPrice: Fen | null;
  payPrice: Fen;
  memberPriceApplied: boolean;
  /** Units left; null for unlimited. */
  stock: number | null;
  soldOut: boolean;
  onShelf: boolean;
}

/** A SKU as its owner manages it: its units, and whether it was retired with units in it. */
export interface OwnerSkuView {
  skuId: string;
  values: string[];
  label: string;
  price: Fen;
  memberPrice: Fen | null;
  unlimited: boolean;
  stock: number;
  reserved: number;
  sold: number;
  onShelf: boolean;
  retired: boolean;
}

/** A product as one buyer sees it: the price this buyer pays (pricing.ts unitPriceFor). */
export interface ProductView extends ProductViewBase {
  /** What this buyer pays now. */
  payPrice: Fen;
  memberPriceApplied: boolean;
  /** Members-only and this buyer does not qualify. */
  locked: boolean;
  soldOut: boolean;
  /** Units left; null for unlimited (with options: across the SKUs on sale). */
  stock: number | null;
  digital: DigitalOffer | null;
  /** The SKUs on sale or switched off, in display order; empty without options. */
  skus: SkuView[];
}

/** What a buyer may know of a digital file before and after buying it: never where it is stored. */
export interface DigitalOffer {
  fileName: string;
  downloadLimit: number;
}

/** A product as its owner manages it. */
export interface OwnerProductView extends ProductViewBase {
  unlimited: boolean;
  stock: number;
  reserved: number;
  sold: number;
  onShelf: boolean;
  deleted: boolean;
  digital: DigitalFile | null;
  updatedAt: number;
  /** Photos waiting for their content-security verdict (审核中): buyers do not see them yet. */
  reviewing: string[];
  /** Units in paid orders less those refunded, whatever the kind (an unlimited coffee, a membership, a file). */
  sales?: number;
  /** Every SKU, retired ones last; empty without options. */
  skus: OwnerSkuView[];
}

export interface MembershipView {
  shopId: string;
  shopName: string;
  tag: string;
  state: MembershipState;
  expiresAt: number;
  lifetime: boolean;
  /** null for lifetime. */
  daysLeft: number | null;
}

/**
 * Cards in a page of the shelf or of search: the size whose reply bound is measured (docs/decisions.md
 * §D20). A value in this type-only module so the mini-program can read it without the contracts' validators.
 */
export const CARD_PAGE = 20;

/**
 * Products in a page of the owner's list (shopAdmin.listProducts): whole owner views, so fewer than cards. 20 of the
 * largest products the catalogue accepts stay under the 1 MB reply limits (test/integration/roundtrips.test.ts).
 */
export const OWNER_LIST_PAGE = 20;

/**
 * A product in a list (the shelf, a category, search results): what its card shows, at the price this
 * buyer pays. The whole product (description, photos, options, SKUs) is storefront.product's.
 */
export interface ProductCardView {
  productId: string;
  kind: ProductKind;
  name: string;
  /** The first photo buyers may see (a cloud:// fileID), or null. */
  photo: string | null;
  price: Fen;
  memberPrice: Fen | null;
  memberTag: string | null;
  membersOnly: boolean;
  categoryId: string | null;
  payPrice: Fen;
  memberPriceApplied: boolean;
  locked: boolean;
  soldOut: boolean;
  /** Units left; null for unlimited (with options: across the SKUs on sale). */
  stock: number | null;
  /** Bought by SKU: the card opens the spec sheet instead of adding to the cart. */
  hasOptions: boolean;
}

export interface StorefrontHome {
  shop: ShopPublicView;
  categories: CategoryView[];
  /** The first page of the shelf (全部, catalogue order); storefront.products gives the next ones. */
  products: ProductCardView[];
  hasMore: boolean;
  /** The shop's membership plans on the shelf (at most MAX_PLANS), for the join banner and the membership page. */
  plans: ProductView[];
  /** This buyer's memberships in this shop, expired ones included (checked on read). */
  memberships: MembershipView[];
}

// ---------- checkout ----------

/** A quoted line as the checkout page shows it (present.ts quoteView). */
export interface QuotedLineView extends PricedLine {
  unlimited: boolean;
  stock: number | null;
  digital: DigitalOffer | null;
}

/** The server's quote (pricing.ts), its lines mapped to QuotedLineView. */
export interface QuoteView extends Omit<Quote, 'lines'> {
  lines: QuotedLineView[];
  /** The shop has a WeChat Pay merchant: without one, the cart and checkout say so before the buyer goes on. */
  acceptsWechatPay: boolean;
}

export interface PlaceResult {
  orderId: string;
  outTradeNo: string;
  total: Fen;
  paymentMethod: PaymentMethod;
  /** Pass to wx.requestPayment as is (docs/wechat-contracts.md §3.2); null for pay on pickup. */
  payment: RequestPaymentParams | null;
  expiresAt: number;
  /** true when this requestId had already placed the order: the same order and payment come back. */
  replayed: boolean;
}

// ---------- orders ----------

export interface OrderSummaryView {
  orderId: string;
  shopId: string;
  shopName: string;
  status: OrderStatus;
  /** The status as the buyer reads it for this order (present.ts orderStatusLabel: 待自提, 已发放, …). */
  statusLabel: string;
  /** Covers of the first lines (up to 4), for the card's thumbnails. */
  covers: (string | null)[];
  /** What the viewer may do from the list (去付款, 确认收货, …). */
  actions: OrderAction[];
  /** What was paid (0 while unpaid): the card says 实付 only when there is. */
  paidFen: Fen;
  /** The owner's inbox: who ordered (present.ts buyerName); the buyer's own list leaves it empty. */
  buyerName: string;
  fulfilmentKind: Fulfilment['kind'] | null;
  /** WeChat Pay or pay on pickup: the owner's inbox shows which. */
  paymentMethod: PaymentMethod;
  total: Fen;
  itemCount: number;
  firstLine: { name: string; cover: string | null };
  createdAt: number;
  expiresAt: number;
}

export interface DownloadState {
  lineNo: number;
  fileName: string;
  remaining: number;
  /** The owner uploaded a newer file since this buyer's last download. */
  updated: boolean;
}

/** How the buyer reaches the shop and gets the goods: from the shop's settings, shown on the order. */
export interface ShopContact {
  phone: string;
  pickupAddress: string;
  pickupNote: string;
  /** The owner's note for this order's delivery method (local or express), else ''. */
  deliveryNote: string;
}

export interface AfterSaleView {
  afterSaleId: string;
  status: 'open' | 'approved' | 'declined';
  reason: string;
  mode: 'full' | 'lines' | 'amount';
  lines: { lineNo: number; quantity: number }[];
  amount: Fen;
  photos: string[];
  declineReason: string | null;
  createdAt: number;
  decidedAt: number | null;
  /** The owner is expected to answer before this instant (then the request is escalated). */
  answerBy: number;
}

export interface OrderDetailView {
  orderId: string;
  shopId: string;
  shopName: string;
  buyerOpenid: string;
  /** present.ts buyerName: nickname, delivery name or a stable label. */
  buyerName: string;
  status: OrderStatus;
  statusLabel: string;
  shopContact: ShopContact;
  /** The latest after-sale request, if any. */
  afterSale: AfterSaleView | null;
  lines: OrderLineView[];
  itemCount: number;
  subtotal: Fen;
  deliveryFee: Fen;
  /** Promotions taken off (满减 and coupon, core/promotions.ts); 0 when none. */
  discount: Fen;
  discounts: AppliedDiscounts | null;
  total: Fen;
  delivery: { method: DeliveryMethod | null; fee: Fen; address: Address | null };
  note: string;
  paymentMethod: PaymentMethod;
  outTradeNo: string;
  paidFen: Fen;
  refundedFen: Fen;
  refundPendingFen: Fen;
  fulfilment: Fulfilment | null;
  cancelReason: string | null;
  rejectReason: string | null;
  timeline: TimelineRow[];
  createdAt: number;
  expiresAt: number;
  paidAt: number | null;
  /** What the viewer may do now (computed from the state machine and the clock). */
  actions: OrderAction[];
  downloads: DownloadState[];
  /** The order's refunds, oldest first, for the owner (a failed one is retried by its outRefundNo); empty for the buyer. */
  refunds: RefundRow[];
}

/** One line of an order as a buyer or the owner sees it (present.ts orderLineView). */
export interface OrderLineView extends PricedLine {
  digital: (DigitalOffer & { version: number }) | null;
  soldOut: boolean;
  refundedQuantity: number;
  refundedFen: Fen;
}

export interface RefundRow {
  outRefundNo: string;
  amount: Fen;
  status: RefundStatus;
  /** Why WeChat Pay refused it (a failed refund), else null. */
  failReason: string | null;
  createdAt: number;
}

export type OrderAction =
  | 'cancel' | 'repay' | 'confirmPaid' | 'confirmReceipt' | 'download' | 'afterSale'
  | 'accept' | 'reject' | 'markSoldOut' | 'fulfil' | 'complete' | 'markPaid' | 'refund' | 'answerAfterSale';

export interface RepayResult {
  orderId: string;
  payment: RequestPaymentParams;
  expiresAt: number;
}

export interface ConfirmPaidResult {
  orderId: string;
  status: OrderStatus;
  /** false while Cloud Pay still reports NOTPAY / USERPAYING (then the code is PAYMENT_PENDING instead). */
  paid: boolean;
}

export interface StatusResult {
  orderId: string;
  status: OrderStatus;
}

export interface DownloadResult {
  url: string;
  /** The link stops working here (getTempFileURL maxAge). */
  expiresAt: number;
  fileName: string;
  version: number;
  remaining: number;
}

export interface RefundStarted {
  orderId: string;
  outRefundNo: string;
  amount: Fen;
  full: boolean;
  status: OrderStatus;
}

// ---------- owner: members, customers, dashboard, share ----------

export interface MemberRow {
  buyerOpenid: string;
  /** core/buyers.ts buyerName; set by the members list (a bare row carries the label). */
  buyerName: string;
  tag: string;
  state: MembershipState;
  expiresAt: number;
  lifetime: boolean;
  daysLeft: number | null;
}

export interface CustomerRow {
  openid: string;
  /** core/buyers.ts buyerName: nickname, delivery name or a stable label. */
  name: string;
  avatar: string | null;
  avatarUrl?: string | null;
  /** The phone of the buyer's latest delivery address, if any. */
  phone: string | null;
  orderCount: number;
  paidCount: number;
  paidTotal: Fen;
  lastOrderAt: number;
}

export interface GiftResult {
  member: MemberRow;
  replayed: boolean;
}

export interface DashboardView {
  today: { key: string; paidOrders: number; revenue: Fen };
  /** Paid orders waiting for acceptance or fulfilment. */
  waiting: number;
  activeMembers: number;
  /** Oldest first, 7 China days ending today. */
  days: { key: string; paidOrders: number; revenue: Fen }[];
}

export interface QrCodeResult {
  scene: string;
  page: string;
  fileID: string;
  tempFileURL: string;
}

export interface AlertRow {
  alertId: string;
  kind: ShopAlertKind;
  orderId: string | null;
  message: string;
  at: number;
  read: boolean;
  /** Whose action it reports, by name (店长, or the staff member's name); null: nobody's. */
  byName: string | null;
}

/** A timeline entry as the shop sees it: who did it, by name. */
export type TimelineRow = TimelineEntry & { byName?: string | null };

// ---------- staff ----------

export interface StaffRow {
  openid: string;
  name: string;
  role: StaffRole;
  refundLimit: Fen;
  notifyNewOrders: boolean;
  joinedAt: number;
}

export interface InviteView {
  code: string;
  shopId: string;
  shopName: string;
  role: StaffRole;
  name: string;
  expiresAt: number;
  /** The mini-program path a share card opens (owner/pages/join). */
  path: string;
}

export interface StaffList {
  staff: StaffRow[];
  /** Invitations not yet used nor expired. */
  invites: InviteView[];
}

export interface JoinedShop {
  shopId: string;
  shopName: string;
  role: StaffRole;
  name: string;
}

// ---------- WeChat-facing functions ----------

/** payNotify / refundNotify reply (§3.3): errcode 0 for everything handled, duplicates included. */
export interface NotifyReply {
  errcode: number;
  errmsg: string;
}

/** What the buyer chose to be called, as the 我的 page shows it. */
export interface BuyerProfileView {
  nickname: string;
  avatar: string | null;
  avatarUrl: string | null;
  /** What the shop sees when no nickname is set (core/buyers.ts buyerLabel). */
  label: string;
}

export interface AfterSaleResult {
  orderId: string;
  afterSaleId: string;
  status: 'open' | 'approved' | 'declined';
  amount: Fen;
}

export interface SweeperReport {
  /** Half-done orders finished and abandoned checkouts undone. */
  repaired: number;
  expired: number;
  reconciled: number;
  completed: number;
  membershipsExpired: number;
  remindersSent: number;
  refundsRetried: number;
  afterSalesEscalated: number;
  digitalNoticesSent: number;
}
