// The invariants of a shop's money and stock, read straight from the database (the crash-point and
// kill -9 suites audit with it):
//   per limited product: available + reserved + sold = initial, stock ≥ 0, and reserved = the units its
//   holds keep = the units its unpaid orders hold;
//   every paid order has its payment record, and its grants and entitlements on the lines not refunded;
//   no grant or entitlement lives on an unpaid order or on a line refunded in full;
//   every unpaid order holds exactly one of its buyer's unpaid slots, and no slot outlives its order;
//   the owner's day figures and customer rows add up to the orders' money, paid and refunded;
//   no order still owes an effect;
//   a coupon is held only by an unpaid order that names it, used only by a paid one that names it, every
//   unpaid order naming a coupon holds it, a full refund while it was valid gave it back, and no coupon is
//   claimed past its quantity.
import { entitlementId, grantKey } from '../../core/ids';
import type {
  CouponClaimDoc, CouponDoc, CustomerDoc, EntitlementDoc, MembershipGrantDoc, OrderDoc, PaymentDoc, ProductDoc, RefundDoc, ShopDayDoc, UnpaidSlotDoc,
} from '../../core/model';

export const PAID_STATUSES = ['paid', 'accepted', 'fulfilled', 'completed', 'refunding', 'refunded'];

export type Docs = <T>(collection: string) => T[];

/** Every violation found, as a sentence; [] when the shop is sound. `initial`: units per limited product. */
export function auditShop(docs: Docs, shopId: string, initial: Record<string, number>): string[] {
  const bad: string[] = [];
  const orders = docs<OrderDoc>('orders').filter((o) => o.shopId === shopId);
  const products = docs<ProductDoc>('products').filter((p) => p.shopId === shopId);
  const grants = new Map(docs<MembershipGrantDoc>('membership_grants').map((g) => [g._id, g]));
  const entitlements = new Map(docs<EntitlementDoc>('entitlements').map((e) => [e._id, e]));
  const paidOrders = new Set(docs<PaymentDoc>('payments').map((x) => x.orderId));
  // Each bucket: the product's own units (lines without a SKU) and each SKU's (lines naming it); `initial`
  // is keyed by product id, and by `<productId>/<skuId>` for a SKU.
  const buckets = products.flatMap((p) => [
    { key: p._id, name: p.name, b: p as Pick<ProductDoc, 'unlimited' | 'stock' | 'reserved' | 'sold' | 'holds'>, productId: p._id, skuId: null as string | null },
    ...Object.entries(p.skus ?? {}).map(([skuId, b]) => ({ key: `${p._id}/${skuId}`, name: `${p.name} ${b.label}`, b, productId: p._id, skuId })),
  ]);
  for (const { key, name, b, productId, skuId } of buckets) {
    if (b.unlimited || initial[key] === undefined) continue;
    const total = b.stock + b.reserved + b.sold;
    if (total !== initial[key]) bad.push(`${name}: ${b.stock}+${b.reserved}+${b.sold} = ${total}, initial ${initial[key]}`);
    if (b.stock < 0) bad.push(`${name}: stock ${b.stock}`);
    const held = Object.values(b.holds ?? {}).reduce((a, n) => a + n, 0);
    const byUnpaid = orders.filter((o) => o.status === 'unpaid')
      .flatMap((o) => o.lines).filter((l) => l.productId === productId && (l.skuId ?? null) === skuId).reduce((a, l) => a + l.quantity, 0);
    if (b.reserved !== held || held !== byUnpaid) bad.push(`${name}: reserved ${b.reserved}, holds ${held}, unpaid orders ${byUnpaid}`);
  }
  const slots = docs<UnpaidSlotDoc>('unpaid_slots').filter((x) => x.shopId === shopId);
  const unpaid = new Set(orders.filter((o) => o.status === 'unpaid').map((o) => o._id));
  for (const slot of slots) if (!unpaid.has(slot.orderId)) bad.push(`slot ${slot._id} held by ${slot.orderId}, which is not unpaid`);
  for (const id of unpaid) if (slots.filter((x) => x.orderId === id).length !== 1) bad.push(`unpaid ${id} holds ${slots.filter((x) => x.orderId === id).length} slots`);
  const paidIn = orders.reduce((sum, o) => sum + o.paidFen, 0);
  const refundedOut = docs<RefundDoc>('refunds').filter((r) => r.shopId === shopId && r.status === 'succeeded' && !r.secondPayment)
    .reduce((sum, r) => sum + r.amount, 0);
  const days = docs<ShopDayDoc>('shop_days').filter((d) => d.shopId === shopId);
  const counted = { paid: days.reduce((a, d) => a + d.paidFen, 0), refunded: days.reduce((a, d) => a + d.refundedFen, 0) };
  if (counted.paid !== paidIn || counted.refunded !== refundedOut) {
    bad.push(`day figures: paid ${counted.paid}, refunded ${counted.refunded}; orders say paid ${paidIn}, refunded ${refundedOut}`);
  }
  const customerTotal = docs<CustomerDoc>('customers').filter((c) => c.shopId === shopId).reduce((a, c) => a + c.paidTotal, 0);
  if (customerTotal !== paidIn - refundedOut) bad.push(`customers' paid totals ${customerTotal}, orders say ${paidIn - refundedOut}`);
  for (const o of orders) {
    if ((o.owed ?? []).length > 0) bad.push(`${o._id} (${o.status}) still owes ${o.owed.join(',')}`);
    const isPaid = PAID_STATUSES.includes(o.status);
    if (isPaid && o.paymentMethod === 'wechat' && !paidOrders.has(o._id)) bad.push(`${o._id} paid without a payment record`);
    for (const line of o.lines) {
      const grant = grants.get(grantKey({ type: 'order', orderId: o._id, lineNo: line.lineNo }));
      const entitlement = entitlements.get(entitlementId(o._id, line.lineNo));
      const live = line.kind === 'membership' ? !!grant && grant.revokedAt === null
        : line.kind === 'digital' ? !!entitlement && entitlement.revokedAt === null : null;
      if (live === null) continue;
      const refundedInFull = line.refundedQuantity >= line.quantity && o.status === 'refunded';
      if (isPaid && line.refundedQuantity === 0 && !live) bad.push(`${o._id} line ${line.lineNo} (${line.kind}) paid but not delivered`);
      if ((!isPaid || refundedInFull) && live) bad.push(`${o._id} line ${line.lineNo} (${line.kind}) delivered on a ${o.status} order`);
    }
  }
  bad.push(...auditCoupons(docs, shopId, orders));
  return bad;
}

