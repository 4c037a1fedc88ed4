// The server-computed quote (确认订单): the client never decides a price or a total (docs/product.md §B).
// `quote` is pure: the server reads the products, the buyer's active tags in the shop (membership.ts
// activeTags at the moment of the call) and the shop's delivery settings, and passes them in.
//
// Rules, in the order they are checked for each product:
// 1. Quantities of the same product across cart lines are summed first (Medusa's oversell checklist),
//    so two lines of 6 against a stock of 10 are one request for 12.
// 2. A product missing, of another shop → PRODUCT_NOT_FOUND; soft-deleted → PRODUCT_UNAVAILABLE;
//    off shelf → OFF_SHELF; members-only without the qualifying tag → MEMBERS_ONLY.
// 3. Quantity 1..999 per product; membership plans and digital files are bought one at a time
//    (quantity exactly 1 per order: two copies of a PDF are meaningless and "2 × 30 days" is a
//    renewal, bought again) → QUANTITY_LIMIT with `available` = the allowed maximum.
// 4. Options (options.ts): a product with options is bought by SKU (none named → SKU_REQUIRED, an
//    unknown one → SKU_NOT_FOUND, one switched off or retired → OFF_SHELF); the SKU's price, member
//    price and stock then stand for the product's. Quantities merge per (product, SKU).
// 5. Stock: limited products (or SKUs) need stock ≥ quantity → OUT_OF_STOCK with `available`.
// Member price: a product's `memberPrice` applies while the buyer holds its `memberTag`, or any active
// tag of the shop when the product names none; the same qualification unlocks members-only products.
// Delivery: only physical goods need it; the fee of the chosen method, waived when the physical
// subtotal reaches the method's `freeFrom`. Virtual-only orders have no delivery method and no fee.
import { fail, ok, type Result } from './errors';
import { addFen, MAX_ORDER_TOTAL_FEN, minFen, multiplyFen, subFen, sumFen, ZERO_FEN, type Fen } from './money';
import type { AppliedDiscounts, DeliverySettings, DigitalFile, MembershipPlan, PricedLine, ProductKind, ProductOption, ProductSku } from './model';
import { offerOf, type Offer } from './options';
import type { CouponOption } from './promotions';
import { DELIVERY_METHODS, type DeliveryMethod } from './order-state';

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 999;
export const MAX_CART_LINES = 50;

/** The fields of a product document that pricing reads (model.ts ProductDoc satisfies it). */
export interface ProductSnapshot {
  _id: string;
  shopId: string;
  kind: ProductKind;
  name: string;
  photos: readonly string[];
  price: Fen;
  memberPrice: Fen | null;
  memberTag: string | null;
  membersOnly: boolean;
  unlimited: boolean;
  stock: number;
  onShelf: boolean;
  deleted: boolean;
  membership: MembershipPlan | null;
  digital: DigitalFile | null;
  /** Photos still under content-security review (model.ts): never a line's cover. */
  reviewing?: readonly string[];
  options?: ProductOption[];
  skus?: Record<string, ProductSku>;
}

export interface CartLine {
  productId: string;
  /** The SKU of a product with options; null or absent without. */
  skuId?: string | null;
  quantity: number;
}

export interface QuoteInput {
  shopId: string;
  products: readonly ProductSnapshot[];
  lines: readonly CartLine[];
  /** The buyer's active member tags in this shop, now. */
  memberTags: readonly string[];
  delivery: DeliverySettings;
  /** The buyer's choice; null while not chosen (the quote then shows no fee). */
  deliveryMethod: DeliveryMethod | null;
}

export type UnavailableReason =
  | 'PRODUCT_NOT_FOUND' | 'PRODUCT_UNAVAILABLE' | 'OFF_SHELF' | 'MEMBERS_ONLY' | 'SKU_REQUIRED' | 'SKU_NOT_FOUND' | 'QUANTITY_LIMIT'
  | 'OUT_OF_STOCK';

export interface QuotedLine extends PricedLine {
  /** Unlimited products are not reserved (checkout.ts reservationPlan). */
  unlimited: boolean;
  /** Units left now (null: unlimited), so the cart can keep its stepper within them. */
  stock: number | null;
  digital: DigitalFile | null;
}

export interface UnavailableLine {
  productId: string;
  skuId: string | null;
  /** null when the product does not exist (for this shop). */
  name: string | null;
  /** The SKU's label when it exists. */
  skuLabel: string | null;
  quantity: number;
  reason: UnavailableReason;
  /** OUT_OF_STOCK: units left; QUANTITY_LIMIT: the most allowed; otherwise null. */
  available: number | null;
}

