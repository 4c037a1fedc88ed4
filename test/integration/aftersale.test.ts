// After-sale requests through the local cloud (docs/product.md §3 refunds): a buyer asks for money back
// on a paid order; the owner approves — the refund runs through the one refund path and Cloud Pay's
// sandbox settles it with a refund notify — or declines with a reason. Both read it on the timeline. The
// rules: never above what was paid, one open request per order, nothing while a refund is running; a
// request left unanswered for 48 hours becomes an alert.
import type { AfterSaleResult, OrderDetailView, RefundStarted } from '../../core/contracts/views';
import { AFTER_SALE_ANSWER_MS } from '../../core/aftersale';
import type { AfterSaleDoc, ShopAlertDoc } from '../../core/model';
import { REFUND_SETTLE_MS } from '../../localcloud/pay/sandbox';
import { BUYER_A, BUYER_B, data, OWNER, startHarness, type Harness } from './harness';
import { order, placeAndPay, product, seedShop, tick } from './money-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

const ask = (payload: Record<string, unknown>, buyer = BUYER_A) => h.call<AfterSaleResult>('orders', 'requestAfterSale', payload, buyer);
const admin = <T>(action: string, payload: Record<string, unknown>) => h.call<T>('shopAdmin', action, payload, OWNER);
const settle = () => h.control.advanceClock(REFUND_SETTLE_MS + 1_000);
const requestsOf = (orderId: string) => h.docs<AfterSaleDoc>('after_sales').filter((a) => a.orderId === orderId);
const steps = (orderId: string) => order(h, orderId).timeline.map((e) => `${e.event}${e.to ? `→${e.to}` : ''}`);

async function paidOrder(quantity = 3) {
  const { shop, p } = seedShop(h, { products: { chips: { stock: 10, price: 1200 as never } } });
  const { placed } = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity }] });
  return { shop, chips: p.chips, placed };
}

describe('after-sale: request → approve → refund notify → refunded', () => {
  test('a full request approved: the refund settles by its notify, the order is refunded, both read it on the timeline', async () => {
    const { shop, chips, placed } = await paidOrder();
    const req = data(await ask({ orderId: placed.orderId, mode: 'full', reason: '拿错口味了', photos: [] }));
    expect(req).toMatchObject({ status: 'open', amount: 3600 });
    const buyerView = data(await h.call<OrderDetailView>('orders', 'detail', { orderId: placed.orderId }, BUYER_A));
    expect(buyerView.afterSale).toMatchObject({ status: 'open', amount: 3600, reason: '拿错口味了' });
    expect(buyerView.actions).not.toContain('afterSale');
    const ownerView = data(await admin<OrderDetailView>('orderDetail', { shopId: shop._id, orderId: placed.orderId }));
    expect(ownerView.actions).toContain('answerAfterSale');

    const approved = data(await admin<AfterSaleResult>('approveAfterSale', { shopId: shop._id, orderId: placed.orderId, afterSaleId: req.afterSaleId }));
    expect(approved.status).toBe('approved');
    expect(order(h, placed.orderId)).toMatchObject({ status: 'refunding', refundPendingFen: 3600 });
    await settle();
    const o = order(h, placed.orderId);
    expect(o).toMatchObject({ status: 'refunded', paidFen: 3600, refundedFen: 3600, refundPendingFen: 0 });
    expect(product(h, chips._id)).toMatchObject({ stock: 10, sold: 0 });
    expect(steps(placed.orderId)).toEqual(['placed→unpaid', 'paid→paid', 'aftersale_requested', 'aftersale_approved→refunding', 'refund_succeeded→refunded']);
    // Approving twice starts nothing more.
    data(await admin<AfterSaleResult>('approveAfterSale', { shopId: shop._id, orderId: placed.orderId, afterSaleId: req.afterSaleId }));
    expect(h.docs<{ orderId: string }>('refunds').filter((r) => r.orderId === placed.orderId)).toHaveLength(1);
    console.log(`after-sale approve: asked 3600 fen → refund R1 3600 settled by notify → ${o.status}; timeline ${steps(placed.orderId).join(' / ')}`);
  }, 120_000);

  test('a partial request (1 of 3 units) approved refunds exactly that line and keeps the order paid', async () => {
    const { shop, placed } = await paidOrder();
    const req = data(await ask({ orderId: placed.orderId, mode: 'lines', lines: [{ lineNo: 1, quantity: 1 }], reason: '一包破了', photos: [] }));
    expect(req.amount).toBe(1200);
    data(await admin('approveAfterSale', { shopId: shop._id, orderId: placed.orderId, afterSaleId: req.afterSaleId }));
    await settle();
    expect(order(h, placed.orderId)).toMatchObject({ status: 'paid', refundedFen: 1200, refundPendingFen: 0 });
    // Closed: the buyer may ask again for what is left.
    expect(data(await h.call<OrderDetailView>('orders', 'detail', { orderId: placed.orderId }, BUYER_A)).actions).toContain('afterSale');
  }, 120_000);
});

