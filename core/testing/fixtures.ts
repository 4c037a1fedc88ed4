// Complete documents with sensible defaults, for unit tests here and for seeding the local cloud in the
// server's integration tests. Only tests import this file.
import { fen } from '../money';
import type { DeliverySettings, ProductDoc, ShopDoc, ShopSettings } from '../model';
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
