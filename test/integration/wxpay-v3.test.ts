// WeChat Pay APIv3 as a payment channel, end to end through the local cloud's v3 sandbox
// (docs/wechat-contracts.md §4): signed requests, signed answers, encrypted notifies through the HTTP
// access service to payNotifyV3. Each mode runs in its own cloud: the service-provider mode verifying
// with platform certificates, the direct mode with the WeChat Pay public key (§4.5).
import { createPublicKey } from 'node:crypto';
import type { NotifyLogDoc, OrderDoc, PaymentDoc, PayChannelKind } from '../../core/model';
import { BUYER_A, data, MERCHANT, OWNER, startHarness, V3_MCHID, type Harness } from './harness';
import { order, place, placeAndPay, prepayOf, product, seedShop, tick } from './money-fixtures';

const MINUTE = 60_000;

const MODES: { channel: Exclude<PayChannelKind, 'cloudpay'>; merchant: string; verify: 'certificate' | 'public_key' }[] = [
  { channel: 'v3-partner', merchant: MERCHANT, verify: 'certificate' },
  { channel: 'v3-direct', merchant: V3_MCHID, verify: 'public_key' },
];

const forgedRows: string[] = [];
afterAll(() => {
  if (forgedRows.length) console.log(`forged and mismatching v3 notifies (order unpaid before and after):\n${forgedRows.join('\n')}`);
});