describe('after-sale: request → decline', () => {
  test('the owner declines with a reason: no money moves, the buyer reads the reason and may ask again', async () => {
    const { shop, placed } = await paidOrder();
    const req = data(await ask({ orderId: placed.orderId, mode: 'amount', amount: 500, reason: '味道不好', photos: [] }));
    const declined = data(await admin<AfterSaleResult>('declineAfterSale', {
      shopId: shop._id, orderId: placed.orderId, afterSaleId: req.afterSaleId, reason: '已拆封食品不退',
    }));
    expect(declined.status).toBe('declined');
    expect(order(h, placed.orderId)).toMatchObject({ status: 'paid', refundedFen: 0, refundPendingFen: 0, refundCount: 0 });
    const view = data(await h.call<OrderDetailView>('orders', 'detail', { orderId: placed.orderId }, BUYER_A));
    expect(view.afterSale).toMatchObject({ status: 'declined', declineReason: '已拆封食品不退' });
    expect(view.timeline.at(-1)).toMatchObject({ event: 'aftersale_declined', actor: 'owner', note: '已拆封食品不退' });
    expect(await admin('approveAfterSale', { shopId: shop._id, orderId: placed.orderId, afterSaleId: req.afterSaleId })).toMatchObject({ ok: false, code: 'AFTERSALE_NOT_FOUND' });
    const again = data(await ask({ orderId: placed.orderId, mode: 'amount', amount: 300, reason: '再商量一下', photos: [] }));
    expect(again.afterSaleId).toBe(`${placed.orderId}-A2`);
    console.log(`after-sale decline: 500 fen asked, declined (已拆封食品不退), 0 fen moved; a second request ${again.afterSaleId} opened`);
  }, 120_000);
});

describe('after-sale rules', () => {
  test('never above what was paid, one open request per order (10 taps at once), nothing while a refund is running, only the buyer', async () => {
    const { shop, placed } = await paidOrder(1);
    const seq = h.cloud.requests.lastSeq;
    expect(await ask({ orderId: placed.orderId, mode: 'amount', amount: 1201, reason: '多退点', photos: [] })).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_PAID' });
    expect(await ask({ orderId: placed.orderId, mode: 'lines', lines: [{ lineNo: 1, quantity: 2 }], reason: '两件', photos: [] })).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_PAID' });
    expect(await ask({ orderId: placed.orderId, mode: 'full', reason: '别人的', photos: [] }, BUYER_B)).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(h.writesSince(seq)).toBe(0);

    const taps = await Promise.all(Array.from({ length: 10 }, () => ask({ orderId: placed.orderId, mode: 'full', reason: '不要了', photos: [] })));
    const opened = taps.filter((t) => t.ok).length;
    expect(opened).toBe(1);
    expect(taps.filter((t) => !t.ok).every((t) => !t.ok && t.code === 'AFTERSALE_OPEN')).toBe(true);
    expect(requestsOf(placed.orderId).filter((a) => a.status === 'open')).toHaveLength(1);

    const open = requestsOf(placed.orderId)[0];
    data(await admin('declineAfterSale', { shopId: shop._id, orderId: placed.orderId, afterSaleId: open._id, reason: '先不退' }));
    data(await admin<RefundStarted>('refundOrder', { shopId: shop._id, orderId: placed.orderId, mode: 'amount', amount: 200, reason: '少找零' }));
    expect(await ask({ orderId: placed.orderId, mode: 'amount', amount: 100, reason: '再退点', photos: [] })).toMatchObject({ ok: false, code: 'REFUND_RUNNING' });
    await settle();
    expect(await ask({ orderId: placed.orderId, mode: 'amount', amount: 1001, reason: '超了', photos: [] })).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_PAID' });
    data(await ask({ orderId: placed.orderId, mode: 'amount', amount: 1000, reason: '剩下的', photos: [] }));
    console.log(`after-sale rules: 1201 > 1200 paid refused; 10 taps → ${opened} open request, ${10 - opened} AFTERSALE_OPEN; REFUND_RUNNING while 200 fen pending; 1000 of 1000 left accepted`);
  }, 120_000);

  test('a request unanswered for 48 hours raises one alert for the owner', async () => {
    const { shop, placed } = await paidOrder(1);
    const req = data(await ask({ orderId: placed.orderId, mode: 'full', reason: '没收到', photos: [] }));
    await tick(h, ['escalateAfterSales']);
    expect(h.docs<ShopAlertDoc>('shop_alerts').filter((a) => a.shopId === shop._id)).toHaveLength(0);
    await h.control.advanceClock(AFTER_SALE_ANSWER_MS + 60_000);
    // The timer runs on the advanced clock too; two more ticks must not add a second alert.
    await tick(h, ['escalateAfterSales']);
    await tick(h, ['escalateAfterSales']);
    const alerts = h.docs<ShopAlertDoc>('shop_alerts').filter((a) => a.shopId === shop._id);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'aftersale_overdue', orderId: placed.orderId, readAt: null })]);
    expect(requestsOf(placed.orderId)[0]).toMatchObject({ _id: req.afterSaleId, status: 'open', escalatedAt: expect.any(Number) });
    console.log(`after-sale escalation: 0 alerts before 48 h, 1 after (and after two more ticks): ${alerts[0].message}`);
  }, 120_000);
});
