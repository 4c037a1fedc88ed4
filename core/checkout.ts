// Checkout rules that `place` applies on top of a quote (pricing.ts), and the pure pieces of placing an
// order: the stock reservation plan, the reservation / payment deadlines, the idempotency fingerprint,
// and the order lines snapshot.
import { fail, ok, type Result } from './errors';
import { fen, ZERO_FEN } from './money';
import type { Address, OrderLine, PaymentMethod, ShopSettings } from './model';
import { checkQuotePlaceable, mergeCartLines, type CartLine, type Quote } from './pricing';
import type { DeliveryMethod } from './order-state';
import { checkPayChannel } from './pay-channels';
import { formatPayTime, MINUTE_MS } from './time';

export const DEFAULT_UNPAID_TIMEOUT_MINUTES = 15;
/**
 * WeChat Pay v2 rejects a timeExpire less than 5 minutes ahead ("time_expire时间过短，…其他5分钟"); the
 * payment window is the timeout minus PAY_EXPIRY_MARGIN_MS, and timeExpire drops the seconds (up to
 * 59 s more), so 7 minutes is the least that still leaves Cloud Pay its 5.
 */
export const MIN_UNPAID_TIMEOUT_MINUTES = 7;
export const MAX_UNPAID_TIMEOUT_MINUTES = 24 * 60;
/** Cloud Pay's timeExpire is this much before the reservation ends, so no payment outlives its stock. */
export const PAY_EXPIRY_MARGIN_MS = MINUTE_MS;
export const DEFAULT_AUTO_COMPLETE_DAYS = 7;
/** Unpaid orders one buyer may hold in one shop (ShopSettings.maxUnpaidPerBuyer). */
export const DEFAULT_MAX_UNPAID_PER_BUYER = 3;
export const MAX_UNPAID_PER_BUYER = 20;
/** A pay-on-pickup order waits this long for its buyer by default (ShopSettings.pickupHoldHours). */
export const DEFAULT_PICKUP_HOLD_HOURS = 24;
export const MAX_PICKUP_HOLD_HOURS = 7 * 24;

/** When an order fulfilled at `fulfilledAt` completes by itself (ShopSettings.autoCompleteDays). */
export function completeDueAt(fulfilledAt: number, settings: Pick<ShopSettings, 'autoCompleteDays'>): number {
  return fulfilledAt + settings.autoCompleteDays * 24 * 60 * MINUTE_MS;
}

export function unpaidLimit(settings: Pick<ShopSettings, 'maxUnpaidPerBuyer'>): number {
  return settings.maxUnpaidPerBuyer ?? DEFAULT_MAX_UNPAID_PER_BUYER;
}

export function pickupHoldMs(settings: Pick<ShopSettings, 'pickupHoldHours'>): number {
  return (settings.pickupHoldHours ?? DEFAULT_PICKUP_HOLD_HOURS) * 60 * MINUTE_MS;
}
export const MAX_AUTO_COMPLETE_DAYS = 30;
export const DEFAULT_DOWNLOAD_LIMIT = 5;
export const MAX_DOWNLOAD_LIMIT = 100;
/**
 * How long a download link works (getTempFileURL maxAge, seconds). A signed URL can be fetched any number
 * of times until it expires, so the download limit counts links, and each link must be too short-lived to
 * be worth re-using or passing on: a minute is enough for the phone to start the download it was issued
 * for (COS checks the signature when a request starts, so a slow download still finishes), and N counted
 * links open at most N minutes of access in total.
 */
export const DOWNLOAD_LINK_MAX_AGE_S = 60;

export const CLIENT_PLATFORMS = ['ios', 'android', 'devtools', 'windows', 'mac', 'ohos', 'h5'] as const;
export type ClientPlatform = (typeof CLIENT_PLATFORMS)[number];

export function defaultShopSettings(): ShopSettings {
  return {
    subMchId: null,
    payChannel: 'cloudpay',
    goodsCategory: 'general',
    delivery: {
      pickup: { enabled: true, address: '', note: '' },
      local: { enabled: false, fee: ZERO_FEN, freeFrom: null, note: '' },
      express: { enabled: false, fee: ZERO_FEN, freeFrom: null, note: '' },
    },
    acceptMode: 'manual',
    unpaidTimeoutMinutes: DEFAULT_UNPAID_TIMEOUT_MINUTES,
    payOnPickup: false,
    autoCompleteDays: DEFAULT_AUTO_COMPLETE_DAYS,
    maxUnpaidPerBuyer: DEFAULT_MAX_UNPAID_PER_BUYER,
    pickupHoldHours: DEFAULT_PICKUP_HOLD_HOURS,
  };
}

export interface PlaceChoices {
  paymentMethod: PaymentMethod;
  address: Address | null;
  clientPlatform: ClientPlatform | null;
}

/**
 * Everything `place` checks before touching stock. iOS: WeChat forbids ordinary WeChat Pay for virtual
 * goods on iOS (docs/product.md §B11), so a membership or digital line from an iOS client is refused
 * with a clear message. Pay on pickup: only when the shop allows it, for pickup, for physical goods only.
 */
