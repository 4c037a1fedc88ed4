// Order, member and dashboard documents → the response views of contracts/views.ts. Pure, so what a
// viewer may see and do is decided in one place (an order view never carries the checkout request id or
// the Cloud Pay params). Shop and product views resolve image temp URLs, so they live in
// server/catalogue/views.ts.
import { AFTER_SALE_ANSWER_MS, afterSaleAllowed } from './aftersale';
import { buyerLabel } from './buyers';
import type {
  AfterSaleView, AlertRow, CustomerRow, DashboardView, DownloadState, MemberRow, OrderAction, OrderDetailView, OrderLineView, OrderSummaryView, Page,
  QuotedLineView, QuoteView, RefundRow, ShopContact,
} from './contracts/views';
import { daysLeft, membershipState } from './membership';
import { fen, sumFen, ZERO_FEN } from './money';
import type {
  AfterSaleDoc, CustomerDoc, EntitlementDoc, MembershipDoc, OrderDoc, OrderLine, PricedLine, RefundDoc, ShopAlertDoc, ShopDayDoc, ShopDoc,
} from './model';
import { FULFILMENT_LABELS, ORDER_STATUS_LABELS } from './order-state';
import type { Quote, QuotedLine } from './pricing';
import { lineTitle } from './options';
import { refundableAmount } from './refund';
import { lastChinaDays } from './time';

/** The fields every priced line shows, copied one by one so a new document field is never shown by accident. */
function pricedLine(l: PricedLine): PricedLine {
  return {
    lineNo: l.lineNo, productId: l.productId, skuId: l.skuId ?? null, skuLabel: l.skuLabel ?? null, kind: l.kind, name: l.name, cover: l.cover, quantity: l.quantity, listPrice: l.listPrice,
    unitPrice: l.unitPrice, memberPriceApplied: l.memberPriceApplied, lineTotal: l.lineTotal, membership: l.membership,
    discountFen: l.discountFen ?? ZERO_FEN,
  };
}

/** A quoted line without the digital file's location (: a quote handed out the fileID for free). */
export function quotedLineView(l: QuotedLine): QuotedLineView {
  return {
    ...pricedLine(l),
    unlimited: l.unlimited,
    stock: l.stock,
    digital: l.digital ? { fileName: l.digital.fileName, downloadLimit: l.digital.downloadLimit } : null,
  };
}

export function quoteView(q: Quote, acceptsWechatPay: boolean): QuoteView {
  return {
    acceptsWechatPay,
    shopId: q.shopId, lines: q.lines.map(quotedLineView), unavailable: q.unavailable.map((u) => ({ ...u })), itemCount: q.itemCount,
    subtotal: q.subtotal, memberSavings: q.memberSavings, deliveryMethod: q.deliveryMethod, deliveryFee: q.deliveryFee, total: q.total,
    hasPhysical: q.hasPhysical, hasVirtual: q.hasVirtual, deliveryMethods: [...q.deliveryMethods], requiresAddress: q.requiresAddress,
    discount: q.discount, discounts: q.discounts && { ...q.discounts },
    couponOptions: q.couponOptions.map((c) => ({ ...c, benefit: { ...c.benefit } })),
  };
}

/** An order line for the buyer and the owner alike: the file's name and version, never its fileID. */
export function orderLineView(l: OrderLine): OrderLineView {
  return {
    ...pricedLine(l),
    digital: l.digital ? { fileName: l.digital.fileName, downloadLimit: l.digital.downloadLimit, version: l.digital.version } : null,
    soldOut: l.soldOut,
    refundedQuantity: l.refundedQuantity,
    refundedFen: l.refundedFen,
  };
}

export function memberRow(m: MembershipDoc, now: number, name?: string): MemberRow {
  return { buyerOpenid: m.buyerOpenid, buyerName: name ?? buyerLabel(m.buyerOpenid), tag: m.tag, state: membershipState(m, now), expiresAt: m.expiresAt, lifetime: m.lifetime, daysLeft: daysLeft(m, now) };
}

export function customerRow(c: CustomerDoc): CustomerRow {
  return { openid: c.openid, name: buyerLabel(c.openid), avatar: null, phone: null, orderCount: c.orderCount, paidCount: c.paidCount, paidTotal: c.paidTotal, lastOrderAt: c.lastOrderAt };
}