export interface Quote {
  shopId: string;
  lines: QuotedLine[];
  unavailable: UnavailableLine[];
  itemCount: number;
  subtotal: Fen;
  /** What member prices saved against list prices. */
  memberSavings: Fen;
  /** null when the order has no physical goods, or none was chosen yet. */
  deliveryMethod: DeliveryMethod | null;
  deliveryFee: Fen;
  /** Promotions (promotions.ts applyPromotions): what came off the subtotal, what applied, the buyer's coupons. */
  discount: Fen;
  discounts: AppliedDiscounts | null;
  couponOptions: CouponOption[];
  total: Fen;
  hasPhysical: boolean;
  hasVirtual: boolean;
  /** The methods the shop offers (for the checkout page's picker). */
  deliveryMethods: DeliveryMethod[];
  /** Local delivery and express need the buyer's address. */
  requiresAddress: boolean;
}

export interface MergedLine {
  productId: string;
  skuId: string | null;
  quantity: number;
}

/** Sums quantities per (product, SKU), keeping the order of first appearance. */
export function mergeCartLines(lines: readonly CartLine[]): MergedLine[] {
  const merged = new Map<string, MergedLine>();
  for (const { productId, skuId = null, quantity } of lines) {
    const key = `${productId}/${skuId ?? ''}`;
    const line = merged.get(key);
    if (line) line.quantity += quantity;
    else merged.set(key, { productId, skuId, quantity });
  }
  return [...merged.values()];
}

export function qualifiesAsMember(product: Pick<ProductSnapshot, 'memberTag'>, memberTags: readonly string[]): boolean {
  return product.memberTag === null ? memberTags.length > 0 : memberTags.includes(product.memberTag);
}

export function offeredDeliveryMethods(delivery: DeliverySettings): DeliveryMethod[] {
  return DELIVERY_METHODS.filter((m) => delivery[m].enabled);
}

/** The delivery fee for a physical subtotal; pickup is free. */
export function deliveryFeeFor(delivery: DeliverySettings, method: DeliveryMethod, physicalSubtotal: Fen): Fen {
  if (method === 'pickup') return ZERO_FEN;
  const option = delivery[method];
  return option.freeFrom !== null && physicalSubtotal >= option.freeFrom ? ZERO_FEN : option.fee;
}

function maxQuantityFor(kind: ProductKind): number {
  return kind === 'physical' ? MAX_QUANTITY : 1;
}

/** The price this buyer pays for one unit, and whether it is the member price (storefront uses it too). */
export function unitPriceFor(product: Pick<ProductSnapshot, 'price' | 'memberPrice' | 'memberTag'>, memberTags: readonly string[]) {
  if (product.memberPrice !== null && qualifiesAsMember(product, memberTags)) {
    const unitPrice = minFen(product.memberPrice, product.price);
    return { unitPrice, memberPriceApplied: unitPrice < product.price };
  }
  return { unitPrice: product.price, memberPriceApplied: false };
}

function unavailableReason(p: ProductSnapshot | undefined, shopId: string, line: MergedLine, tags: readonly string[]):
  { reason: UnavailableReason; offer: Offer | null } | { reason: null; offer: Offer } {
  if (!p || p.shopId !== shopId) return { reason: 'PRODUCT_NOT_FOUND', offer: null };
  if (p.deleted) return { reason: 'PRODUCT_UNAVAILABLE', offer: null };
  if (!p.onShelf) return { reason: 'OFF_SHELF', offer: null };
  if (p.membersOnly && !qualifiesAsMember(p, tags)) return { reason: 'MEMBERS_ONLY', offer: null };
  const found = offerOf(p, line.skuId);
  if (!found.ok) return { reason: found.problem, offer: null };
  const { offer } = found;
  if (line.quantity < MIN_QUANTITY || line.quantity > maxQuantityFor(p.kind)) return { reason: 'QUANTITY_LIMIT', offer };
  if (!offer.unlimited && offer.stock < line.quantity) return { reason: 'OUT_OF_STOCK', offer };
  return { reason: null, offer };
}

