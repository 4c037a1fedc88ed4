// Orders as the owner's screens show them (core/contracts/views.ts). Internal bookkeeping — the
// checkout request id, the payment parameters, refund counters — stays on the server.
import type { DownloadState, OrderAction, OrderDetailView, OrderSummaryView } from '../../core/contracts/views';
import type { EntitlementDoc, OrderDoc } from '../../core/model';
import { refundableAmount } from '../../core/refund';

export function orderSummaryView(o: OrderDoc, shopName: string): OrderSummaryView {
  const first = o.lines[0];
  return {
    orderId: o._id,
    shopId: o.shopId,
    shopName,
    status: o.status,
    fulfilmentKind: o.fulfilment?.kind ?? null,
    total: o.total,
    itemCount: o.itemCount,
    firstLine: { name: first?.name ?? '', cover: first?.cover ?? null },
    createdAt: o.createdAt,
    expiresAt: o.expiresAt,
  };
}

/** What the owner may do now: the order-state table's owner exits, narrowed by what the order holds. */
export function ownerActions(o: OrderDoc): OrderAction[] {
  const refundable = o.paidFen > 0 && refundableAmount(o) > 0;
  const refund: OrderAction[] = refundable ? ['refund'] : [];
  switch (o.status) {
    case 'unpaid':
      return o.paymentMethod === 'on_pickup' ? ['markPaid', 'cancel'] : [];
    case 'paid':
      return ['accept', 'reject', ...(o.hasPhysical ? (['markSoldOut'] as const) : []), ...refund];
    case 'accepted':
      return [...(o.hasPhysical ? (['fulfil', 'markSoldOut'] as const) : []), 'reject', ...refund];
    case 'fulfilled':
      return [...(o.hasPhysical ? (['fulfil'] as const) : []), 'complete', ...refund];
    case 'completed':
      return refund;
    default:
      return [];
  }
}

export function downloadStates(o: OrderDoc, entitlements: readonly EntitlementDoc[], currentVersions: ReadonlyMap<string, number> = new Map()): DownloadState[] {
  return entitlements.map((e) => ({
    lineNo: e.lineNo,
    fileName: e.fileName,
    remaining: e.revokedAt !== null ? 0 : Math.max(0, e.downloadLimit - e.downloads),
    updated: (currentVersions.get(e.productId) ?? e.version) > e.version,
  })).filter((d) => o.lines.some((l) => l.lineNo === d.lineNo));
}

export function orderDetailView(o: OrderDoc, shopName: string, actions: OrderAction[], downloads: DownloadState[]): OrderDetailView {
  return {
    orderId: o._id,
    shopId: o.shopId,
    shopName,
    buyerOpenid: o.buyerOpenid,
    status: o.status,
    lines: o.lines,
    itemCount: o.itemCount,
    subtotal: o.subtotal,
    deliveryFee: o.deliveryFee,
    total: o.total,
    delivery: { method: o.delivery.method, fee: o.delivery.fee, address: o.delivery.address },
    note: o.note,
    paymentMethod: o.paymentMethod,
    outTradeNo: o.outTradeNo,
    paidFen: o.paidFen,
    refundedFen: o.refundedFen,
    refundPendingFen: o.refundPendingFen,
    fulfilment: o.fulfilment,
    cancelReason: o.cancelReason,
    rejectReason: o.rejectReason,
    timeline: o.timeline,
    createdAt: o.createdAt,
    expiresAt: o.expiresAt,
    paidAt: o.paidAt,
    actions,
    downloads,
  };
}