/** `names`: openid → the name the shop knows them by (店长, a staff member's name). */
export function alertRow(a: ShopAlertDoc, names: ReadonlyMap<string, string> = new Map()): AlertRow {
  return { alertId: a._id, kind: a.kind, orderId: a.orderId, message: a.message, at: a.at, read: a.readAt !== null, byName: a.by ? names.get(a.by) ?? null : null };
}

/**
 * The status as this order's buyer reads it: a paid pickup order is not 待发货, a granted membership is
 * not 待收货. The status itself stays the state machine's (order-state.ts).
 */
export function orderStatusLabel(o: Pick<OrderDoc, 'status' | 'fulfilment' | 'delivery' | 'hasPhysical'>): string {
  const method = o.delivery?.method ?? null;
  if (o.status === 'accepted') {
    if (!o.hasPhysical) return '发放中';
    if (method === 'pickup') return '备货中';
    if (method === 'local') return '待配送';
    return ORDER_STATUS_LABELS.accepted;
  }
  if (o.status === 'fulfilled' && o.fulfilment) {
    return o.fulfilment.kind === 'shipped' ? ORDER_STATUS_LABELS.fulfilled : FULFILMENT_LABELS[o.fulfilment.kind];
  }
  return ORDER_STATUS_LABELS[o.status];
}

export function orderSummaryView(o: OrderDoc, shopName: string, viewer: Viewer = 'buyer', now = 0, buyerName = ''): OrderSummaryView {
  const first = o.lines[0];
  return {
    orderId: o._id, shopId: o.shopId, shopName, status: o.status, statusLabel: orderStatusLabel(o), covers: o.lines.slice(0, 4).map((l) => l.cover),
    actions: orderActionsFor(o, viewer, now).filter((a) => LIST_ACTIONS.includes(a)), paidFen: o.paidFen ?? 0, buyerName, fulfilmentKind: o.fulfilment?.kind ?? null, paymentMethod: o.paymentMethod, total: o.total,
    itemCount: o.itemCount, firstLine: { name: first ? lineTitle(first) : '', cover: first?.cover ?? null }, createdAt: o.createdAt, expiresAt: o.expiresAt,
  };
}

export type Viewer = 'buyer' | 'owner';

/** The actions an order card offers without opening the order. */
const LIST_ACTIONS: readonly OrderAction[] = ['repay', 'confirmReceipt', 'accept'];

const MONEY_RECEIVED = ['paid', 'accepted', 'fulfilled', 'completed'];

/** What the viewer may do now; the server still checks each operation (this only drives the buttons). */
export function orderActionsFor(
  o: OrderDoc,
  viewer: Viewer,
  now: number,
  entitlements: readonly EntitlementDoc[] = [],
  afterSale: Pick<AfterSaleDoc, 'status'> | null = null,
): OrderAction[] {
  const actions: OrderAction[] = [];
  const refundable = refundableAmount(o) > 0;
  const open = afterSale?.status === 'open';
  if (viewer === 'buyer') {
    if (o.status === 'unpaid') {
      if (o.paymentMethod === 'wechat' && now < o.expiresAt) actions.push('repay', 'confirmPaid');
      actions.push('cancel');
    }
    // A membership or a file is delivered by the server: there is nothing to receive.
    if (o.status === 'fulfilled' && o.fulfilment?.kind !== 'virtual') actions.push('confirmReceipt');
    if (afterSaleAllowed(o, open)) actions.push('afterSale');
    if (MONEY_RECEIVED.includes(o.status) && entitlements.some((e) => e.revokedAt === null && e.downloads < e.downloadLimit)) actions.push('download');
    return actions;
  }
  if (o.status === 'unpaid' && o.paymentMethod === 'on_pickup') actions.push('markPaid', 'cancel');
  if (o.status === 'paid') actions.push('accept', 'reject', 'markSoldOut');
  if (o.status === 'accepted') actions.push('fulfil', 'markSoldOut');
  if (o.status === 'fulfilled') actions.push('fulfil', 'complete');
  if (MONEY_RECEIVED.includes(o.status) && refundable) actions.push('refund');
  if (open) actions.push('answerAfterSale');
  return actions;
}

export function downloadStates(o: OrderDoc, entitlements: readonly EntitlementDoc[], currentVersions: Readonly<Record<string, number>> = {}): DownloadState[] {
  return entitlements
    .filter((e) => e.orderId === o._id && e.revokedAt === null)
    .sort((a, b) => a.lineNo - b.lineNo)
    .map((e) => ({
      lineNo: e.lineNo,
      fileName: e.fileName,
      remaining: Math.max(0, e.downloadLimit - e.downloads),
      updated: (currentVersions[e.productId] ?? e.version) > e.version,
    }));
}

