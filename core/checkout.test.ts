import {
  cartFingerprint, checkPlace, DEFAULT_UNPAID_TIMEOUT_MINUTES, defaultShopSettings, orderLinesFromQuote, payBody,
  paymentWindow, reservationPlan, type PlaceChoices,
} from './checkout';
import { unwrap } from './errors';
import { fen } from './money';
import type { Address } from './model';
import { quote, type QuoteInput } from './pricing';
import { FIXTURE_NOW, makeDelivery, makeDigitalProduct, makeProduct, makeSettings } from './testing/fixtures';
import { MINUTE_MS } from './time';

const SHOP = 'S20240601100000shop0001';
const a = makeProduct({ _id: 'Pa', stock: 5 });
const b = makeProduct({ _id: 'Pb', unlimited: true, price: fen(100) });
const c = makeProduct({ _id: 'Pc', stock: 5, price: fen(50) });
const book = makeDigitalProduct({ _id: 'Pbook' });
const ADDRESS: Address = { userName: '张三', telNumber: '13800000000', provinceName: '广东省', cityName: '广州市', countyName: '海珠区', detailInfo: '新港中路 397 号', postalCode: '510000' };
const WECHAT: PlaceChoices = { paymentMethod: 'wechat', address: null, clientPlatform: 'android' };

function q(over: Partial<QuoteInput> = {}) {
  return unwrap(quote({
    shopId: SHOP, products: [a, b, c, book], lines: [{ productId: 'Pc', quantity: 1 }, { productId: 'Pa', quantity: 2 }],
    memberTags: [], delivery: makeDelivery(), deliveryMethod: 'pickup', ...over,
  }));
}

describe('checkPlace', () => {
  it('accepts a normal WeChat Pay pickup order', () => {
    expect(checkPlace(q(), WECHAT, makeSettings()).ok).toBe(true);
  });

  it('local delivery needs an address', () => {
    expect(checkPlace(q({ deliveryMethod: 'local' }), WECHAT, makeSettings())).toMatchObject({ code: 'ADDRESS_REQUIRED' });
    expect(checkPlace(q({ deliveryMethod: 'local' }), { ...WECHAT, address: ADDRESS }, makeSettings()).ok).toBe(true);
  });

  it('virtual goods from an iOS client are refused with a clear code (docs/product.md §B11)', () => {
    const withBook = q({ lines: [{ productId: 'Pbook', quantity: 1 }] });
    expect(checkPlace(withBook, { ...WECHAT, clientPlatform: 'ios' }, makeSettings())).toMatchObject({ code: 'VIRTUAL_GOODS_IOS' });
    expect(checkPlace(withBook, WECHAT, makeSettings()).ok).toBe(true);
    expect(checkPlace(q(), { ...WECHAT, clientPlatform: 'ios' }, makeSettings()).ok).toBe(true);
  });

  it('pay on pickup only when the shop allows it, for pickup, for physical goods', () => {
    const onPickup: PlaceChoices = { ...WECHAT, paymentMethod: 'on_pickup' };
    expect(checkPlace(q(), onPickup, makeSettings())).toMatchObject({ code: 'PAY_ON_PICKUP_NOT_ALLOWED' });
    const allows = makeSettings({ payOnPickup: true, subMchId: null });
    expect(checkPlace(q(), onPickup, allows).ok).toBe(true); // no merchant needed when no WeChat Pay
    expect(checkPlace(q({ deliveryMethod: 'local' }), { ...onPickup, address: ADDRESS }, allows)).toMatchObject({ code: 'PAY_ON_PICKUP_NOT_ALLOWED' });
    expect(checkPlace(q({ lines: [{ productId: 'Pa', quantity: 1 }, { productId: 'Pbook', quantity: 1 }] }), onPickup, allows)).toMatchObject({ code: 'PAY_ON_PICKUP_NOT_ALLOWED' });
  });

  it('WeChat Pay needs the shop to have a sub-merchant id', () => {
    expect(checkPlace(q(), WECHAT, makeSettings({ subMchId: null }))).toMatchObject({ code: 'MERCHANT_NOT_CONFIGURED' });
  });

  it('an unavailable line wins over everything else', () => {
    expect(checkPlace(q({ lines: [{ productId: 'Pa', quantity: 6 }] }), { ...WECHAT, clientPlatform: 'ios' }, makeSettings({ subMchId: null })))
      .toMatchObject({ code: 'OUT_OF_STOCK', details: { productId: 'Pa', available: 5 } });
  });
});

