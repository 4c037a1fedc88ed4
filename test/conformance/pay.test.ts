// Conformance: Cloud Pay (docs/wechat-contracts.md §3, §7.1–7.4) through the real wx-server-sdk. Orders are
// placed inside the probe function as a buyer; the buyer "pays" through the control API (what the
// cashier's 确认支付 does); notifies go to the `paynotify` fixture, which reports what it saw.
import { failure, startTarget, value, type Target } from './target';
import type { NotifyDelivery } from '../../localcloud/control/client';

const MCH = '1900000109';
const BUYER = 'oBUYER_PAY';
let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.control.reset();
  await t.control.registerMerchant(MCH, '街角咖啡');
});

type Reply = Record<string, unknown>;
interface Seen { SOURCE: string; OPENID: string | null; event: Reply }
const seen = (d: NotifyDelivery) => (d.returned as { seen: Seen }).seen;

/** A cloudPay call inside the probe, made by `openid`. */
function pay(api: string, params: Reply, openid = BUYER) {
  return t.run<Reply>(`return await cloud.cloudPay.${api}(event.params)`, { openid, event: { params } });
}

function orderParams(outTradeNo: string, over: Reply = {}): Reply {
  return {
    body: '拿铁 大杯', outTradeNo, spbillCreateIp: '127.0.0.1', subMchId: MCH, totalFee: 2350,
    envId: t.envId, functionName: 'paynotify', ...over,
  };
}

async function placeOrder(outTradeNo: string, over: Reply = {}): Promise<string> {
  const r = value(await pay('unifiedOrder', orderParams(outTradeNo, over)));
  if (r.resultCode !== 'SUCCESS') throw new Error(`order failed: ${JSON.stringify(r)}`);
  return String(r.prepayId);
}

async function deliveries(outTradeNo: string, kind: 'pay' | 'refund' = 'pay') {
  return (await t.control.notifies({ outTradeNo })).deliveries.filter((d) => d.kind === kind);
}

