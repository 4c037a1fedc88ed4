// Complete documents with sensible defaults, for unit tests here and for seeding the local cloud in the
// server's integration tests. Only tests import this file.
import { fen } from '../money';
import type { DeliverySettings, MembershipDoc, OrderDoc, OrderLine, ProductDoc, ProductOption, ProductSku, ShopDoc, ShopSettings } from '../model';
import { combinations, labelOf, skuIdOf } from '../options';
import { defaultShopSettings } from '../checkout';

export const FIXTURE_NOW = Date.UTC(2024, 5, 1, 2, 0, 0); // 2024-06-01 10:00 China

export function makeDelivery(overrides: Partial<DeliverySettings> = {}): DeliverySettings {
  return {
    pickup: { enabled: true, address: '幸福路 1 号', note: '' },
    local: { enabled: true, fee: fen(500), freeFrom: fen(5000), note: '' },
    express: { enabled: false, fee: fen(1000), freeFrom: null, note: '' },
    ...overrides,
  };
}

export function makeSettings(overrides: Partial<ShopSettings> = {}): ShopSettings {
  return { ...defaultShopSettings(), subMchId: '1900000109', delivery: makeDelivery(), ...overrides };
}

export function makeShop(overrides: Partial<ShopDoc> = {}): ShopDoc {
  return {
    _id: 'S20240601100000shop0001',
    ownerOpenid: 'oOwner0000000000000000000001',
    name: '街角小店',
    logo: null,
    phone: '13800000000',
    description: '',
    code: 'ABC234',
    settings: makeSettings(),
    createdAt: FIXTURE_NOW,
    updatedAt: FIXTURE_NOW,
    ...overrides,
  };
}

export function makeProduct(overrides: Partial<ProductDoc> = {}): ProductDoc {
  return {
    _id: 'P20240601100000prod0001',
    shopId: 'S20240601100000shop0001',
    kind: 'physical',
    name: '蓝色薯片',
    description: '',
    photos: ['cloud://env.bucket/p1.png'],
    price: fen(1200),
    memberPrice: null,
    memberTag: null,
    membersOnly: false,
    unlimited: false,
    stock: 10,
    reserved: 0,
    sold: 0,
    onShelf: true,
    deleted: false,
    deletedAt: null,
    categoryId: null,
    sort: 0,
    membership: null,
    digital: null,
    createdAt: FIXTURE_NOW,
    updatedAt: FIXTURE_NOW,
    ...overrides,
  };
}

/**
 * Options for a seeded product: groups of value names (ids v1, v2… in order) and every combination as a
 * SKU of 10 units at ¥12 unless `sku` says otherwise (given the label '白色 / M' and the position).
 */
export function makeOptions(
  groups: [string, string[]][], sku: (label: string, i: number) => Partial<ProductSku> = () => ({}),
): Pick<ProductDoc, 'options' | 'skus' | 'optionSeq'> {
  let seq = 1;
  const options: ProductOption[] = groups.map(([name, values]) => ({ name, values: values.map((v) => ({ id: `v${seq++}`, name: v, photo: null })) }));
  const skus: Record<string, ProductSku> = {};
  combinations(options).forEach((values, i) => {
    const label = labelOf(options, values);
    skus[skuIdOf(values)] = {
      values, label, price: fen(1200), memberPrice: null, unlimited: false, stock: 10, reserved: 0, sold: 0, holds: {}, onShelf: true,
      retired: false, ...sku(label, i),
    };
  });
  return { options, skus, optionSeq: seq };
}

export function makeMembershipProduct(overrides: Partial<ProductDoc> = {}): ProductDoc {
  return makeProduct({
    _id: 'P20240601100000plan0001',
    kind: 'membership',
    name: '月卡',
    price: fen(3000),
    unlimited: true,
    stock: 0,
    membership: { tag: 'vip', lifetime: false, days: 30 },
    ...overrides,
  });
}

export function makeDigitalProduct(overrides: Partial<ProductDoc> = {}): ProductDoc {
  return makeProduct({
    _id: 'P20240601100000file0001',
    kind: 'digital',
    name: '电子书',
    price: fen(990),
    unlimited: true,
    stock: 0,
    digital: { fileID: 'cloud://env.bucket/book.pdf', fileName: 'book.pdf', downloadLimit: 5, version: 1 },
    ...overrides,
  });
}

export function makeLine(overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    lineNo: 1, productId: 'P20240601100000prod0001', skuId: null, skuLabel: null, kind: 'physical', name: '蓝色薯片', cover: null, quantity: 2,
    listPrice: fen(1200), unitPrice: fen(1200), memberPriceApplied: false, lineTotal: fen(2400), membership: null,
    digital: null, soldOut: false, refundedQuantity: 0, refundedFen: fen(0), discountFen: fen(0), ...overrides,
  };
}

/** An unpaid WeChat Pay pickup order of 2 × ¥12, placed at FIXTURE_NOW. */
export function makeOrder(overrides: Partial<OrderDoc> = {}): OrderDoc {
  const orderId = overrides._id ?? 'O20240601100000order001';
  return {
    _id: orderId, shopId: 'S20240601100000shop0001', buyerOpenid: 'oBuyer0000000000000000000001', requestId: 'req-00000001',
    status: 'unpaid', lines: [makeLine()], itemCount: 2, subtotal: fen(2400), deliveryFee: fen(0), discount: fen(0), discounts: null, couponId: null, total: fen(2400),
    delivery: { method: 'pickup', fee: fen(0), address: null }, note: '', paymentMethod: 'wechat', outTradeNo: orderId,
    payment: { channel: 'cloudpay', subMchId: '1900000109', params: null, payExpiresAt: FIXTURE_NOW + 14 * 60_000, transactionId: null, lastQueriedAt: null },
    memberTags: [], hasPhysical: true, hasVirtual: false, expiresAt: FIXTURE_NOW + 15 * 60_000, stockState: 'reserved', owed: [], paidWith: null, completeDueAt: null,
    paidFen: fen(0), refundedFen: fen(0), refundPendingFen: fen(0), deliveryRefundedFen: fen(0), refundCount: 0,
    fulfilment: null, cancelReason: null, rejectReason: null, timeline: [], createdAt: FIXTURE_NOW, updatedAt: FIXTURE_NOW,
    paidAt: null, acceptedAt: null, fulfilledAt: null, completedAt: null, cancelledAt: null, refundedAt: null, ...overrides,
  };
}

export function makeMembership(overrides: Partial<MembershipDoc> = {}): MembershipDoc {
  return {
    _id: 'S20240601100000shop0001.oBuyer0000000000000000000001.vip', shopId: 'S20240601100000shop0001',
    buyerOpenid: 'oBuyer0000000000000000000001', tag: 'vip', expiresAt: FIXTURE_NOW + 30 * 86_400_000, termStartedAt: FIXTURE_NOW,
    lifetimeGrants: 0, lifetime: false, reminderSentFor: null, expiredAt: null, createdAt: FIXTURE_NOW, updatedAt: FIXTURE_NOW, ...overrides,
  };
}
