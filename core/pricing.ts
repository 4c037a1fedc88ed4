// The server-computed quote (确认订单): the client never decides a price or a total (PRODUCT.md rules).
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
// 4. Stock: limited products need stock ≥ quantity → OUT_OF_STOCK with `available`.
// Member price: a product's `memberPrice` applies while the buyer holds its `memberTag`, or any active
// tag of the shop when the product names none; the same qualification unlocks members-only products.
// Delivery: only physical goods need it; the fee of the chosen method, waived when the physical
// subtotal reaches the method's `freeFrom`. Virtual-only orders have no delivery method and no fee.
import { fail, ok, type Result } from './errors';
import { addFen, MAX_ORDER_TOTAL_FEN, minFen, multiplyFen, subFen, sumFen, ZERO_FEN, type Fen } from './money';
import type { AppliedDiscounts, DeliverySettings, DigitalFile, MembershipPlan, PricedLine, ProductKind } from './model';
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
}

export interface CartLine {
  productId: string;
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
  | 'PRODUCT_NOT_FOUND' | 'PRODUCT_UNAVAILABLE' | 'OFF_SHELF' | 'MEMBERS_ONLY' | 'QUANTITY_LIMIT' | 'OUT_OF_STOCK';

export interface QuotedLine extends PricedLine {
  /** Unlimited products are not reserved (checkout.ts reservationPlan). */
  unlimited: boolean;
  digital: DigitalFile | null;
}

export interface UnavailableLine {
  productId: string;
  /** null when the product does not exist (for this shop). */
  name: string | null;
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

/** Sums quantities per product, keeping the order of first appearance. */
export function mergeCartLines(lines: readonly CartLine[]): CartLine[] {
  const merged = new Map<string, number>();
  for (const { productId, quantity } of lines) merged.set(productId, (merged.get(productId) ?? 0) + quantity);
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
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

function unavailableReason(p: ProductSnapshot | undefined, shopId: string, quantity: number, tags: readonly string[]): UnavailableLine['reason'] | null {
  if (!p || p.shopId !== shopId) return 'PRODUCT_NOT_FOUND';
  if (p.deleted) return 'PRODUCT_UNAVAILABLE';
  if (!p.onShelf) return 'OFF_SHELF';
  if (p.membersOnly && !qualifiesAsMember(p, tags)) return 'MEMBERS_ONLY';
  if (quantity < MIN_QUANTITY || quantity > maxQuantityFor(p.kind)) return 'QUANTITY_LIMIT';
  if (!p.unlimited && p.stock < quantity) return 'OUT_OF_STOCK';
  return null;
}

export function quote(input: QuoteInput): Result<Quote> {
  const offered = offeredDeliveryMethods(input.delivery);
  if (input.deliveryMethod !== null && !offered.includes(input.deliveryMethod)) {
    return fail('DELIVERY_NOT_AVAILABLE', { method: input.deliveryMethod, offered });
  }
  const byId = new Map(input.products.map((p) => [p._id, p]));
  const lines: QuotedLine[] = [];
  const unavailable: UnavailableLine[] = [];
  for (const { productId, quantity } of mergeCartLines(input.lines)) {
    const p = byId.get(productId);
    const reason = unavailableReason(p, input.shopId, quantity, input.memberTags);
    if (reason !== null || !p) {
      const known = p && p.shopId === input.shopId ? p : null;
      const available =
        reason === 'OUT_OF_STOCK' && known ? known.stock : reason === 'QUANTITY_LIMIT' && known ? maxQuantityFor(known.kind) : null;
      unavailable.push({ productId, name: known ? known.name : null, quantity, reason: reason ?? 'PRODUCT_NOT_FOUND', available });
      continue;
    }
    const { unitPrice, memberPriceApplied } = unitPriceFor(p, input.memberTags);
    lines.push({
      lineNo: lines.length + 1,
      productId,
      kind: p.kind,
      name: p.name,
      // a photo still under content-security review is not shown (model.ts ProductDoc.reviewing)
      cover: p.photos.find((f) => !(p.reviewing ?? []).includes(f)) ?? null,
      quantity,
      listPrice: p.price,
      unitPrice,
      memberPriceApplied,
      lineTotal: multiplyFen(unitPrice, quantity),
      discountFen: ZERO_FEN,
      unlimited: p.unlimited,
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
    return fail(first.reason, { productId: first.productId, available: first.available, unavailable: q.unavailable.length });
  }
  if (q.lines.length === 0) return fail('CART_EMPTY');
  if (q.hasPhysical && q.deliveryMethod === null) return fail('DELIVERY_NOT_AVAILABLE', { method: null, offered: q.deliveryMethods });
  if (q.total > MAX_ORDER_TOTAL_FEN) return fail('ORDER_TOTAL_TOO_LARGE', { total: q.total, max: MAX_ORDER_TOTAL_FEN });
  return ok(q);
}
