import { fen } from './money';
import type { EntitlementDoc, RefundDoc } from './model';
import { dashboardView, memberRow, orderActionsFor, orderDetailView, orderStatusLabel, orderSummaryView, pageOf, quoteView } from './present';
import { quote } from './pricing';
import { FIXTURE_NOW, makeLine, makeMembership, makeOrder, makeProduct, makeSettings } from './testing/fixtures';
import { DAY_MS } from './time';

const entitlement = (over: Partial<EntitlementDoc> = {}): EntitlementDoc => ({
  _id: 'O1.1', orderId: 'O20240601100000order001', lineNo: 1, shopId: 'S1', buyerOpenid: 'b', productId: 'Pbook', fileID: 'cloud://e/b.pdf',
  fileName: 'b.pdf', version: 1, downloadLimit: 5, downloads: 0, lastDownloadAt: null, revokedAt: null, createdAt: FIXTURE_NOW, ...over,
});

describe('members', () => {
  it('a member row is shown as expired once its time is up, whatever is stored', () => {
    const m = makeMembership({ expiresAt: FIXTURE_NOW + DAY_MS });
    expect(memberRow(m, FIXTURE_NOW)).toMatchObject({ state: 'expiring', daysLeft: 1, tag: 'vip' });
    expect(memberRow(m, FIXTURE_NOW + 2 * DAY_MS)).toMatchObject({ state: 'expired', daysLeft: 0 });
  });
});

describe('order actions follow the state machine and the clock', () => {
  it('an unpaid WeChat order can be repaid until it expires, and always cancelled', () => {
    const o = makeOrder();
    expect(orderActionsFor(o, 'buyer', FIXTURE_NOW)).toEqual(['repay', 'confirmPaid', 'cancel']);
    expect(orderActionsFor(o, 'buyer', o.expiresAt)).toEqual(['cancel']);
    expect(orderActionsFor(o, 'owner', FIXTURE_NOW)).toEqual([]);
  });

  it('a pay-on-pickup order waits for the owner', () => {
    const o = makeOrder({ paymentMethod: 'on_pickup', payment: null });
    expect(orderActionsFor(o, 'owner', FIXTURE_NOW)).toEqual(['markPaid', 'cancel']);
    expect(orderActionsFor(o, 'buyer', FIXTURE_NOW)).toEqual(['cancel']);
  });

  it('paid, accepted and fulfilled orders give the owner the next steps and a refund while money is left', () => {
    const paid = { paidFen: fen(2400) };
    expect(orderActionsFor(makeOrder({ status: 'paid', ...paid }), 'owner', FIXTURE_NOW)).toEqual(['accept', 'reject', 'markSoldOut', 'refund']);
    expect(orderActionsFor(makeOrder({ status: 'accepted', ...paid }), 'owner', FIXTURE_NOW)).toEqual(['fulfil', 'markSoldOut', 'refund']);
    expect(orderActionsFor(makeOrder({ status: 'fulfilled', ...paid }), 'owner', FIXTURE_NOW)).toEqual(['fulfil', 'complete', 'refund']);
    expect(orderActionsFor(makeOrder({ status: 'completed', ...paid, refundedFen: fen(2400) }), 'owner', FIXTURE_NOW)).toEqual([]);
    // The buyer confirms receipt and may ask for money back (申请退款/售后) while some is left.
    expect(orderActionsFor(makeOrder({ status: 'fulfilled', ...paid }), 'buyer', FIXTURE_NOW)).toEqual(['confirmReceipt', 'afterSale']);
    // Not while a request is open; not while a refund is running; the owner then answers it.
    expect(orderActionsFor(makeOrder({ status: 'fulfilled', ...paid }), 'buyer', FIXTURE_NOW, [], { status: 'open' })).toEqual(['confirmReceipt']);
    expect(orderActionsFor(makeOrder({ status: 'paid', ...paid, refundPendingFen: fen(100) }), 'buyer', FIXTURE_NOW)).toEqual([]);
    expect(orderActionsFor(makeOrder({ status: 'paid', ...paid }), 'owner', FIXTURE_NOW, [], { status: 'open' })).toContain('answerAfterSale');
  });

  it('a membership or a file delivered by the server asks no one to confirm receipt, and reads 已发放', () => {
    const granted = makeOrder({
      status: 'fulfilled', paidFen: fen(2400), hasPhysical: false, hasVirtual: true, delivery: { method: null, fee: fen(0), address: null },
      fulfilment: { kind: 'virtual', at: FIXTURE_NOW, carrier: null, trackingNo: null, note: '', shippingUploaded: true },
    });
    expect(orderActionsFor(granted, 'buyer', FIXTURE_NOW)).not.toContain('confirmReceipt');
    expect(orderStatusLabel(granted)).toBe('已发放');
    expect(orderStatusLabel(makeOrder({ status: 'accepted' }))).toBe('备货中'); // a paid pickup order is not 待发货
    expect(orderStatusLabel(makeOrder({ status: 'accepted', delivery: { method: 'express', fee: fen(0), address: null } }))).toBe('待发货');
  });

  it('downloads are offered while an unrevoked entitlement has downloads left, and a new file version is flagged', () => {
    const o = makeOrder({ status: 'completed', paidFen: fen(2400) });
    expect(orderActionsFor(o, 'buyer', FIXTURE_NOW, [entitlement()])).toEqual(['afterSale', 'download']);
    expect(orderActionsFor(o, 'buyer', FIXTURE_NOW, [entitlement({ downloads: 5 })])).toEqual(['afterSale']);
    const view = orderDetailView(o, '店', 'buyer', FIXTURE_NOW, [entitlement({ downloads: 2 })], { Pbook: 2 });
    expect(view.downloads).toEqual([{ lineNo: 1, fileName: 'b.pdf', remaining: 3, updated: true }]);
    expect(view).not.toHaveProperty('requestId');
    expect(view).not.toHaveProperty('payment');
  });
});

