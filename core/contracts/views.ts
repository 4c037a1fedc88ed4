// What the functions return inside `{ ok: true, data }`: the response types the mini-program imports.
// Views are shaped for the screens, not copies of the documents: ids are named (`orderId`, not `_id`),
// internal bookkeeping (request ids, payment params of paid orders, notify logs) stays on the server, and
// no buyer-facing view carries where a digital file is stored (a fileID under shops/<id>/files/): a
// bought file is reached only through orders.download, which counts and signs a short-lived link.
import type { MembershipState } from '../membership';
import type { Fen } from '../money';
import type {
  AcceptMode, Address, DigitalFile, Fulfilment, MembershipPlan, PaymentMethod, PricedLine, ProductKind,
  RefundStatus, RequestPaymentParams, ShopAlertKind, ShopSettings, TimelineEntry,
} from '../model';
import type { DeliveryMethod, OrderStatus } from '../order-state';
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
  /**
   * The logo as an http(s) temp URL (getTempFileURL, §1.6) for the H5 build; null without a logo or when
   * unresolvable. Optional in the type so pure presenters (core/present.ts) need no I/O; the storefront and
   * shopAdmin functions always set it.
   */
  logoUrl?: string | null;
  phone: string;
  description: string;
  delivery: DeliveryOffer[];
  payOnPickup: boolean;
  /** Whether WeChat Pay is set up; the storefront can warn before checkout. */
  acceptsWechatPay: boolean;
}

/** What the owner sees: everything, settings included. */
export interface ShopOwnerView extends Omit<ShopPublicView, 'delivery' | 'payOnPickup' | 'acceptsWechatPay'> {
  settings: ShopSettings;
  createdAt: number;
}

export interface ShopSummary {
  shopId: string;
  code: string;
  name: string;
  logo: string | null;
  logoUrl?: string | null;
  acceptMode: AcceptMode;
  /** Paid orders waiting for the owner. */
  waiting: number;
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
  /**
   * The same photos as http(s) temp URLs, index for index ('' when a file is missing): the H5 build needs
   * them. Always set by the storefront and shopAdmin functions (optional only for pure presenters).
   */
  photoUrls?: string[];
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
  values: { id: string; name: string; photo: string | null; photoUrl: string | null }[];
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

export interface StorefrontHome {
  shop: ShopPublicView;
  categories: CategoryView[];
  products: ProductView[];
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
  /** Pass to wx.requestPayment as is (§3.2); null for pay on pickup. */
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

export interface OrderDetailView {
  orderId: string;
  shopId: string;
  shopName: string;
  buyerOpenid: string;
  status: OrderStatus;
  lines: OrderLineView[];
  itemCount: number;
  subtotal: Fen;
  deliveryFee: Fen;
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
  timeline: TimelineEntry[];
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
  | 'cancel' | 'repay' | 'confirmPaid' | 'confirmReceipt' | 'download'
  | 'accept' | 'reject' | 'markSoldOut' | 'fulfil' | 'complete' | 'markPaid' | 'refund';

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
  tag: string;
  state: MembershipState;
  expiresAt: number;
  lifetime: boolean;
  daysLeft: number | null;
}

export interface CustomerRow {
  openid: string;
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
}

// ---------- WeChat-facing functions ----------

/** payNotify / refundNotify reply (§3.3): errcode 0 for everything handled, duplicates included. */
export interface NotifyReply {
  errcode: number;
  errmsg: string;
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
}