function auditCoupons(docs: Docs, shopId: string, orders: OrderDoc[]): string[] {
  const bad: string[] = [];
  const claims = docs<CouponClaimDoc>('coupon_claims').filter((c) => c.shopId === shopId);
  const byId = new Map(orders.map((o) => [o._id, o]));
  for (const c of claims) {
    const holder = c.heldBy === null ? null : byId.get(c.heldBy);
    if (c.heldBy !== null && (!holder || holder.status !== 'unpaid' || holder.couponId !== c._id)) {
      bad.push(`coupon ${c._id} held by ${c.heldBy} (${holder?.status ?? 'missing'}), which is not an unpaid order naming it`);
    }
    const user = c.usedBy === null ? null : byId.get(c.usedBy);
    if (c.usedBy !== null && (!user || !PAID_STATUSES.includes(user.status) || user.couponId !== c._id)) {
      bad.push(`coupon ${c._id} used by ${c.usedBy} (${user?.status ?? 'missing'}), which is not a paid order naming it`);
    }
    if (c.heldBy !== null && c.usedBy !== null) bad.push(`coupon ${c._id} both held and used`);
    if (user && user.status === 'refunded' && user.refundedFen >= user.paidFen && c.validUntil > (user.refundedAt ?? 0)) {
      bad.push(`coupon ${c._id} still used by ${user._id}, refunded in full while it was valid`);
    }
  }
  for (const o of orders) {
    if (o.status === 'unpaid' && o.couponId && !claims.some((c) => c._id === o.couponId && c.heldBy === o._id)) {
      bad.push(`unpaid ${o._id} names coupon ${o.couponId} but does not hold it`);
    }
  }
  for (const coupon of docs<CouponDoc>('coupons').filter((c) => c.shopId === shopId)) {
    const n = claims.filter((c) => c.couponId === coupon._id).length;
    if (n > coupon.issued || coupon.issued > coupon.quantity) bad.push(`coupon ${coupon._id}: ${n} claimed, ${coupon.issued} issued of ${coupon.quantity}`);
  }
  return bad;
}