/** How to reach the shop and get the goods, from its settings (an order placed before a change shows the current ones). */
export function shopContact(shop: Pick<ShopDoc, 'phone' | 'settings'> | null, method: OrderDoc['delivery']['method']): ShopContact {
  if (!shop) return { phone: '', pickupAddress: '', pickupNote: '', deliveryNote: '' };
  const { pickup, local, express } = shop.settings.delivery;
  const deliveryNote = method === 'local' ? local.note : method === 'express' ? express.note : '';
  return { phone: shop.phone, pickupAddress: pickup.address, pickupNote: pickup.note, deliveryNote };
}

export function afterSaleView(a: AfterSaleDoc): AfterSaleView {
  return {
    afterSaleId: a._id, status: a.status, reason: a.reason, mode: a.mode, lines: a.lines.map((l) => ({ ...l })), amount: a.amount,
    photos: [...a.photos], declineReason: a.declineReason, createdAt: a.createdAt, decidedAt: a.decidedAt, answerBy: a.createdAt + AFTER_SALE_ANSWER_MS,
  };
}

/** What an order's detail is shown with besides the order (all optional: a bare view is still complete). */
export interface DetailExtras {
  shop?: Pick<ShopDoc, 'phone' | 'settings'> | null;
  buyerName?: string;
  afterSale?: AfterSaleDoc | null;
}

export function orderDetailView(
  o: OrderDoc,
  shopName: string,
  viewer: Viewer,
  now: number,
  entitlements: readonly EntitlementDoc[] = [],
  currentVersions: Readonly<Record<string, number>> = {},
  refunds: readonly RefundDoc[] = [],
  extras: DetailExtras = {},
): OrderDetailView {
  const afterSale = extras.afterSale ?? null;
  return {
    orderId: o._id, shopId: o.shopId, shopName, buyerOpenid: o.buyerOpenid, buyerName: extras.buyerName ?? buyerLabel(o.buyerOpenid),
    status: o.status, statusLabel: orderStatusLabel(o), shopContact: shopContact(extras.shop ?? null, o.delivery.method),
    afterSale: afterSale ? afterSaleView(afterSale) : null, lines: o.lines.map(orderLineView), itemCount: o.itemCount,
    subtotal: o.subtotal, deliveryFee: o.deliveryFee, discount: o.discount ?? ZERO_FEN, discounts: o.discounts ? { ...o.discounts } : null, total: o.total, delivery: o.delivery, note: o.note, paymentMethod: o.paymentMethod,
    outTradeNo: o.outTradeNo, paidFen: o.paidFen, refundedFen: o.refundedFen, refundPendingFen: o.refundPendingFen, fulfilment: o.fulfilment,
    cancelReason: o.cancelReason, rejectReason: o.rejectReason, timeline: o.timeline, createdAt: o.createdAt, expiresAt: o.expiresAt,
    paidAt: o.paidAt, actions: orderActionsFor(o, viewer, now, entitlements, afterSale), downloads: downloadStates(o, entitlements, currentVersions),
    refunds: viewer === 'owner' ? [...refunds].sort((a, b) => a.seq - b.seq).map(refundRow) : [],
  };
}

export function refundRow(r: RefundDoc): RefundRow {
  return { outRefundNo: r.outRefundNo, amount: r.amount, status: r.status, failReason: r.failReason, createdAt: r.createdAt };
}

/** Pages are read with limit + 1 rows: the extra row only says there is more. */
export function pageOf<T>(rows: readonly T[], offset: number, limit: number): Page<T> {
  return { items: rows.slice(0, limit), offset, limit, hasMore: rows.length > limit };
}

/** The owner's dashboard from the shop's orders paid in the last 7 China days. */
export function dashboardView(
  figures: readonly Pick<ShopDayDoc, 'day' | 'paidOrders' | 'paidFen' | 'refundedFen'>[],
  waiting: number,
  activeMembers: number,
  now: number,
): DashboardView {
  const days = lastChinaDays(now, 7).map((d) => {
    const shards = figures.filter((f) => f.day === d.key);
    const paid = sumFen(shards.map((f) => f.paidFen));
    const refunded = sumFen(shards.map((f) => f.refundedFen));
    return { key: d.key, paidOrders: shards.reduce((n, f) => n + f.paidOrders, 0), revenue: fen(Math.max(0, paid - refunded)) };
  });
  return { today: days[days.length - 1], waiting, activeMembers, days };
}