describe('§3.2 unifiedOrder', () => {
  test('§3.2 the reply has the documented shape, with the payment object wx.requestPayment takes', async () => {
    const r = value(await pay('unifiedOrder', orderParams('P-SHAPE')));
    expect(r).toMatchObject({
      returnCode: 'SUCCESS', returnMsg: 'OK', resultCode: 'SUCCESS', tradeType: 'JSAPI', subMchId: MCH,
      subAppid: t.appId, errCode: 0, errMsg: 'cloudPay.unifiedOrder:ok',
    });
    expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(['appid', 'mchId', 'nonceStr', 'sign', 'prepayId', 'payment']));
    const payment = r.payment as Record<string, string>;
    expect(Object.keys(payment).sort()).toEqual(['appId', 'nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    expect(payment).toMatchObject({ appId: t.appId, package: `prepay_id=${String(r.prepayId)}`, signType: 'MD5' });
    expect(payment.timeStamp).toMatch(/^\d{10}$/);
    expect(payment.paySign).toMatch(/^[0-9A-F]{32}$/);
  });

  test("§3.2 WeChat's own guide sample (no nonceStr, no tradeType) works unchanged", async () => {
    await t.control.registerMerchant('1900009231', '小秋TIT店');
    const code = `
      const res = await cloud.cloudPay.unifiedOrder({
        "body": "小秋TIT店-超市",
        "outTradeNo": "1217752501201407033233368018",
        "spbillCreateIp": "127.0.0.1",
        "subMchId": "1900009231",
        "totalFee": 1,
        "envId": "${t.envId}",
        "functionName": "pay_cb"
      })
      return res`;
    const r = value(await t.run<Reply>(code, { openid: BUYER }));
    expect(r).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', errMsg: 'cloudPay.unifiedOrder:ok' });
  });

  test('§3.2 §7.3 a string totalFee fails as "unifiedOrder:fail wx api error: -202"', async () => {
    const e = failure(await pay('unifiedOrder', orderParams('P-STR', { totalFee: '2350' })));
    expect(e.errCode).toBe(-202);
    expect(e.errMsg).toMatch(/^unifiedOrder:fail wx api error: -202/);
  });

  test('§3.2 §7.3 a float totalFee (yuan, not fen) is refused the same way', async () => {
    expect(failure(await pay('unifiedOrder', orderParams('P-FLOAT', { totalFee: 23.5 }))).errCode).toBe(-202);
  });

  test('§3.2 totalFee 0 is a business failure: resultCode FAIL with errCodeDes (the SDK overwrites errCode with 0)', async () => {
    const r = value(await pay('unifiedOrder', orderParams('P-ZERO', { totalFee: 0 })));
    // v2 sends err_code; wx-server-sdk camelCases it to errCode and then sets errCode: 0 over it (§3.1).
    expect(r).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'FAIL', errCode: 0, errMsg: 'cloudPay.unifiedOrder:ok' });
    expect(r.errCodeDes).toMatch(/total_fee/);
  });

  test('§3.2 the same outTradeNo with the same parameters returns the same prepay; with others it is refused', async () => {
    const first = await placeOrder('P-AGAIN');
    expect(await placeOrder('P-AGAIN')).toBe(first);
    const other = value(await pay('unifiedOrder', orderParams('P-AGAIN', { totalFee: 100 })));
    expect(other).toMatchObject({ resultCode: 'FAIL', errCodeDes: '201 商户订单号重复' });
  });

  test('§3.2 an unregistered sub-merchant fails like an unbound one', async () => {
    const r = value(await pay('unifiedOrder', orderParams('P-UNBOUND', { subMchId: '1234567890' })));
    expect(r).toMatchObject({ returnCode: 'FAIL' });
    expect(r).not.toHaveProperty('prepayId');
  });

  test('§3.2 the prepay is bound to the OPENID of the invocation that placed it', async () => {
    const prepay = await placeOrder('P-BOUND');
    await expect(t.control.pay(prepay, 'pay', 'oSOMEONE_ELSE')).rejects.toThrow(/403/);
    await t.control.pay(prepay, 'pay', BUYER);
    const q = value(await pay('queryOrder', { subMchId: MCH, outTradeNo: 'P-BOUND' }));
    expect(q.subOpenid).toBe(BUYER);
  });

  test('§3.2 timeExpire is honoured: unpaid at the deadline the order is CLOSED and cannot be paid', async () => {
    const expire = new Date((await t.now()) + 8 * 3600_000 + 10 * 60_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const prepay = await placeOrder('P-EXPIRE', { timeExpire: expire });
    await t.control.advanceClock(10 * 60_000 + 1000);
    expect(value(await pay('queryOrder', { subMchId: MCH, outTradeNo: 'P-EXPIRE' })).tradeState).toBe('CLOSED');
    await expect(t.control.pay(prepay)).rejects.toThrow(/409/);
  });

  test('§3.1 Cloud Pay needs no config.json permission: a function listing none may call it, as the official docs and samples do', async () => {
    const r = value(await t.run<Reply>(`return await cloud.cloudPay.unifiedOrder(event.params)`, { fn: 'noperm', openid: BUYER, event: { params: orderParams('P-NOPERM') } }));
    expect(r).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', errMsg: 'cloudPay.unifiedOrder:ok' });
  });
});

