// Seeding and reading helpers for the money-path suites (checkout, concurrency, notify, reconcile,
// round trips): shops and products are written straight into the local cloud's database (the catalogue
// has its own suite); everything after that goes through the real functions.
import type { PlaceResult } from '../../core/contracts/views';
import type { Result } from '../../core/errors';
import type { MembershipDoc, OrderDoc, ProductDoc, ShopDoc, ShopSettings } from '../../core/model';
import { makeDelivery, makeDigitalProduct, makeMembershipProduct, makeProduct, makeSettings, makeShop } from '../../core/testing/fixtures';
import { data, MERCHANT, OWNER, type Harness } from './harness';

let counter = 0;
/** A fresh id for seeded documents: unique per process, valid as ours (ID_PATTERN) and in order ids. */
export function freshId(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${String(counter).padStart(6, '0')}`.slice(0, 23);
}

export interface Shop {
  shop: ShopDoc;
  /** Seeded products by the name given. */
  p: Record<string, ProductDoc>;
}

export interface ShopSpec {
  settings?: Partial<ShopSettings>;
  products?: Record<string, Partial<ProductDoc> & { kind?: ProductDoc['kind'] }>;
}

export function seedShop(h: Harness, spec: ShopSpec = {}): Shop {
  const shopId = freshId('S');
  const shop = makeShop({
    _id: shopId,
    ownerOpenid: OWNER,
    code: freshCode(),
    settings: makeSettings({ subMchId: MERCHANT, delivery: makeDelivery(), ...spec.settings }),
  });
  const p: Record<string, ProductDoc> = {};
  for (const [name, over] of Object.entries(spec.products ?? { chips: {} })) {
    const base = over.kind === 'membership' ? makeMembershipProduct : over.kind === 'digital' ? makeDigitalProduct : makeProduct;
    p[name] = base({ _id: freshId('P'), shopId, name, ...over });
  }
  h.cloud.db.seed('shops', [shop as unknown as Record<string, unknown>]);
  h.cloud.db.seed('products', Object.values(p) as unknown as Record<string, unknown>[]);
  return { shop, p };
}

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
function freshCode(): string {
  let n = counter * 7919 + Date.now();
  let s = '';
  for (let i = 0; i < 6; i += 1) {
    s += CODE_ALPHABET[n % CODE_ALPHABET.length];
    n = Math.floor(n / CODE_ALPHABET.length);
  }
  return s;
}

export function seedMembership(h: Harness, m: Partial<MembershipDoc> & Pick<MembershipDoc, 'shopId' | 'buyerOpenid' | 'tag' | 'expiresAt'>): void {
  h.cloud.db.seed('memberships', [{
    _id: `${m.shopId}.${m.buyerOpenid}.${m.tag}`, termStartedAt: h.cloud.now(), lifetimeGrants: 0, lifetime: false,
    reminderSentFor: null, createdAt: h.cloud.now(), updatedAt: h.cloud.now(), ...m,
  }]);
}

export function product(h: Harness, productId: string): ProductDoc {
  const doc = h.docs<ProductDoc>('products').find((x) => x._id === productId);
  if (!doc) throw new Error(`no product ${productId}`);
  return doc;
}

export function order(h: Harness, orderId: string): OrderDoc {
  const doc = h.docs<OrderDoc>('orders').find((x) => x._id === orderId);
  if (!doc) throw new Error(`no order ${orderId}`);
  return doc;
}

export function ordersOf(h: Harness, shopId: string): OrderDoc[] {
  return h.docs<OrderDoc>('orders').filter((o) => o.shopId === shopId);
}

/** available + reserved + sold: constant for a product whatever happens to its orders. */
export function units(p: Pick<ProductDoc, 'stock' | 'reserved' | 'sold'>): number {
  return p.stock + p.reserved + p.sold;
}

let requestCounter = 0;
export function newRequestId(): string {
  requestCounter += 1;
  return `req-${Date.now().toString(36)}-${requestCounter}`;
}

export interface PlaceSpec {
  shopId: string;
  lines: { productId: string; skuId?: string | null; quantity: number }[];
  deliveryMethod?: 'pickup' | 'local' | 'express' | null;
  paymentMethod?: 'wechat' | 'on_pickup';
  requestId?: string;
  address?: Record<string, string> | null;
  clientPlatform?: string | null;
}

export function place(h: Harness, buyer: string, spec: PlaceSpec): Promise<Result<PlaceResult>> {
  return h.call<PlaceResult>('confirmOrder', 'place', { requestId: newRequestId(), deliveryMethod: 'pickup', ...spec }, buyer);
}

/** Place and pay in the sandbox as the buyer; resolves after the first notify attempt. */
export async function placeAndPay(h: Harness, buyer: string, spec: PlaceSpec): Promise<{ placed: PlaceResult; transactionId: string }> {
  const placed = data(await place(h, buyer, spec));
  const prepayId = prepayOf(placed);
  const paid = await h.control.pay(prepayId, 'pay', buyer);
  if (!paid.transactionId) throw new Error(`sandbox did not pay ${placed.orderId}: ${JSON.stringify(paid)}`);
  return { placed, transactionId: paid.transactionId };
}

export function prepayOf(placed: PlaceResult): string {
  const pkg = placed.payment?.package ?? '';
  if (!pkg.startsWith('prepay_id=')) throw new Error(`no prepay in ${JSON.stringify(placed)}`);
  return pkg.slice('prepay_id='.length);
}

/** The sweeper's tick as its timer runs it (SOURCE wx_trigger), optionally only some jobs. */
export async function tick(h: Harness, jobs?: string[]): Promise<Record<string, number>> {
  const event = jobs ? { action: 'tick', payload: { jobs } } : { Type: 'Timer', TriggerName: 'everyMinute', Time: new Date(h.cloud.now()).toISOString() };
  const outcome = await h.cloud.functions.invoke('sweeper', event, { source: 'wx_trigger' });
  if (!outcome.ok) throw new Error(`sweeper failed: ${JSON.stringify(outcome)}`);
  return data(outcome.result as Result<Record<string, number>>);
}
