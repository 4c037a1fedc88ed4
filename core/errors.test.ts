import { ERROR_MESSAGES, ErrorCode, fail, isErrorCode, mapResult, messageFor, ok, unwrap, type Result } from './errors';

describe('error codes', () => {
  const codes = Object.values(ErrorCode);

  it('each code is spelled the same as its key, so the wire value never drifts from the name', () => {
    for (const [key, value] of Object.entries(ErrorCode)) expect(value).toBe(key);
  });

  it('every code has a Chinese message for the UI, and the table has no extra entries', () => {
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...codes].sort());
    for (const code of codes) expect(ERROR_MESSAGES[code]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('includes every code the brief names for the commerce backend', () => {
    for (const code of [
      'VALIDATION_FAILED', 'UNKNOWN_ACTION', 'NOT_FOUND', 'NOT_SHOP_OWNER', 'SHOP_NOT_FOUND', 'PRODUCT_NOT_FOUND',
      'PRODUCT_UNAVAILABLE', 'OFF_SHELF', 'MEMBERS_ONLY', 'OUT_OF_STOCK', 'ORDER_NOT_FOUND', 'ORDER_NOT_PAYABLE',
      'ORDER_EXPIRED', 'INVALID_TRANSITION', 'IDEMPOTENCY_MISMATCH', 'AMOUNT_MISMATCH', 'REFUND_EXCEEDS_PAID',
      'DOWNLOAD_LIMIT', 'PAYMENT_FAILED', 'MERCHANT_NOT_CONFIGURED', 'DELIVERY_NOT_AVAILABLE',
    ]) expect(isErrorCode(code)).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('nope')).toBe(false);
  });
});

describe('Result helpers', () => {
  it('ok carries data; fail carries code, the table message and optional details', () => {
    expect(ok({ a: 1 })).toEqual({ ok: true, data: { a: 1 } });
    expect(fail('OUT_OF_STOCK', { productId: 'p1', available: 2 })).toEqual({
      ok: false, code: 'OUT_OF_STOCK', message: '库存不足', details: { productId: 'p1', available: 2 },
    });
    expect(fail('OFF_SHELF')).not.toHaveProperty('details');
    expect(fail('OFF_SHELF', undefined, '这件卖完了').message).toBe('这件卖完了');
  });

  it('unwrap returns data or throws naming the code; mapResult passes failures through', () => {
    expect(unwrap(ok(3))).toBe(3);
    expect(() => unwrap(fail('NOT_FOUND', { id: 'x' }))).toThrow(/NOT_FOUND/);
    const doubled: Result<number> = mapResult(ok(2), (n) => n * 2);
    expect(doubled).toEqual({ ok: true, data: 4 });
    const failed = fail('NOT_FOUND');
    expect(mapResult(failed as Result<number>, (n) => n * 2)).toBe(failed);
  });

  it('messageFor maps a server code to Chinese and an unknown code to the generic message', () => {
    expect(messageFor('DOWNLOAD_LIMIT')).toBe('下载次数已用完');
    expect(messageFor('WHATEVER')).toBe(ERROR_MESSAGES.INTERNAL_ERROR);
  });
});