describe('refunds in the order detail', () => {
  const refund = (over: Partial<RefundDoc> = {}): RefundDoc => ({
    _id: 'R1', outRefundNo: 'R1', orderId: 'O1', shopId: 'S1', buyerOpenid: 'b', seq: 1, amount: fen(800), lines: [], deliveryFeeRefunded: fen(0),
    full: false, reason: '缺货', initiatedBy: 'owner', by: 'o', status: 'succeeded', refundId: 'w1', failReason: null, attempts: 1,
    createdAt: FIXTURE_NOW, updatedAt: FIXTURE_NOW, finishedAt: FIXTURE_NOW, ...over,
  });
  const refunds = [
    refund({ _id: 'R2', outRefundNo: 'R2', seq: 2, amount: fen(1600), status: 'failed', refundId: null, failReason: 'NOTENOUGH', finishedAt: null }),
    refund(),
  ];

  it('the owner sees each refund oldest first with its number, so a failed one can be retried by it', () => {
    const view = orderDetailView(makeOrder({ status: 'refunding', paidFen: fen(2400) }), '店', 'owner', FIXTURE_NOW, [], {}, refunds);
    expect(view.refunds).toEqual([
      { outRefundNo: 'R1', amount: 800, status: 'succeeded', failReason: null, createdAt: FIXTURE_NOW },
      { outRefundNo: 'R2', amount: 1600, status: 'failed', failReason: 'NOTENOUGH', createdAt: FIXTURE_NOW },
    ]);
    expect(view.refunds[0]).not.toHaveProperty('reason');
  });

  it('the buyer never sees the refund records', () => {
    expect(orderDetailView(makeOrder(), '店', 'buyer', FIXTURE_NOW, [], {}, refunds).refunds).toEqual([]);
  });
});

describe('lists and the dashboard', () => {
  it('pageOf reads limit + 1 rows to know whether there is more', () => {
    expect(pageOf([1, 2, 3], 0, 2)).toEqual({ items: [1, 2], offset: 0, limit: 2, hasMore: true });
    expect(pageOf([1, 2], 0, 2)).toEqual({ items: [1, 2], offset: 0, limit: 2, hasMore: false });
  });

  it('an order summary names its first line and how the order is paid', () => {
    expect(orderSummaryView(makeOrder(), '街角小店')).toMatchObject({ shopName: '街角小店', firstLine: { name: '蓝色薯片' }, total: 2400, paymentMethod: 'wechat' });
    expect(orderSummaryView(makeOrder({ paymentMethod: 'on_pickup', payment: null }), '街角小店').paymentMethod).toBe('on_pickup');
  });

  it('the dashboard sums a week of day figures (all shards of a day), less what was refunded that day, today last', () => {
    const today = FIXTURE_NOW; // 2024-06-01 10:00 China
    const day = (d: string, shard: number, paidOrders: number, paidFen: number, refundedFen = 0) => ({ day: d, paidOrders, paidFen: fen(paidFen), refundedFen: fen(refundedFen), shard });
    const view = dashboardView([
      day('2024-06-01', 0, 1, 1000), day('2024-06-01', 3, 1, 500),
      day('2024-05-31', 1, 1, 700, 200),
      day('2024-05-25', 0, 1, 9999), // outside the window
    ], 3, 12, today);
    expect(view.today).toEqual({ key: '2024-06-01', paidOrders: 2, revenue: 1500 });
    expect(view.days.map((d) => d.revenue)).toEqual([0, 0, 0, 0, 0, 500, 1500]);
    expect(view).toMatchObject({ waiting: 3, activeMembers: 12 });
  });
});

describe('a digital file is never in a view', () => {
  const fileID = 'cloud://env-1.656e-env-1-1300000000/shops/S1/files/book.pdf';
  const digital = { fileID, fileName: 'book.pdf', downloadLimit: 3, version: 2 };

  it('an order line shows the name, limit and version, for the buyer and the owner alike', () => {
    const o = makeOrder({ lines: [makeLine({ kind: 'digital', digital })] });
    for (const viewer of ['buyer', 'owner'] as const) {
      const view = orderDetailView(o, '店', viewer, FIXTURE_NOW);
      expect(view.lines[0].digital).toEqual({ fileName: 'book.pdf', downloadLimit: 3, version: 2 });
      expect(JSON.stringify(view)).not.toContain(fileID);
    }
  });

  it('a quoted line shows the name and limit only', () => {
    const product = makeProduct({ kind: 'digital', unlimited: true, digital });
    const q = quote({ shopId: product.shopId, products: [product], lines: [{ productId: product._id, quantity: 1 }], memberTags: [], delivery: makeSettings().delivery, deliveryMethod: null });
    if (!q.ok) throw new Error(q.code);
    expect(q.data.lines[0].digital?.fileID).toBe(fileID);
    const view = quoteView(q.data, true);
    expect(view.lines[0].digital).toEqual({ fileName: 'book.pdf', downloadLimit: 3 });
    expect(JSON.stringify(view)).not.toContain(fileID);
  });
});