describe.each(MODES)('$channel ($verify mode)', ({ channel, merchant, verify }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ v3: verify });
  }, 60_000);
  afterAll(() => h?.close());
  afterEach(() => h.control.notifyPolicy({ mode: 'deliver' }));

  const v3Shop = (stock = 10) => seedShop(h, { settings: { payChannel: channel, subMchId: merchant, goodsCategory: 'apparel' }, products: { shirt: { stock } } });
  const paymentsOf = (orderId: string) => h.docs<PaymentDoc>('payments').filter((x) => x.orderId === orderId);

  test('placed, paid at the cashier, applied by the signed and encrypted notify', async () => {
    const { shop, p } = v3Shop();
    const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.shirt._id, quantity: 2 }] }));
    expect(placed.payment).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) });
    expect(order(h, placed.orderId).payment).toMatchObject({ channel, subMchId: merchant });
    const paid = await h.control.pay(prepayOf(placed), 'pay', BUYER_A);
    const o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'paid', paidFen: placed.total, stockState: 'sold' });
    expect(paymentsOf(placed.orderId).map((x) => [x.source, x.subMchId, x.totalFee])).toEqual([['notify', merchant, placed.total]]);
    const deliveries = (await h.control.notifies({ outTradeNo: placed.outTradeNo })).deliveries;
    expect(deliveries.map((d) => [d.acknowledged, (d.returned as { status?: number }).status])).toEqual([[true, 204]]);
    console.log(`${channel}: ${placed.total} fen placed → paid by notify (${paid.transactionId}), HTTP ${String((deliveries[0].returned as { status?: number }).status)}`);
  }, 120_000);

  test('the notify is lost: the buyer\'s "I have paid" asks WeChat Pay and the order is paid by query', async () => {
    const { shop, p } = v3Shop();
    const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.shirt._id, quantity: 1 }] }));
    await h.control.notifyPolicy({ mode: 'drop', outTradeNo: placed.outTradeNo });
    await h.control.pay(prepayOf(placed), 'pay', BUYER_A);
    expect(order(h, placed.orderId).status).toBe('unpaid');
    const confirmed = data(await h.call<{ status: string; paid: boolean }>('orders', 'confirmPaid', { orderId: placed.orderId }, BUYER_A));
    expect(confirmed).toMatchObject({ paid: true, status: 'paid' });
    expect(paymentsOf(placed.orderId).map((x) => x.source)).toEqual(['query']);
  }, 120_000);

  test('the notify is lost and nobody asks: the timer\'s reconciliation pays it within two minutes', async () => {
    const { shop, p } = v3Shop();
    await h.control.notifyPolicy({ mode: 'drop' });
    const { placed } = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.shirt._id, quantity: 1 }] });
    for (let i = 0; i < 2; i += 1) await h.control.advanceClock(MINUTE);
    expect(order(h, placed.orderId).status).toBe('paid');
    expect(paymentsOf(placed.orderId).map((x) => x.source)).toEqual(['query']);
  }, 120_000);

  test('late: expiry closes the v3 order first; a payment that beat the close is applied, not lost', async () => {
    const { shop, p } = v3Shop();
    const closed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.shirt._id, quantity: 1 }] }));
    await h.control.notifyPolicy({ mode: 'drop' });
    const { placed } = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.shirt._id, quantity: 2 }] });
    for (const id of [closed.orderId, placed.orderId]) h.cloud.db.seed('orders', [{ ...order(h, id), expiresAt: h.cloud.now() - 1 } as never]);
    const report = await tick(h, ['expireOrders']);
    expect(report).toMatchObject({ expired: 1, reconciled: 1 });
    expect(order(h, closed.orderId)).toMatchObject({ status: 'cancelled', stockState: 'released' });
    expect((await h.control.trades()).trades.find((t) => t.outTradeNo === closed.outTradeNo)).toMatchObject({ state: 'CLOSED' });
    expect(order(h, placed.orderId)).toMatchObject({ status: 'paid', stockState: 'sold' });
    expect(product(h, p.shirt._id)).toMatchObject({ stock: 8, reserved: 0, sold: 2 });
  }, 120_000);

  test('refund: requested on the v3 channel, settled by the REFUND.SUCCESS notify', async () => {
    const { shop, p } = v3Shop();
    const { placed } = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.shirt._id, quantity: 1 }] });
    data(await h.call('shopAdmin', 'refundOrder', { shopId: shop._id, orderId: placed.orderId, reason: '尺码不合适', mode: 'full' }, OWNER));
    expect(order(h, placed.orderId).status).toBe('refunding');
    await h.control.advanceClock(MINUTE);
    const o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'refunded', refundedFen: placed.total });
    const log = h.docs<NotifyLogDoc>('notify_log').filter((n) => n.orderId === placed.orderId && n.kind === 'refund');
    expect(log.map((n) => n.verdict)).toEqual(['refund_succeeded']);
    console.log(`${channel}: refund of ${placed.total} fen → ${o.timeline.map((e) => e.event).join(' → ')}`);
  }, 120_000);

  test('forged and mismatching notifies are refused, recorded, and change nothing', async () => {
    const { shop, p } = v3Shop();
    const placed = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.shirt._id, quantity: 1 }] }));
    const before = order(h, placed.orderId);
    const forgeries = ['bad_signature', 'stale_timestamp', 'wrong_serial', 'tampered_ciphertext', 'amount', 'merchant', 'appid'] as const;
    const expected = { bad_signature: 401, stale_timestamp: 401, wrong_serial: 401, tampered_ciphertext: 401, amount: 204, merchant: 204, appid: 204 };
    for (const forgery of forgeries) {
      const seen = h.docs<NotifyLogDoc>('notify_log').length;
      const { result } = await h.control.v3Forge(placed.outTradeNo, forgery);
      const logged = h.docs<NotifyLogDoc>('notify_log').slice(seen);
      const after = order(h, placed.orderId);
      forgedRows.push(`  ${channel.padEnd(10)} ${forgery.padEnd(20)} HTTP ${String(result.status)}  ${(logged[0]?.verdict ?? '(none)').padEnd(17)} order ${after.status}`);
      expect([result.status, logged.map((n) => n.verdict).length, after.status, after.updatedAt]).toEqual([expected[forgery], 1, 'unpaid', before.updatedAt]);
    }
    expect(h.docs<NotifyLogDoc>('notify_log').filter((n) => n.orderId === placed.orderId).map((n) => n.verdict).sort())
      .toEqual(['amount_mismatch', 'appid_mismatch', 'merchant_mismatch']);
    expect(paymentsOf(placed.orderId)).toEqual([]);
  }, 120_000);

  test('the sandbox refuses a request signed with the wrong key: 401 SIGN_ERROR, signed by the platform', async () => {
    const res = await fetch(`${h.cloud.url}/v3/pay/transactions/out-trade-no/T1234567?mchid=${V3_MCHID}`, {
      headers: { Authorization: `WECHATPAY2-SHA256-RSA2048 mchid="${V3_MCHID}",nonce_str="N",signature="AAAA",timestamp="${Math.floor(h.cloud.now() / 1000)}",serial_no="X"` },
    });
    expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([401, 'SIGN_ERROR']);
    const platform = await h.control.v3Platform();
    expect(res.headers.get('wechatpay-serial')).toBe(verify === 'certificate' ? platform.certSerial : platform.publicKeyId);
    expect(createPublicKey(platform.publicKey).asymmetricKeyType).toBe('rsa');
  });
});

describe('Cloud Pay is refused for goods WeChat forbids it for', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(() => h?.close());

  test('a shoe shop on Cloud Pay cannot check out; nothing is reserved', async () => {
    const { shop, p } = seedShop(h, { settings: { payChannel: 'cloudpay', goodsCategory: 'shoes' }, products: { boots: { stock: 4 } } });
    const refused = await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.boots._id, quantity: 1 }] });
    expect(refused).toMatchObject({ ok: false, code: 'CLOUD_PAY_NOT_ALLOWED' });
    expect(product(h, p.boots._id)).toMatchObject({ stock: 4, reserved: 0 });
    expect(h.docs<OrderDoc>('orders').filter((o) => o.shopId === shop._id)).toEqual([]);
  }, 60_000);
});