describe('the pure pieces of placing an order', () => {
  it('reserves limited products only, in product-id order', () => {
    expect(reservationPlan(q({ lines: [{ productId: 'Pc', quantity: 1 }, { productId: 'Pb', quantity: 3 }, { productId: 'Pa', quantity: 2 }] })))
      .toEqual([{ productId: 'Pa', skuId: null, quantity: 2 }, { productId: 'Pc', skuId: null, quantity: 1 }]);
  });

  it('Cloud Pay expires a minute before the reservation (default 15 minutes), with timeExpire in China time', () => {
    const w = paymentWindow(FIXTURE_NOW, DEFAULT_UNPAID_TIMEOUT_MINUTES);
    expect(w.expiresAt).toBe(FIXTURE_NOW + 15 * MINUTE_MS);
    expect(w.payExpiresAt).toBe(w.expiresAt - MINUTE_MS);
    expect(w.timeExpire).toBe('20240601101400');
    expect(paymentWindow(FIXTURE_NOW, 1).expiresAt).toBe(FIXTURE_NOW + 7 * MINUTE_MS); // clamped to the minimum
  });

  it('the fingerprint ignores line order and splitting, and sees any other change', () => {
    const base = { shopId: SHOP, lines: [{ productId: 'Pa', quantity: 2 }, { productId: 'Pc', quantity: 1 }], deliveryMethod: 'pickup' as const, address: null, note: '', paymentMethod: 'wechat' as const };
    const same = { ...base, lines: [{ productId: 'Pc', quantity: 1 }, { productId: 'Pa', quantity: 1 }, { productId: 'Pa', quantity: 1 }] };
    expect(cartFingerprint(same)).toBe(cartFingerprint(base));
    for (const changed of [
      { ...base, lines: [{ productId: 'Pa', quantity: 3 }, { productId: 'Pc', quantity: 1 }] },
      { ...base, deliveryMethod: 'local' as const },
      { ...base, address: ADDRESS },
      { ...base, note: '不要辣' },
      { ...base, paymentMethod: 'on_pickup' as const },
      { ...base, shopId: 'Sother' },
    ]) expect(cartFingerprint(changed)).not.toBe(cartFingerprint(base));
  });

  it('the order snapshot copies the quoted prices and starts with nothing refunded', () => {
    const lines = orderLinesFromQuote(q({ lines: [{ productId: 'Pa', quantity: 2 }, { productId: 'Pbook', quantity: 1 }] }));
    expect(lines[0]).toMatchObject({ lineNo: 1, productId: 'Pa', unitPrice: 1200, lineTotal: 2400, soldOut: false, refundedQuantity: 0, refundedFen: 0, digital: null });
    expect(lines[1].digital).toEqual({ fileID: 'cloud://env.bucket/book.pdf', fileName: 'book.pdf', downloadLimit: 5, version: 1 });
  });

  it('payBody names the shop and the first item, within 40 characters', () => {
    expect(payBody('街角小店', ['蓝色薯片', '可乐'], 3)).toBe('街角小店-蓝色薯片等3件');
    expect(payBody('店', ['书'], 1)).toBe('店-书');
    expect([...payBody('很'.repeat(50), ['x'], 1)]).toHaveLength(40);
  });

  it('a new shop starts with pickup only, manual acceptance and a 15-minute timeout', () => {
    expect(defaultShopSettings()).toMatchObject({ subMchId: null, acceptMode: 'manual', unpaidTimeoutMinutes: 15, payOnPickup: false, autoCompleteDays: 7 });
  });

  it('even the shortest timeout leaves Cloud Pay the 5 minutes its timeExpire needs, seconds truncated', () => {
    for (const second of [0, 1, 59]) {
      const now = FIXTURE_NOW + second * 1000;
      const w = paymentWindow(now, 1);
      const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(w.timeExpire)!;
      const stamp = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - 8 * 60 * MINUTE_MS;
      expect(stamp - now).toBeGreaterThanOrEqual(5 * MINUTE_MS);
      expect(w.payExpiresAt).toBeLessThan(w.expiresAt);
    }
  });
});