describe('§3.3 pay notify', () => {
  test('§3.3 the notify carries the documented fields and SOURCE=wx_paycallback', async () => {
    const prepay = await placeOrder('N-FIELDS', { attach: 'cart=7' });
    const paid = await t.control.pay(prepay);
    const [d] = await deliveries('N-FIELDS');
    expect(d).toMatchObject({ attempt: 1, acknowledged: true, functionName: 'paynotify' });
    const s = seen(d);
    expect(s.SOURCE).toBe('wx_paycallback');
    expect(s.OPENID).toBe(BUYER); // the local cloud's choice; handlers must not rely on it (§3.3)
    expect(s.event).toMatchObject({
      returnCode: 'SUCCESS', resultCode: 'SUCCESS', subMchId: MCH, subOpenid: BUYER, totalFee: 2350, cashFee: 2350,
      feeType: 'CNY', tradeType: 'JSAPI', outTradeNo: 'N-FIELDS', transactionId: paid.transactionId, attach: 'cart=7',
      subAppid: t.appId,
    });
    expect(s.event.timeEnd).toMatch(/^\d{14}$/);
    expect(s.event.openid).not.toBe(BUYER); // the platform's openid; the payer is subOpenid
  });

  test('§3.3 inside the callback, queryOrder already reads SUCCESS (the re-query handlers must do)', async () => {
    const prepay = await placeOrder('N-QUERY', { attach: 'mode=query' });
    await t.control.pay(prepay);
    const [d] = await deliveries('N-QUERY');
    expect((d.returned as Reply).query).toEqual({ tradeState: 'SUCCESS', totalFee: 2350, subOpenid: BUYER });
  });

  test('§3.3 §7.1 a return other than {errcode:0} is retried on 15s, 15s, 30s, 3m, … of the virtual clock', async () => {
    const prepay = await placeOrder('N-RETRY', { attach: 'mode=wrong' });
    await t.control.pay(prepay);
    const t0 = (await deliveries('N-RETRY'))[0].at;
    let due = t0;
    for (const step of [15, 15, 30, 180, 600]) {
      due += step * 1000;
      // The virtual clock also follows real time, so stop a second short of the retry, then cross it.
      const { now } = await t.control.clock();
      await t.control.advanceClock(Math.max(0, due - 1000 - now));
      const before = (await deliveries('N-RETRY')).length;
      await t.control.advanceClock(1000);
      expect((await deliveries('N-RETRY')).length).toBe(before + 1); // not a second early, not late
    }
    await t.control.advanceClock(30 * 3600_000);
    const all = await deliveries('N-RETRY');
    expect(all.map((d) => (d.at - t0) / 1000)).toEqual([0, 15, 30, 60, 240, 840, 2040, 3840, 5640, 7440, 11040, 21840, 32640, 43440, 65040, 86640]);
    expect(all.every((d) => !d.acknowledged && (d.returned as Reply).return_code === 'SUCCESS')).toBe(true);
  }, 60_000);

  test('§7.1 a handler that throws is retried until it answers {errcode:0}, then never again', async () => {
    const ackAfter = (await t.now()) + 40_000;
    const prepay = await placeOrder('N-THROW', { attach: `ackAfter=${ackAfter}` });
    await t.control.pay(prepay);
    // Step through the schedule: the function reads the virtual clock when each retry runs.
    for (const step of [15, 15, 30]) await t.control.advanceClock(step * 1000);
    await t.control.advanceClock(24 * 3600_000);
    const all = await deliveries('N-THROW');
    expect(all.map((d) => d.acknowledged)).toEqual([false, false, false, true]); // 0 s, 15 s, 30 s, 60 s
    const thrower = await placeOrder('N-THROW2', { attach: 'mode=throw' });
    await t.control.pay(thrower);
    const [first] = await deliveries('N-THROW2');
    expect(first).toMatchObject({ acknowledged: false, returned: { kind: 'error' } });
  });

  test('§7.1 a handler that times out counts as not received and is retried', async () => {
    const prepay = await placeOrder('N-SLOW', { attach: 'mode=sleep' });
    await t.control.pay(prepay);
    const [first] = await deliveries('N-SLOW');
    expect(first).toMatchObject({ acknowledged: false, returned: { kind: 'timeout' } });
    const trade = (await t.control.trades()).trades.find((x) => x.outTradeNo === 'N-SLOW') as Reply;
    expect((trade.notify as Reply).nextAt).toBe(first.at + 15_000);
  }, 20_000);

  test('§7.1 duplicates on demand: 5 concurrent copies of an acknowledged notify all reach the function', async () => {
    const prepay = await placeOrder('N-DUP');
    await t.control.pay(prepay);
    const { deliveries: dups } = await t.control.redeliverNotify('N-DUP', 5, true);
    expect(dups).toHaveLength(5);
    expect(dups.every((d) => d.acknowledged && seen(d).SOURCE === 'wx_paycallback')).toBe(true);
    expect(await deliveries('N-DUP')).toHaveLength(6);
  }, 30_000); // concurrent copies cold-start extra instances

  test('§7.2 a dropped notify never arrives; only queryOrder tells the order is paid', async () => {
    await t.control.notifyPolicy({ mode: 'drop' });
    const prepay = await placeOrder('N-DROP');
    await t.control.pay(prepay);
    await t.control.advanceClock(48 * 3600_000);
    expect(await deliveries('N-DROP')).toHaveLength(0);
    expect(value(await pay('queryOrder', { subMchId: MCH, outTradeNo: 'N-DROP' })).tradeState).toBe('SUCCESS');
  });

  test('§7.2 a delayed notify arrives after the payment is visible to queryOrder', async () => {
    await t.control.notifyPolicy({ mode: 'delay', delayMs: 120_000, outTradeNo: 'N-LATE' });
    const prepay = await placeOrder('N-LATE');
    await t.control.pay(prepay);
    expect(await deliveries('N-LATE')).toHaveLength(0);
    expect(value(await pay('queryOrder', { subMchId: MCH, outTradeNo: 'N-LATE' })).tradeState).toBe('SUCCESS');
    await t.control.advanceClock(120_000);
    expect((await deliveries('N-LATE')).map((d) => d.acknowledged)).toEqual([true]);
  });

  test('§7.4 a client call of the notify function through the gateway carries SOURCE=wx_client and an OPENID', async () => {
    const forged = { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: 'N-FORGED', totalFee: 1, subMchId: MCH };
    const reply = await t.invoke<{ seen: Seen }>('paynotify', forged, 'oFORGER');
    if (!reply.ok) throw new Error(reply.errMsg);
    expect(reply.result.seen.SOURCE).toBe('wx_client');
    expect(reply.result.seen.OPENID).toBe('oFORGER');
  });
});