export function checkPlace(q: Quote, choices: PlaceChoices, settings: ShopSettings): Result<Quote> {
  const placeable = checkQuotePlaceable(q);
  if (!placeable.ok) return placeable;
  if (q.requiresAddress && choices.address === null) return fail('ADDRESS_REQUIRED');
  if (q.hasVirtual && choices.clientPlatform === 'ios') return fail('VIRTUAL_GOODS_IOS');
  if (choices.paymentMethod === 'on_pickup') {
    if (!settings.payOnPickup || q.deliveryMethod !== 'pickup' || q.hasVirtual) {
      return fail('PAY_ON_PICKUP_NOT_ALLOWED', { payOnPickup: settings.payOnPickup, deliveryMethod: q.deliveryMethod });
    }
  } else if (!settings.subMchId) {
    return fail('MERCHANT_NOT_CONFIGURED');
  } else {
    const channel = checkPayChannel(settings);
    if (!channel.ok) return channel;
  }
  return ok(q);
}

/**
 * One guarded decrement per limited product (`where({ _id, stock: _.gte(q) })`, docs/style.md §6), in a
 * fixed order (by product id) so two checkouts never take the same locks in opposite orders, and a
 * compensation can undo exactly the prefix that succeeded. Unlimited products are not reserved.
 */
export function reservationPlan(q: Quote): { productId: string; skuId: string | null; quantity: number }[] {
  return q.lines
    .filter((l) => !l.unlimited)
    .map((l) => ({ productId: l.productId, skuId: l.skuId, quantity: l.quantity }))
    .sort(byProductThenSku);
}

/** The one fixed order of every stock move: by product id, then SKU id (none first). */
export function byProductThenSku(a: { productId: string; skuId?: string | null }, b: { productId: string; skuId?: string | null }): number {
  const ka = [a.productId, a.skuId ?? ''];
  const kb = [b.productId, b.skuId ?? ''];
  return ka[0] < kb[0] ? -1 : ka[0] > kb[0] ? 1 : ka[1] < kb[1] ? -1 : ka[1] > kb[1] ? 1 : 0;
}

export interface PaymentWindow {
  /** The reservation ends; the timer cancels the unpaid order after it. */
  expiresAt: number;
  /** Cloud Pay stops accepting the payment here. */
  payExpiresAt: number;
  /** unifiedOrder `timeExpire`, yyyyMMddHHmmss China time (docs/wechat-contracts.md §3.2); seconds truncated, so never later. */
  timeExpire: string;
}

export function paymentWindow(now: number, unpaidTimeoutMinutes: number): PaymentWindow {
  const minutes = Math.min(MAX_UNPAID_TIMEOUT_MINUTES, Math.max(MIN_UNPAID_TIMEOUT_MINUTES, Math.floor(unpaidTimeoutMinutes)));
  const expiresAt = now + minutes * MINUTE_MS;
  const payExpiresAt = expiresAt - PAY_EXPIRY_MARGIN_MS;
  return { expiresAt, payExpiresAt, timeExpire: formatPayTime(payExpiresAt) };
}

export interface FingerprintInput {
  shopId: string;
  lines: readonly CartLine[];
  deliveryMethod: DeliveryMethod | null;
  address: Address | null;
  note: string;
  paymentMethod: PaymentMethod;
}

/**
 * A canonical text of what was asked for: the same requestId with another cart → IDEMPOTENCY_MISMATCH
 * (Stripe's idempotency keys, docs/style.md §8). Lines are merged and sorted, so a re-sent request compares
 * equal whatever the line order; prices are not part of it (the server computes them).
 */
export function cartFingerprint(input: FingerprintInput): string {
  // A line without a SKU keeps the shape it had before options, so earlier checkouts still compare equal.
  const lines = mergeCartLines(input.lines)
    .sort(byProductThenSku)
    .map((l) => (l.skuId === null ? [l.productId, l.quantity] : [l.productId, l.skuId, l.quantity]));
  const a = input.address;
  const address = a ? [a.userName, a.telNumber, a.provinceName, a.cityName, a.countyName, a.detailInfo, a.postalCode] : null;
  return JSON.stringify([input.shopId, lines, input.deliveryMethod, address, input.note, input.paymentMethod]);
}

/** The price snapshot stored on the order. */
export function orderLinesFromQuote(q: Quote): OrderLine[] {
  return q.lines.map((l) => ({
    lineNo: l.lineNo,
    productId: l.productId,
    skuId: l.skuId,
    skuLabel: l.skuLabel,
    kind: l.kind,
    name: l.name,
    cover: l.cover,
    quantity: l.quantity,
    listPrice: l.listPrice,
    unitPrice: l.unitPrice,
    memberPriceApplied: l.memberPriceApplied,
    lineTotal: l.lineTotal,
    discountFen: l.discountFen,
    membership: l.membership,
    digital: l.digital
      ? { fileID: l.digital.fileID, fileName: l.digital.fileName, downloadLimit: l.digital.downloadLimit, version: l.digital.version }
      : null,
    soldOut: false,
    refundedQuantity: 0,
    refundedFen: fen(0),
  }));
}

/** unifiedOrder `body` (String(128), docs/wechat-contracts.md §3.2): "店名-商品名等3件", cut to 40 characters. */
export function payBody(shopName: string, lineNames: readonly string[], itemCount: number): string {
  const first = lineNames[0] ?? '';
  const text = `${shopName}-${first}${itemCount > 1 ? `等${itemCount}件` : ''}`;
  return [...text].slice(0, 40).join('');
}
