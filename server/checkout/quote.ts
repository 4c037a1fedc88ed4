// confirmOrder.quote (确认订单): everything recomputed on the server from the products, the shop's
// delivery settings and the tags this buyer holds right now (pricing.ts); the client sends only ids,
// quantities and its choices. Five database reads, all at once: the shop, the cart's products, the
// buyer's memberships in the shop, the shop's running 满减 and the buyer's coupons there; the promotions
// (core/promotions.ts) then apply on top of the member prices.
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { QuoteView } from '../../core/contracts/views';
import { fail, mapResult, ok, type Result } from '../../core/errors';
import { quoteView } from '../../core/present';
import { activeTags } from '../../core/membership';
import type { ActivityDoc, CouponClaimDoc, MembershipDoc, ProductDoc, ShopDoc } from '../../core/model';
import { applyPromotions, type CouponChoice } from '../../core/promotions';
import { mergeCartLines, quote, type CartLine, type Quote } from '../../core/pricing';
import type { DeliveryMethod } from '../../core/order-state';
import type { OperationContext } from '../handler';
import type { Database } from '../wechat/sdk';
import { docsOf } from '../store/db';
import { loadShop } from '../store/shops';
import { activeActivities, buyerClaims } from '../store/coupons';

/** A buyer holds one membership per tag; no shop has more tags than this. */
const MAX_MEMBERSHIPS = 100;

export interface CheckoutInputs {
  shop: ShopDoc;
  products: ProductDoc[];
  memberTags: string[];
  activities: ActivityDoc[];
  claims: CouponClaimDoc[];
  now: number;
}

export async function loadCheckoutInputs(
  db: Database, shopId: string, openid: string, lines: readonly CartLine[], now: number,
): Promise<Result<CheckoutInputs>> {
  const _ = db.command;
  const ids = mergeCartLines(lines).map((l) => l.productId);
  const [shop, productsRes, membershipsRes, activities, claims] = await Promise.all([
    loadShop(db, shopId),
    db.collection(COLLECTIONS.products).where({ _id: _.in(ids), shopId }).limit(ids.length).get(),
    db.collection(COLLECTIONS.memberships).where({ shopId, buyerOpenid: openid }).limit(MAX_MEMBERSHIPS).get(),
    activeActivities(db, shopId, now),
    buyerClaims(db, shopId, openid),
  ]);
  if (!shop) return fail('SHOP_NOT_FOUND');
  return ok({
    shop,
    products: docsOf<ProductDoc>(productsRes),
    memberTags: activeTags(docsOf<MembershipDoc>(membershipsRes), now),
    activities,
    claims,
    now,
  });
}

export function quoteFor(
  inputs: CheckoutInputs, lines: readonly CartLine[], deliveryMethod: DeliveryMethod | null, coupon: CouponChoice = 'auto',
): Result<Quote> {
  const priced = quote({
    shopId: inputs.shop._id,
    products: inputs.products,
    lines,
    memberTags: inputs.memberTags,
    delivery: inputs.shop.settings.delivery,
    deliveryMethod,
  });
  if (!priced.ok) return priced;
  return applyPromotions(priced.data, {
    activities: inputs.activities, claims: inputs.claims, isMember: inputs.memberTags.length > 0, now: inputs.now,
    categoryOf: Object.fromEntries(inputs.products.map((p) => [p._id, p.categoryId])),
  }, coupon);
}

export async function quoteOperation(p: Payload<'confirmOrder', 'quote'>, ctx: OperationContext): Promise<Result<QuoteView>> {
  const inputs = await loadCheckoutInputs(ctx.db, p.shopId, ctx.openid, p.lines, ctx.now);
  if (!inputs.ok) return inputs;
  // The buyer's view, not the internal quote: no digital file's fileID (present.ts quoteView).
  const payable = inputs.data.shop.settings.subMchId !== null;
  return mapResult(quoteFor(inputs.data, p.lines, p.deliveryMethod, p.coupon), (q) => quoteView(q, payable));
}
