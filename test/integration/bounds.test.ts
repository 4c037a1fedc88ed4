//, items 5 and 7, as attacks with big inputs: a 1 MB field in a few operations must be refused
// in a reply of at most REFUSAL_MAX_BYTES (it used to come back twice: 586 KB for a 300 KB field, over
// the 1 MB result limit for 1 MB), writing nothing; and a forged 900 KB refundNotify event must be
// stored in at most 4 KB (it used to be stored whole).
import { REFUSAL_MAX_BYTES } from '../../core/contracts/parse';
import { SAMPLE_IDS } from '../../core/contracts/valid-payloads';
import type { NotifyLogDoc } from '../../core/model';
import { BUYER_A, OWNER, startHarness, type Harness } from './harness';

jest.setTimeout(120_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const MB = 'x'.repeat(1024 * 1024);
/** About 1 MB of UTF-8 in Chinese characters (3 bytes each). */
const MB_ZH = '很'.repeat(350_000);
const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');
const { shopId, productId, orderId } = SAMPLE_IDS;

describe(' item 7: refusals never echo a big field', () => {
  const cases: [string, string, unknown, string][] = [
    ['a 1 MB note', 'confirmOrder', { action: 'place', payload: { shopId, requestId: 'big-note-0001', lines: [{ productId, quantity: 1 }], note: MB } }, BUYER_A],
    ['a 1 MB delivery method (an enum)', 'confirmOrder', { action: 'quote', payload: { shopId, lines: [{ productId, quantity: 1 }], deliveryMethod: MB } }, BUYER_A],
    ['a 1 MB shop name in Chinese', 'shopAdmin', { action: 'createShop', payload: { requestId: 'big-name-0001', name: MB_ZH, phone: '13800000000' } }, OWNER],
    ['a 1 MB description', 'shopAdmin', { action: 'createProduct', payload: { shopId, kind: 'physical', name: '薯片', price: 100, description: MB } }, OWNER],
    ['a 1 MB photo fileID', 'shopAdmin', { action: 'createProduct', payload: { shopId, kind: 'physical', name: '薯片', price: 100, photos: [`cloud://${MB}`] } }, OWNER],
    ['an unknown key 1 MB long', 'shopAdmin', { action: 'updateProduct', payload: { shopId, productId, patch: { [MB]: 1 } } }, OWNER],
    ['a 1 MB cancel reason', 'orders', { action: 'cancel', payload: { orderId, reason: MB_ZH } }, BUYER_A],
    ['a 1 MB order status filter', 'orders', { action: 'list', payload: { status: MB } }, BUYER_A],
    ['a 1 MB gift note', 'membership', { action: 'gift', payload: { shopId, giftId: 'big-gift-0001', buyerOpenid: BUYER_A, tag: 'vip', days: 7, note: MB } }, OWNER],
    ['a 1 MB shop id', 'storefront', { action: 'home', payload: { shopId: MB } }, BUYER_A],
    ['a 1 MB action name', 'orders', { action: MB, payload: {} }, BUYER_A],
  ];

  test(`1 MB field: reply ≤ ${REFUSAL_MAX_BYTES} B, in ${cases.length} operations, nothing written`, async () => {
    const seq = h.cloud.requests.lastSeq;
    const sizes: number[] = [];
    for (const [name, fn, event, openid] of cases) {
      const reply = await h.control.callFunction<{ ok: boolean; code?: string }>(fn, event, openid);
      if (!reply.ok) throw new Error(`${name}: invocation failed ${reply.errCode} ${reply.errMsg}`);
      sizes.push(bytes(reply.result));
      console.log(`  ${name} → ${reply.result.code}, ${bytes(reply.result)} B (sent ${bytes(event)} B)`);
      expect(reply.result).toMatchObject({ ok: false });
      expect(['VALIDATION_FAILED', 'UNKNOWN_ACTION']).toContain(reply.result.code);
    }
    console.log(`1 MB field: reply ≤ ${Math.max(...sizes)} B (bound ${REFUSAL_MAX_BYTES} B) in ${cases.length} operations; ${h.writesSince(seq)} writes`);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(REFUSAL_MAX_BYTES);
    expect(h.writesSince(seq)).toBe(0);
  });
});

describe(' item 5: stored notify events are bounded', () => {
  const STORED_MAX = 4096;
  const big = 'x'.repeat(900 * 1024);
  const refundEvent = (extra: Record<string, unknown>) => ({
    returnCode: 'SUCCESS', reqInfo: { outRefundNo: `${orderId}-R1`, outTradeNo: orderId, refundStatus: 'SUCCESS', refundFee: 100, ...extra },
  });

  test('refundNotify 900 KB forged event: stored ≤ 4 KB (from a client, and as WeChat Pay with a bad or an extra field)', async () => {
    const before = h.docs<NotifyLogDoc>('notify_log').length;
    const forged = await h.control.callFunction('refundNotify', refundEvent({ padding: big }), BUYER_A);
    const invalid = await h.cloud.functions.invoke('refundNotify', refundEvent({ outRefundNo: big }), { source: 'wx_paycallback' });
    const extra = await h.cloud.functions.invoke('refundNotify', refundEvent({ padding: '很'.repeat(300_000) }), { source: 'wx_paycallback' });
    expect([forged.ok, invalid.ok, extra.ok]).toEqual([true, true, true]);
    const stored = h.docs<NotifyLogDoc>('notify_log').slice(before);
    const sizes = stored.map(bytes);
    console.log(`refundNotify 900 KB forged event: stored ${sizes.join(' / ')} B (${stored.map((d) => d.verdict).join(', ')}); bound ${STORED_MAX} B`);
    expect(stored.map((d) => d.verdict)).toEqual(['forged_source', 'invalid', 'not_found']);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(STORED_MAX);
    // What a person needs is kept: the start of the event and its real size.
    expect(stored[0].event).toMatchObject({ truncated: expect.stringContaining('"returnCode":"SUCCESS"'), bytes: expect.any(Number) });
    expect(Number(stored[0].event.bytes)).toBeGreaterThan(900 * 1024);
  });
});
