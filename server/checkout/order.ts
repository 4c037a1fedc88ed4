// The order document `place` writes: the price snapshot of the quote, the reservation deadline and,
// for WeChat Pay, the Cloud Pay window (checkout.ts paymentWindow: timeExpire before the reservation
// ends). Every field of model.ts OrderDoc is present (null rather than missing, docs/wechat-contracts.md §2.12 / §7.6).
import { orderLinesFromQuote, paymentWindow, pickupHoldMs } from '../../core/checkout';
import { outTradeNo } from '../../core/ids';
import { ZERO_FEN } from '../../core/money';
import type { Address, OrderDoc, PaymentMethod, ShopDoc } from '../../core/model';
import type { Quote } from '../../core/pricing';
import { channelOfShop } from '../../core/pay-channels';

export interface NewOrder {
  orderId: string;
  shop: ShopDoc;
  buyerOpenid: string;
  requestId: string;
  quote: Quote;
  memberTags: string[];
  address: Address | null;
  note: string;
  paymentMethod: PaymentMethod;
  now: number;
}

export function buildOrder(n: NewOrder): OrderDoc {
  const q = n.quote;
  const window = paymentWindow(n.now, n.shop.settings.unpaidTimeoutMinutes);
  const wechat = n.paymentMethod === 'wechat';
  return {
    _id: n.orderId,
    shopId: n.shop._id,
    buyerOpenid: n.buyerOpenid,
    requestId: n.requestId,
    status: 'unpaid',
    lines: orderLinesFromQuote(q),
    itemCount: q.itemCount,
    subtotal: q.subtotal,
    deliveryFee: q.deliveryFee,
    discount: q.discount,
    discounts: q.discounts,
    couponId: q.discounts?.couponId ?? null,
    total: q.total,
    delivery: { method: q.deliveryMethod, fee: q.deliveryFee, address: q.requiresAddress ? n.address : null },
    note: n.note,
    paymentMethod: n.paymentMethod,
    outTradeNo: outTradeNo(n.orderId),
    payment: wechat
      ? { channel: channelOfShop(n.shop.settings), subMchId: n.shop.settings.subMchId ?? '', params: null, payExpiresAt: window.payExpiresAt, transactionId: null, lastQueriedAt: null }
      : null,
    memberTags: n.memberTags,
    hasPhysical: q.hasPhysical,
    hasVirtual: q.hasVirtual,
    expiresAt: wechat ? window.expiresAt : n.now + pickupHoldMs(n.shop.settings),
    stockState: 'reserved',
    owed: [],
    paidWith: null,
    paidFen: ZERO_FEN,
    refundedFen: ZERO_FEN,
    refundPendingFen: ZERO_FEN,
    deliveryRefundedFen: ZERO_FEN,
    refundCount: 0,
    fulfilment: null,
    cancelReason: null,
    rejectReason: null,
    timeline: [{ at: n.now, event: 'placed', actor: 'buyer', by: n.buyerOpenid, from: null, to: 'unpaid', note: null }],
    createdAt: n.now,
    updatedAt: n.now,
    paidAt: null,
    acceptedAt: null,
    fulfilledAt: null,
    completeDueAt: null,
    completedAt: null,
    cancelledAt: null,
    refundedAt: null,
  };
}
