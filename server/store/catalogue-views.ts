// Documents → the views of core/contracts/views.ts. Owners see everything (stock, reserved, sold,
// settings); buyers see the price they pay, whether they may buy, and nothing of the shop's bookkeeping.
import { isSoldOut } from '../../core/catalogue';
import type {
  CategoryView, DeliveryOffer, MembershipView, OwnerProductView, OwnerSkuView, ProductCardView, ProductView, ShopOwnerView, ShopPublicView, ShopSummary,
  SkuView,
} from '../../core/contracts/views';
import { hasOptions, liveSkus, optionsStock } from '../../core/options';
import { daysLeft, membershipState } from '../../core/membership';
import type { CategoryDoc, MembershipDoc, ProductDoc, ProductSku, ShopDoc, ShopSettings } from '../../core/model';
import { DELIVERY_METHODS } from '../../core/order-state';
import { qualifiesAsMember, unitPriceFor } from '../../core/pricing';
import { ZERO_FEN } from '../../core/money';
import type { Database } from '../wechat/sdk';
import type { ShopRole } from '../../core/roles';

/**
 * What every view of a shop carries: who it is and its logo. Pictures are cloud:// fileIDs only: the
 * mini-program's <Image> loads them itself and the H5 preview resolves them (src/services/images.ts), so
 * no view costs a storage round trip (docs/decisions.md §D20).
 */
function shopIdentity(shop: ShopDoc) {
  return { shopId: shop._id, code: shop.code, name: shop.name, logo: shop.logo };
}

/** Pictures a buyer may see: those whose content-security check has passed (model.ts `reviewing`). */
export function passedPictures(files: string[], reviewing: readonly string[] | undefined): string[] {
  return reviewing && reviewing.length > 0 ? files.filter((f) => !reviewing.includes(f)) : files;
}

/** The shop as buyers see it: a logo still under review is not shown. */
function publicIdentity(shop: ShopDoc) {
  const logo = shop.logo && passedPictures([shop.logo], shop.reviewing).length === 1 ? shop.logo : null;
  return { ...shopIdentity(shop), logo };
}

export function shopOwnerView(shop: ShopDoc, role: ShopRole = 'owner'): ShopOwnerView {
  return {
    ...shopIdentity(shop),
    phone: shop.phone,
    description: shop.description,
    // Shops from before payment channels have neither field: Cloud Pay, general goods.
    settings: { ...shop.settings, payChannel: shop.settings.payChannel ?? 'cloudpay', goodsCategory: shop.settings.goodsCategory ?? 'general' },
    createdAt: shop.createdAt,
    logoReviewing: shop.logo !== null && (shop.reviewing ?? []).includes(shop.logo),
    role,
  };
}

export function shopSummary(shop: ShopDoc, waiting: number, role: ShopRole = 'owner'): ShopSummary {
  return {
    ...shopIdentity(shop),
    acceptMode: shop.settings.acceptMode,
    waiting,
    role,
  };
}

/** The delivery methods the shop offers, as the checkout page lists them. */
export function deliveryOffers(settings: ShopSettings): DeliveryOffer[] {
  const { pickup } = settings.delivery;
  return DELIVERY_METHODS.filter((m) => settings.delivery[m].enabled).map((method) => {
    if (method === 'pickup') {
      return { method, fee: ZERO_FEN, freeFrom: null, note: [pickup.address, pickup.note].filter(Boolean).join('；') };
    }
    const option = settings.delivery[method];
    return { method, fee: option.fee, freeFrom: option.freeFrom, note: option.note };
  });
}

export function shopPublicView(shop: ShopDoc): ShopPublicView {
  return {
    ...publicIdentity(shop),
    phone: shop.phone,
    description: shop.description,
    delivery: deliveryOffers(shop.settings),
    payOnPickup: shop.settings.payOnPickup,
    acceptsWechatPay: shop.settings.subMchId !== null,
    pickup: shop.settings.delivery.pickup.enabled ? { address: shop.settings.delivery.pickup.address, note: shop.settings.delivery.pickup.note } : null,
  };
}

export function categoryView(c: CategoryDoc): CategoryView {
  return { categoryId: c._id, name: c.name, sort: c.sort };
}

/** What the owner's and the buyer's views of a product share. */
function productBase(p: ProductDoc) {
  return {
    productId: p._id,
    kind: p.kind,
    name: p.name,
    description: p.description,
    photos: p.photos,
    price: p.price,
    memberPrice: p.memberPrice,
    memberTag: p.memberTag,
    membersOnly: p.membersOnly,
    categoryId: p.categoryId,
    sort: p.sort,
    membership: p.membership,
    options: (p.options ?? []).map((g) => ({
      name: g.name,
      values: g.values.map((x) => ({ id: x.id, name: x.name, photo: x.photo })),
    })),
  };
}

/** Every SKU of the product for its owner: those of the current options in order, then the retired ones. */
function ownerSkus(p: ProductDoc): OwnerSkuView[] {
  const skus = p.skus ?? {};
  const live = liveSkus(p).map((x) => x.skuId);
  const retired = Object.keys(skus).filter((id) => !live.includes(id)).sort();
  return [...live, ...retired].map((skuId) => {
    const s = skus[skuId];
    return {
      skuId, values: s.values, label: s.label, price: s.price, memberPrice: s.memberPrice, unlimited: s.unlimited, stock: s.stock,
      reserved: s.reserved, sold: s.sold, onShelf: s.onShelf, retired: s.retired,
    };
  });
}

