import { parseRequest } from './parse';
import { actionNames, FUNCTION_NAMES, type FunctionName } from './registry';
import { INVALID_CASES, invalidCasesFor } from './invalid-payloads';
import { VALID_EVENTS } from './valid-payloads';

const valid = VALID_EVENTS as unknown as Record<FunctionName, Record<string, unknown>>;

describe('every function action has a contract, a valid sample and a table of invalid payloads', () => {
  it('covers the eight functions of the shop and contentCheck, the content-security verdicts', () => {
    expect([...FUNCTION_NAMES].sort()).toEqual(['confirmOrder', 'contentCheck', 'membership', 'orders', 'payNotify', 'refundNotify', 'shopAdmin', 'storefront', 'sweeper']);
  });

  const all = FUNCTION_NAMES.flatMap((fn) => actionNames(fn).map((action) => [fn, action] as const));

  it.each(all)('%s.%s: the valid sample parses to that action', (fn, action) => {
    const parsed = parseRequest(fn, valid[fn][action]);
    if (!parsed.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(parsed)}`);
    expect((parsed.data as { action: string }).action).toBe(action);
  });

  it.each(all)('%s.%s has at least 3 invalid payloads in the table', (fn, action) => {
    expect(invalidCasesFor(fn, action).length).toBeGreaterThanOrEqual(3);
  });

  it('prints how many invalid events the table holds', () => {
    const byFn = Object.fromEntries(FUNCTION_NAMES.map((fn) => [fn, invalidCasesFor(fn).length]));
    console.log(`invalid-payload table: ${INVALID_CASES.length} events over ${all.length} actions`, byFn);
    expect(INVALID_CASES.length).toBeGreaterThan(400);
  });
});

describe('parseRequest rejects each invalid event with the expected code and path', () => {
  it.each(INVALID_CASES.map((c) => [c.fn, c.action ?? '-', c.name, c] as const))('%s.%s: %s', (_fn, _action, _name, c) => {
    const result = parseRequest(c.fn, c.event);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect({ code: result.code, path: result.details?.path }).toEqual({ code: c.code, path: c.code === 'VALIDATION_FAILED' ? c.path : undefined });
  });
});

describe('what a parsed request looks like', () => {
  it('fills defaults, trims text and leaves absent patch fields absent', () => {
    const parsed = parseRequest('confirmOrder', { action: 'place', payload: { shopId: 'S1', requestId: 'req-00000001', lines: [{ productId: 'P1', quantity: 1 }], note: '  少辣  ' } });
    expect(parsed).toMatchObject({ ok: true, data: { action: 'place', payload: { deliveryMethod: null, address: null, note: '少辣', paymentMethod: 'wechat', clientPlatform: null } } });
    const patch = parseRequest('shopAdmin', { action: 'updateProduct', payload: { shopId: 'S1', productId: 'P1', patch: { price: 100 } } });
    expect(patch.ok && patch.data.payload).toEqual({ shopId: 'S1', productId: 'P1', patch: { price: 100 } });
  });

  it('ignores top-level keys WeChat adds to a client call (userInfo), and treats a missing payload as {}', () => {
    expect(parseRequest('shopAdmin', { action: 'myShops', userInfo: { appId: 'wx1', openId: 'o1' } })).toEqual({ ok: true, data: { action: 'myShops', payload: {} } });
  });

  it('drops the extra fields of WeChat’s chooseAddress result', () => {
    const parsed = parseRequest('confirmOrder', {
      action: 'place',
      payload: {
        shopId: 'S1', requestId: 'req-00000001', lines: [{ productId: 'P1', quantity: 1 }], deliveryMethod: 'local',
        address: { errMsg: 'chooseAddress:ok', userName: '张三', telNumber: '020-81167888', provinceName: '广东省', cityName: '广州市', countyName: '海珠区', detailInfo: '新港中路397号', nationalCode: '510000', postalCode: '510000' },
      },
    });
    expect(parsed.ok && parsed.data.action === 'place' && parsed.data.payload.address).toEqual({
      userName: '张三', telNumber: '020-81167888', provinceName: '广东省', cityName: '广州市', countyName: '海珠区', detailInfo: '新港中路397号', postalCode: '510000',
    });
  });

  it('UNKNOWN_ACTION names the function and action; VALIDATION_FAILED names path, reason and what was received', () => {
    expect(parseRequest('orders', { action: 'hack' })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION', details: { function: 'orders', action: 'hack' } });
    const r = parseRequest('confirmOrder', { action: 'quote', payload: { shopId: 'S1', lines: [{ productId: 'P1', quantity: 1.5 }] } });
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: '提交的信息不正确（lines.0.quantity）', details: { path: 'lines.0.quantity', received: '1.5' } });
  });

  it('routes WeChat’s events: a pay notify, a nested refund notify and a timer tick', () => {
    expect(parseRequest('payNotify', valid.payNotify.notify)).toMatchObject({ ok: true, data: { action: 'notify', payload: { totalFee: 3800, bankType: 'OTHERS' } } });
    expect(parseRequest('refundNotify', valid.refundNotify.notify)).toMatchObject({ ok: true, data: { action: 'notify', payload: { outRefundNo: 'O20240601100000order001-R1', refundFee: 1200, returnCode: 'SUCCESS' } } });
    expect(parseRequest('sweeper', valid.sweeper.tick)).toMatchObject({ ok: true, data: { action: 'tick', payload: { triggerName: 'everyMinute', jobs: expect.arrayContaining(['expireOrders', 'reconcilePayments']) } } });
    expect(parseRequest('sweeper', { action: 'tick', payload: { jobs: ['retryRefunds'] } })).toMatchObject({ ok: true, data: { payload: { jobs: ['retryRefunds'] } } });
  });

  it('narrows the payload type by action', () => {
    const r = parseRequest('shopAdmin', valid.shopAdmin.refundOrder);
    if (!r.ok || r.data.action !== 'refundOrder') throw new Error('expected refundOrder');
    const payload = r.data.payload;
    expect(payload.mode === 'lines' ? payload.lines[0].quantity : null).toBe(1);
  });
});