/** The photo of the SKU's first-group value when it has one, else the product's cover. */
/** A line's cover: its first option value's photo, else the product's first photo — never one still under review. */
export function coverOf(p: Pick<ProductSnapshot, 'photos' | 'options' | 'skus' | 'reviewing'>, skuId: string | null): string | null {
  const shown = (f: string | null | undefined) => (f && !(p.reviewing ?? []).includes(f) ? f : null);
  const first = skuId !== null ? p.skus?.[skuId]?.values[0] : undefined;
  const photo = first !== undefined ? p.options?.[0]?.values.find((v) => v.id === first)?.photo : null;
  return shown(photo) ?? p.photos.find((f) => shown(f) !== null) ?? null;
}

export function quote(input: QuoteInput): Result<Quote> {
  const offered = offeredDeliveryMethods(input.delivery);
  if (input.deliveryMethod !== null && !offered.includes(input.deliveryMethod)) {
    return fail('DELIVERY_NOT_AVAILABLE', { method: input.deliveryMethod, offered });
  }
  const byId = new Map(input.products.map((p) => [p._id, p]));
  const lines: QuotedLine[] = [];
  const unavailable: UnavailableLine[] = [];
  for (const line of mergeCartLines(input.lines)) {
    const { productId, skuId, quantity } = line;
    const p = byId.get(productId);
    const { reason, offer } = unavailableReason(p, input.shopId, line, input.memberTags);
    if (reason !== null || !p) {
      const known = p && p.shopId === input.shopId ? p : null;
      const available =
        reason === 'OUT_OF_STOCK' && offer ? offer.stock : reason === 'QUANTITY_LIMIT' && known ? maxQuantityFor(known.kind) : null;
      const skuLabel = skuId !== null ? (known?.skus?.[skuId]?.label ?? null) : null;
      unavailable.push({ productId, skuId, name: known ? known.name : null, skuLabel, quantity, reason: reason ?? 'PRODUCT_NOT_FOUND', available });
      continue;
    }
    const { unitPrice, memberPriceApplied } = unitPriceFor({ price: offer.price, memberPrice: offer.memberPrice, memberTag: p.memberTag }, input.memberTags);
    lines.push({
      lineNo: lines.length + 1,
      productId,
      skuId,
      skuLabel: offer.label,
      kind: p.kind,
      name: p.name,
      cover: coverOf(p, skuId),
      quantity,
      listPrice: offer.price,
      unitPrice,
      memberPriceApplied,
      lineTotal: multiplyFen(unitPrice, quantity),
      discountFen: ZERO_FEN,
      unlimited: offer.unlimited,
      stock: offer.unlimited ? null : offer.stock,
      membership: p.kind === 'membership' ? p.membership : null,
      digital: p.kind === 'digital' ? p.digital : null,
    });
  }
  const physical = lines.filter((l) => l.kind === 'physical');
  const hasPhysical = physical.length > 0;
  const subtotal = sumFen(lines.map((l) => l.lineTotal));
  const listTotal = sumFen(lines.map((l) => multiplyFen(l.listPrice, l.quantity)));
  const deliveryMethod = hasPhysical ? input.deliveryMethod : null;
  const deliveryFee =
    deliveryMethod === null ? ZERO_FEN : deliveryFeeFor(input.delivery, deliveryMethod, sumFen(physical.map((l) => l.lineTotal)));
  return ok({
    shopId: input.shopId,
    lines,
    unavailable,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    subtotal,
    memberSavings: subFen(listTotal, subtotal),
    deliveryMethod,
    deliveryFee,
    discount: ZERO_FEN,
    discounts: null,
    couponOptions: [],
    total: addFen(subtotal, deliveryFee),
    hasPhysical,
    hasVirtual: lines.some((l) => l.kind !== 'physical'),
    deliveryMethods: offered,
    requiresAddress: deliveryMethod === 'local' || deliveryMethod === 'express',
  });
}

/**
 * What `place` requires beyond a quote: something to buy, nothing unavailable (the first problem is
 * the error, with productId / available in details), a delivery method when goods must travel, and a
 * total WeChat Pay accepts.
 */
export function checkQuotePlaceable(q: Quote): Result<Quote> {
  const first = q.unavailable[0];
  if (first) {
    return fail(first.reason, { productId: first.productId, skuId: first.skuId, available: first.available, unavailable: q.unavailable.length });
  }
  if (q.lines.length === 0) return fail('CART_EMPTY');
  if (q.hasPhysical && q.deliveryMethod === null) return fail('DELIVERY_NOT_AVAILABLE', { method: null, offered: q.deliveryMethods });
  if (q.total > MAX_ORDER_TOTAL_FEN) return fail('ORDER_TOTAL_TOO_LARGE', { total: q.total, max: MAX_ORDER_TOTAL_FEN });
  return ok(q);
}