describe('§3.4 queryOrder, closeOrder', () => {
  test('§3.4 tradeState walks NOTPAY → USERPAYING → PAYERROR → SUCCESS → REFUND', async () => {
    const prepay = await placeOrder('Q-STATES');
    const state = async () => value(await pay('queryOrder', { subMchId: MCH, outTradeNo: 'Q-STATES' }));
    expect(await state()).toMatchObject({ tradeState: 'NOTPAY', errMsg: 'cloudPay.queryOrder:ok' });
    await t.control.pay(prepay, 'userpaying');
    expect((await state()).tradeState).toBe('USERPAYING');
    await t.control.pay(prepay, 'fail');
    expect((await state()).tradeState).toBe('PAYERROR');
    await t.control.pay(prepay, 'pay');
    const paid = await state();
    expect(paid).toMatchObject({ tradeState: 'SUCCESS', totalFee: 2350, subMchId: MCH, subOpenid: BUYER });
    expect(paid.transactionId).toMatch(/^\d{28}$/);
    expect(paid.timeEnd).toMatch(/^\d{14}$/);
    value(await pay('refund', { subMchId: MCH, outTradeNo: 'Q-STATES', outRefundNo: 'Q-R1', totalFee: 2350, refundFee: 100 }));
    expect((await state()).tradeState).toBe('REFUND');
    expect(value(await pay('queryOrder', { subMchId: MCH, outTradeNo: 'Q-NONE' }))).toMatchObject({ resultCode: 'FAIL', errCodeDes: 'order not exist' });
  });

  test('§3.4 closeOrder closes an unpaid order (then it cannot be paid) and fails on a paid one', async () => {
    const open = await placeOrder('C-OPEN');
    expect(value(await pay('closeOrder', { subMchId: MCH, outTradeNo: 'C-OPEN' }))).toMatchObject({ resultCode: 'SUCCESS' });
    expect(value(await pay('queryOrder', { subMchId: MCH, outTradeNo: 'C-OPEN' })).tradeState).toBe('CLOSED');
    await expect(t.control.pay(open)).rejects.toThrow(/409/);
    await t.control.pay(await placeOrder('C-PAID'));
    expect(value(await pay('closeOrder', { subMchId: MCH, outTradeNo: 'C-PAID' }))).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单已支付，不能发起关单' });
  });
});

