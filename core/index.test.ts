import * as core from './index';

describe('core/index re-exports the public pieces', () => {
  it.each([
    'fen', 'parseFen', 'yuanToFen', 'formatYuan', 'prorate', 'ok', 'fail', 'ERROR_MESSAGES', 'canTransition', 'nextStatuses',
    'ORDER_TRANSITIONS', 'quote', 'checkPlace', 'cartFingerprint', 'planRefund', 'extendMembership', 'takeBackGrant',
    'startOfChinaDay', 'formatPayTime', 'parsePayTime', 'outTradeNo', 'newShopCode', 'COLLECTION_SPECS', 'parseRequest',
    'CONTRACTS', 'applyProductPatch', 'orderActionsFor', 'seededRandom',
  ])('%s', (name) => {
    expect((core as Record<string, unknown>)[name]).toBeDefined();
  });

  it('a typical mini-program flow uses only core: format a price, build a call, map an error code', () => {
    expect(core.formatYuan(core.fen(1250))).toBe('¥12.50');
    const event: core.CallEvent<'confirmOrder', 'quote'> = { action: 'quote', payload: { shopId: 'S1', lines: [{ productId: 'P1', quantity: 1 }] } };
    expect(core.parseRequest('confirmOrder', event).ok).toBe(true);
    expect(core.messageFor('OUT_OF_STOCK')).toBe('库存不足');
  });
});