/** The SKUs a buyer may pick from, at the price this buyer pays. */
function buyerSkus(p: ProductDoc, memberTags: readonly string[]): SkuView[] {
  return liveSkus(p).map(({ skuId, sku }) => {
    const { unitPrice, memberPriceApplied } = unitPriceFor({ price: sku.price, memberPrice: sku.memberPrice, memberTag: p.memberTag }, memberTags);
    return {
      skuId, values: sku.values, label: sku.label, price: sku.price, memberPrice: sku.memberPrice, payPrice: unitPrice, memberPriceApplied,
      stock: sku.unlimited ? null : sku.stock, soldOut: !sku.unlimited && sku.stock <= 0, onShelf: sku.onShelf,
    };
  });
}

export function ownerProductView(p: ProductDoc): OwnerProductView {
  return {
    ...productBase(p),
    reviewing: p.reviewing ?? [],
    unlimited: p.unlimited,
    stock: p.stock,
    reserved: p.reserved,
    sold: p.sold,
    onShelf: p.onShelf,
    deleted: p.deleted,
    digital: p.digital,
    updatedAt: p.updatedAt,
    skus: ownerSkus(p),
  };
}

/** A product as one buyer sees it: pricing.ts decides the price this buyer pays with the tags they hold now. */
export function productView(p: ProductDoc, memberTags: readonly string[]): ProductView {
  const { unitPrice, memberPriceApplied } = unitPriceFor(p, memberTags);
  return {
    // photos still under content-security review are not shown to buyers
    ...productBase({ ...p, photos: passedPictures(p.photos, p.reviewing) }),
    payPrice: unitPrice,
    memberPriceApplied,
    locked: p.membersOnly && !qualifiesAsMember(p, memberTags),
    soldOut: isSoldOut(p),
    stock: hasOptions(p) ? optionsStock(p) : p.unlimited ? null : p.stock,
    digital: p.digital ? { fileName: p.digital.fileName, downloadLimit: p.digital.downloadLimit } : null,
    skus: buyerSkus(p, memberTags),
  };
}

/**
 * A product as its card needs it, for an aggregate's `$project` (server/storefront/shelf.ts): the option
 * value ids (which SKUs are live) and each SKU's stock and switches — not its holds, not the values'
 * names and photos, not the description. Built with the SDK's aggregate operators (docs/wechat-contracts.md §2.8).
 */
export function cardProjection(db: Database): Record<string, unknown> {
  return {
    _id: 1, kind: 1, name: 1, photos: 1, reviewing: 1, price: 1, memberPrice: 1, memberTag: 1, membersOnly: 1, categoryId: 1,
    sort: 1, createdAt: 1, unlimited: 1, stock: 1, onShelf: 1, deleted: 1, 'options.values.id': 1,
    skus: skusWith(db, ['stock', 'unlimited', 'onShelf', 'retired']),
  };
}

/** An aggregate expression: the product's SKU map with only the named fields of each SKU (never its holds). */
function skusWith(db: Database, fields: readonly (keyof ProductSku)[]): unknown {
  const $ = db.command.aggregate;
  return $.arrayToObject($.map({
    input: $.objectToArray($.ifNull(['$skus', {}])),
    as: 's',
    in: { k: '$$s.k', v: Object.fromEntries(fields.map((f) => [f, `$$s.v.${f}`])) },
  }));
}

/**
 * The owner's list reads products through an aggregate's `$addFields` that replaces each SKU by the fields
 * OwnerSkuView shows: a SKU's holds (one entry per unpaid order holding it) never leave the database.
 */
export function ownerListFields(db: Database): Record<string, unknown> {
  return { skus: skusWith(db, ['values', 'label', 'price', 'memberPrice', 'unlimited', 'stock', 'reserved', 'sold', 'onShelf', 'retired']) };
}

/** A product in a list: what its card shows at the price this buyer pays, nothing of the rest. */
export function productCardView(p: ProductDoc, memberTags: readonly string[]): ProductCardView {
  const { unitPrice, memberPriceApplied } = unitPriceFor(p, memberTags);
  return {
    productId: p._id,
    kind: p.kind,
    name: p.name,
    photo: passedPictures(p.photos, p.reviewing)[0] ?? null,
    price: p.price,
    memberPrice: p.memberPrice,
    memberTag: p.memberTag,
    membersOnly: p.membersOnly,
    categoryId: p.categoryId,
    payPrice: unitPrice,
    memberPriceApplied,
    locked: p.membersOnly && !qualifiesAsMember(p, memberTags),
    soldOut: isSoldOut(p),
    stock: hasOptions(p) ? optionsStock(p) : p.unlimited ? null : p.stock,
    hasOptions: hasOptions(p),
  };
}

/** Checked on read (seed 001's "check at login"): the stored document is never trusted to be active. */
export function membershipView(m: MembershipDoc, shopName: string, now: number): MembershipView {
  return {
    shopId: m.shopId,
    shopName,
    tag: m.tag,
    state: membershipState(m, now),
    expiresAt: m.expiresAt,
    lifetime: m.lifetime,
    daysLeft: daysLeft(m, now),
  };
}

/** Catalogue order: `sort` ascending, then oldest first, so equal sorts keep a stable order. */
export function bySortThenCreated(a: { sort: number; createdAt: number; _id: string }, b: { sort: number; createdAt: number; _id: string }): number {
  return a.sort - b.sort || a.createdAt - b.createdAt || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}