describe('§3.4 refund, queryRefund', () => {
  const refund = (outTradeNo: string, outRefundNo: string, refundFee: number, over: Reply = {}) =>
    pay('refund', { subMchId: MCH, outTradeNo, outRefundNo, totalFee: 2350, refundFee, envId: t.envId, functionName: 'paynotify', ...over });

  test('§3.4 partial refunds up to the paid amount; one fen more is refused', async () => {
    await t.control.pay(await placeOrder('R-PART'));
    expect(value(await refund('R-PART', 'R-PART-1', 1000))).toMatchObject({ resultCode: 'SUCCESS', refundFee: 1000, errMsg: 'cloudPay.refund:ok' });
    expect(value(await refund('R-PART', 'R-PART-2', 1350)).resultCode).toBe('SUCCESS');
    expect(value(await refund('R-PART', 'R-PART-3', 1))).toMatchObject({ resultCode: 'FAIL', errCodeDes: '累计退款金额大于支付金额' });
  });

  test('§3.4 the same outRefundNo is idempotent: one refund, one refundId', async () => {
    await t.control.pay(await placeOrder('R-IDEM'));
    const a = value(await refund('R-IDEM', 'R-IDEM-1', 500));
    const b = value(await refund('R-IDEM', 'R-IDEM-1', 500));
    expect(b.refundId).toBe(a.refundId);
    const q = value(await pay('queryRefund', { subMchId: MCH, outTradeNo: 'R-IDEM' }));
    expect(q).toMatchObject({ refundCount: 1, outRefundNo_0: 'R-IDEM-1', refundFee_0: 500, refundStatus_0: 'PROCESSING' });
  });

  test('§3.4 at most 50 refunds per order', async () => {
    await t.control.pay(await placeOrder('R-MANY'));
    const codes = value(await t.run<string[]>(`
      const out = [];
      for (let i = 0; i < 51; i++) {
        const r = await cloud.cloudPay.refund({ subMchId: '${MCH}', outTradeNo: 'R-MANY', outRefundNo: 'R-MANY-' + i, totalFee: 2350, refundFee: 1 });
        out.push(r.resultCode);
      }
      return out`, { openid: BUYER }));
    expect(codes.filter((c) => c === 'SUCCESS')).toHaveLength(50);
    expect(codes[50]).toBe('FAIL');
  }, 30_000);

  test('§3.4 the refund result arrives later at the refund functionName (reqInfo form by default)', async () => {
    await t.control.pay(await placeOrder('R-LATER'));
    value(await refund('R-LATER', 'R-LATER-1', 350));
    expect(await deliveries('R-LATER', 'refund')).toHaveLength(0);
    await t.control.advanceClock(5_000);
    const [d] = await deliveries('R-LATER', 'refund');
    expect(d).toMatchObject({ acknowledged: true, outRefundNo: 'R-LATER-1' });
    expect(seen(d).SOURCE).toBe('wx_paycallback');
    expect(seen(d).event.reqInfo).toMatchObject({ outTradeNo: 'R-LATER', outRefundNo: 'R-LATER-1', refundFee: 350, totalFee: 2350, refundStatus: 'SUCCESS' });
    expect(seen(d).event).not.toHaveProperty('attach');
    const q = value(await pay('queryRefund', { subMchId: MCH, outRefundNo: 'R-LATER-1' }));
    expect(q).toMatchObject({ refundStatus_0: 'SUCCESS' });
    expect(q.refundSuccessTime_0).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  test('§3.4 refund results can be delivered in the flat and the reqInfo form', async () => {
    await t.control.pay(await placeOrder('R-FORMS'));
    value(await refund('R-FORMS', 'R-FORMS-1', 200));
    const [flat] = (await t.control.deliverRefundNotify('R-FORMS-1', 'flat')).deliveries;
    const [nested] = (await t.control.deliverRefundNotify('R-FORMS-1', 'reqInfo')).deliveries;
    expect(seen(flat).event).toMatchObject({ outRefundNo: 'R-FORMS-1', refundFee: 200, refundStatus: 'SUCCESS' });
    expect(seen(flat).event).not.toHaveProperty('reqInfo');
    expect(seen(nested).event.reqInfo).toMatchObject({ outRefundNo: 'R-FORMS-1', refundFee: 200 });
  });
});
