// View objects shaped like the functions' replies (core/contracts/views.ts), for component tests.
import type { OrderDetailView, ProductCardView, ProductView, QuoteView, StorefrontHome } from '../../core/contracts/views';
import { fen } from '../../core/money';
import { orderStatusLabel } from '../../core/present';

export function product(over: Partial<ProductView> = {}): ProductView {
  return {
    productId: 'P1', kind: 'physical', name: '农夫山泉 550ml', description: '', photos: [],
    price: fen(200), memberPrice: null, memberTag: null, payPrice: fen(200), memberPriceApplied: false,
    membersOnly: false, locked: false, soldOut: false, stock: 50, categoryId: 'C1', sort: 0,
    membership: null, digital: null, options: [], skus: [], ...over,
  };
}

export function card(over: Partial<ProductCardView> = {}): ProductCardView {
  return {
    productId: 'P1', kind: 'physical', name: '农夫山泉 550ml', photo: null,
    price: fen(200), memberPrice: null, memberTag: null, payPrice: fen(200), memberPriceApplied: false,
    membersOnly: false, locked: false, soldOut: false, stock: 50, categoryId: 'C1', hasOptions: false, ...over,
  };
}

export function home(over: Partial<StorefrontHome> = {}): StorefrontHome {
  return {
    shop: {
      shopId: 'S1', code: 'ABC234', name: '街角小卖部', logo: null, phone: '13800000000', description: '楼下的小店',
      delivery: [{ method: 'pickup', fee: fen(0), freeFrom: null, note: '' }], payOnPickup: false, acceptsWechatPay: true,
      pickup: { address: '幸福路 12 号一楼', note: '9:00-21:00' },
    },
    categories: [{ categoryId: 'C1', name: '饮料', sort: 0 }],
    products: [card(), card({ productId: 'P2', name: '乐事薯片', price: fen(650), payPrice: fen(650), memberPrice: fen(550) })],
    hasMore: false,
    plans: [],
    memberships: [],
    ...over,
  };
}

export function quote(over: Partial<QuoteView> = {}): QuoteView {
  return {
    shopId: 'S1',
    lines: [{
      lineNo: 1, productId: 'P1', skuId: null, skuLabel: null, kind: 'physical', name: '农夫山泉 550ml', cover: null, quantity: 2,
      listPrice: fen(200), unitPrice: fen(200), memberPriceApplied: false, lineTotal: fen(400), unlimited: false, stock: 50,
      membership: null, digital: null, discountFen: fen(0),
    }],
    unavailable: [], itemCount: 2, subtotal: fen(400), memberSavings: fen(0), deliveryMethod: null,
    deliveryFee: fen(0), total: fen(400), hasPhysical: true, hasVirtual: false, deliveryMethods: ['pickup', 'local'],
    requiresAddress: false, acceptsWechatPay: true, discount: fen(0), discounts: null, couponOptions: [], ...over,
  };
}

export function order(over: Partial<OrderDetailView> = {}): OrderDetailView {
  const t0 = Date.UTC(2026, 10, 22, 2, 0, 0);
  const view = baseOrder(t0, over);
  return { ...view, statusLabel: over.statusLabel ?? orderStatusLabel({ ...view, hasPhysical: view.lines.some((l) => l.kind === 'physical') }) };
}

function baseOrder(t0: number, over: Partial<OrderDetailView>): OrderDetailView {
  return {
    orderId: 'O20261122100000abcdefgh', shopId: 'S1', shopName: '街角小卖部', buyerOpenid: 'o_buyer', buyerName: '顾客 K7Q2', status: 'unpaid',
    statusLabel: '待付款', afterSale: null,
    shopContact: { phone: '13800000000', pickupAddress: '幸福路 12 号一楼', pickupNote: '9:00-21:00 营业', deliveryNote: '' },
    lines: [{
      lineNo: 1, productId: 'P1', skuId: null, skuLabel: null, kind: 'physical', name: '农夫山泉 550ml', cover: null, quantity: 2, listPrice: fen(200),
      unitPrice: fen(200), memberPriceApplied: false, lineTotal: fen(400), membership: null, digital: null, soldOut: false,
      refundedQuantity: 0, refundedFen: fen(0), discountFen: fen(0),
    }],
    itemCount: 2, subtotal: fen(400), deliveryFee: fen(0), discount: fen(0), discounts: null, total: fen(400),
    delivery: { method: 'pickup', fee: fen(0), address: null }, note: '', paymentMethod: 'wechat', outTradeNo: 'O20261122100000abcdefgh',
    paidFen: fen(0), refundedFen: fen(0), refundPendingFen: fen(0), fulfilment: null, cancelReason: null, rejectReason: null,
    timeline: [{ at: t0, event: 'placed', actor: 'buyer', by: 'o_buyer', from: null, to: 'unpaid', note: null }],
    createdAt: t0, expiresAt: t0 + 15 * 60_000, paidAt: null, actions: ['cancel', 'repay', 'confirmPaid'], downloads: [], refunds: [],
    ...over,
  };
}
