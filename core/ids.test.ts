import {
  checkoutId, customerId, grantKey, ID_PATTERN, newId, newShopCode, ORDER_ID_PATTERN, OUT_TRADE_NO_PATTERN, outTradeNo,
  parseOutTradeNo, parseRefundNo, parseShopScene, refundNo, SHOP_CODE_ALPHABET, SHOP_CODE_PATTERN, shopScene,
} from './ids';
import { seededRandom } from './prng';

const NOW = Date.UTC(2024, 5, 1, 4, 5, 6); // 2024-06-01 12:05:06 China

describe('document ids', () => {
  it('are prefix + China time + 8 random characters, usable as order ids', () => {
    const id = newId('O', NOW, seededRandom(1).int);
    expect(id).toMatch(/^O20240601120506[0-9a-z]{8}$/);
    expect(id).toMatch(ORDER_ID_PATTERN);
    expect(id).toMatch(ID_PATTERN);
  });

  it('10,000 ids from one seed in the same second are all distinct', () => {
    const rnd = seededRandom(99);
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('O', NOW, rnd.int)));
    expect(ids.size).toBe(10_000);
  });
});

describe('outTradeNo', () => {
  const orderId = newId('O', NOW, seededRandom(2).int);

  it('is ≤ 32 characters of [0-9A-Za-z_-] and parses back to the order and attempt', () => {
    for (const attempt of [0, 1, 9, 99]) {
      const no = outTradeNo(orderId, attempt);
      expect(no.length).toBeLessThanOrEqual(32);
      expect(no).toMatch(OUT_TRADE_NO_PATTERN);
      expect(parseOutTradeNo(no)).toEqual({ orderId, attempt });
    }
    expect(outTradeNo('A'.repeat(28), 99)).toHaveLength(31);
  });

  it('refuses order ids that would not fit and attempts out of range', () => {
    expect(() => outTradeNo('A'.repeat(29))).toThrow(RangeError);
    expect(() => outTradeNo('has_underscore')).toThrow(RangeError);
    expect(() => outTradeNo(orderId, 100)).toThrow(RangeError);
    expect(() => outTradeNo(orderId, -1)).toThrow(RangeError);
  });

  it.each([undefined, 12, '', 'short', 'x'.repeat(33), `${'A'.repeat(10)}_0`, `${'A'.repeat(10)}_100`, 'A'.repeat(10) + '-1', '2021WERUN1647839289398!'])(
    'parseOutTradeNo(%p) is null (not ours)',
    (value) => expect(parseOutTradeNo(value)).toBeNull(),
  );
});

describe('refund numbers', () => {
  it('are deterministic per order and sequence, and parse back', () => {
    expect(refundNo('O20240601120506abcdefgh', 3)).toBe('O20240601120506abcdefgh-R3');
    expect(parseRefundNo('O20240601120506abcdefgh-R3')).toEqual({ orderId: 'O20240601120506abcdefgh', seq: 3 });
    expect(parseRefundNo('O20240601120506abcdefgh-R51')).toBeNull();
    expect(parseRefundNo('nope')).toBeNull();
    expect(() => refundNo('O20240601120506abcdefgh', 0)).toThrow(RangeError);
    expect(() => refundNo('O20240601120506abcdefgh', 51)).toThrow(RangeError); // WeChat: ≤ 50 partial refunds
  });
});

describe('shop codes for QR scenes', () => {
  it('use an alphabet without 0/O/1/I/L and fit a scene of ≤ 32 characters', () => {
    expect(SHOP_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    const rnd = seededRandom(5);
    const codes = Array.from({ length: 2_000 }, () => newShopCode(rnd.int));
    for (const code of codes) {
      expect(code).toMatch(SHOP_CODE_PATTERN);
      expect(shopScene(code).length).toBeLessThanOrEqual(32);
      expect(parseShopScene(shopScene(code))).toBe(code);
      expect(parseShopScene(encodeURIComponent(shopScene(code)))).toBe(code);
    }
    // every letter of the alphabet shows up: the random source is used evenly
    expect(new Set(codes.join('')).size).toBe(SHOP_CODE_ALPHABET.length);
  });

  it.each([undefined, '', 's=', 's=ABC', 's=ABCDE0', 'x=ABC234', 's=ABC234&p=1', '%E0%A4%A'])('parseShopScene(%p) is null', (scene) => {
    expect(parseShopScene(scene)).toBeNull();
  });

  it('accepts a lower-cased code typed by hand', () => expect(parseShopScene('s=abc234')).toBe('ABC234'));
});

describe('composite keys', () => {
  it('cannot collide when a part contains the other separator-free characters', () => {
    expect(checkoutId('a_b', 'c')).not.toBe(checkoutId('a', 'b_c'));
    expect(customerId('S1', 'o-x')).toBe('S1.o-x');
    expect(grantKey({ type: 'order', orderId: 'O1', lineNo: 2 })).toBe('order.O1.2');
    expect(grantKey({ type: 'gift', shopId: 'S1', giftId: 'g123' })).toBe('gift.S1.g123');
  });
});
