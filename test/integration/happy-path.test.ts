// The whole purchase, end to end through every function with the real wx-server-sdk: an owner opens a shop and
// lists a physical, a membership and a digital product; a buyer quotes, places and pays in the Cloud Pay
// sandbox; the notify marks the order paid; the owner accepts and ships (shipping info in the outbox);
// the buyer confirms receipt. Subscribe messages land in the outbox.
import type {
  DownloadResult, MembershipView, OrderDetailView, OrderSummaryView, OwnerProductView, Page, PlaceResult, QuoteView,
  ShopOwnerView, StorefrontHome,
} from '../../core/contracts/views';
import { ORDER_ACCEPTED_TEMPLATE, ORDER_PAID_TEMPLATE, ORDER_SHIPPED_TEMPLATE } from '../../core/subscribe-templates';
import { BUYER_A, data, MERCHANT, OWNER, startHarness, type Harness } from './harness';
import { newRequestId, prepayOf } from './money-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

const DAY = 86_400_000;
const ADDRESS = {
  userName: '张三', telNumber: '13800000000', provinceName: '广东省', cityName: '广州市', countyName: '海珠区',
  detailInfo: '新港中路 397 号', postalCode: '510000',
};

test('an owner opens a shop, a buyer pays for three kinds of product, the owner accepts and ships, the buyer confirms receipt', async () => {
  const owner = <T>(action: string, payload: Record<string, unknown>) => h.call<T>('shopAdmin', action, payload, OWNER).then(data);
  const buyer = <T>(fn: string, action: string, payload: Record<string, unknown>) => h.call<T>(fn, action, payload, BUYER_A).then(data);

  // The owner: a shop, its settings, three products (the PDF uploaded to cloud storage first).
  const shop = await owner<ShopOwnerView>('createShop', { requestId: 'happy-path-shop-01', name: '街角小店', phone: '13800000000', description: '水果和会员卡' });
  await owner('updateSettings', {
    shopId: shop.shopId, subMchId: MERCHANT, acceptMode: 'manual',
    delivery: {
      pickup: { enabled: true, address: '幸福路 1 号', note: '' },
      local: { enabled: false, fee: 0, freeFrom: null, note: '' },
      express: { enabled: true, fee: 800, freeFrom: null, note: '顺丰' },
    },
  });
  const { fileID } = await h.control.upload(`shops/${shop.shopId}/files/guide.pdf`, Buffer.from('%PDF-1.4 种植指南'), OWNER);
  const apples = await owner<OwnerProductView>('createProduct', { shopId: shop.shopId, kind: 'physical', name: '苹果 5 斤', price: 3500, stock: 20 });
  const vip = await owner<OwnerProductView>('createProduct', {
    shopId: shop.shopId, kind: 'membership', name: '月卡', price: 2000, unlimited: true, membership: { tag: 'vip', lifetime: false, days: 30 },
  });
  const guide = await owner<OwnerProductView>('createProduct', {
    shopId: shop.shopId, kind: 'digital', name: '种植指南', price: 990, unlimited: true, digital: { fileID, fileName: 'guide.pdf', downloadLimit: 3 },
  });

  // Both agree to subscribe messages (wx.requestSubscribeMessage): one send per template each.
  await h.control.subscribe(OWNER, [ORDER_PAID_TEMPLATE.id]);
  await h.control.subscribe(BUYER_A, [ORDER_ACCEPTED_TEMPLATE.id, ORDER_SHIPPED_TEMPLATE.id]);

  // The buyer: the storefront, a quote, the order, the payment.
  const home = await buyer<StorefrontHome>('storefront', 'home', { shopId: shop.shopId });
  expect(home.products.map((x) => x.name).sort()).toEqual(['月卡', '种植指南', '苹果 5 斤'].sort());
  const lines = [{ productId: apples.productId, quantity: 2 }, { productId: vip.productId, quantity: 1 }, { productId: guide.productId, quantity: 1 }];
  const quote = await buyer<QuoteView>('confirmOrder', 'quote', { shopId: shop.shopId, lines, deliveryMethod: 'express' });
  expect(quote).toMatchObject({ subtotal: 7000 + 2000 + 990, deliveryFee: 800, total: 10790, unavailable: [] });
  const placed = await buyer<PlaceResult>('confirmOrder', 'place', {
    shopId: shop.shopId, requestId: newRequestId(), lines, deliveryMethod: 'express', address: ADDRESS, note: '请放门口',
  });
  expect(placed.total).toBe(quote.total);
  const paid = await h.control.pay(prepayOf(placed), 'pay', BUYER_A);
  expect(paid.notify).toMatchObject({ acknowledged: true, returned: { errcode: 0 } });

  let detail = await buyer<OrderDetailView>('orders', 'detail', { orderId: placed.orderId });
  expect(detail).toMatchObject({ status: 'paid', paidFen: 10790 });
  const mine = await buyer<MembershipView[]>('membership', 'mine', {});
  const membership = mine.find((m) => m.shopId === shop.shopId && m.tag === 'vip');
  expect(membership).toMatchObject({ state: 'active', lifetime: false });
  expect(membership!.expiresAt).toBe((detail.paidAt as number) + 30 * DAY);
  const file = await buyer<DownloadResult>('orders', 'download', { orderId: placed.orderId, lineNo: 3 });
  expect(file).toMatchObject({ fileName: 'guide.pdf', remaining: 2 });

  // The owner: the inbox, accept, ship with a tracking number.
  const inbox = await owner<Page<OrderSummaryView>>('inbox', { shopId: shop.shopId });
  expect(inbox.items.map((o) => [o.orderId, o.status])).toEqual([[placed.orderId, 'paid']]);
  await owner('acceptOrder', { shopId: shop.shopId, orderId: placed.orderId });
  await owner('fulfilOrder', { shopId: shop.shopId, orderId: placed.orderId, kind: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890' });

  // The buyer confirms receipt.
  await buyer('orders', 'confirmReceipt', { orderId: placed.orderId });
  detail = await buyer<OrderDetailView>('orders', 'detail', { orderId: placed.orderId });
  expect(detail).toMatchObject({ status: 'completed', fulfilment: { kind: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890', shippingUploaded: true } });
  expect(detail.timeline.map((e) => `${e.event}:${e.actor}`)).toEqual([
    'placed:buyer', 'paid:payment', 'accepted:owner', 'fulfilled:owner', 'completed:buyer',
  ]);

  // The outbox: the three subscribe messages and the shipping information.
  const { messages } = await h.control.outbox();
  const sent = messages.map((m) => [m.kind, m.payload.templateId ?? m.payload.template_id ?? null]);
  expect(sent).toEqual(expect.arrayContaining([
    ['subscribeMessage', ORDER_PAID_TEMPLATE.id], ['subscribeMessage', ORDER_ACCEPTED_TEMPLATE.id],
    ['subscribeMessage', ORDER_SHIPPED_TEMPLATE.id], ['shippingInfo', null],
  ]));
  const shipping = messages.find((m) => m.kind === 'shippingInfo');
  expect(JSON.stringify(shipping?.payload)).toContain('SF1234567890');
  console.log(
    `happy path: order ${placed.orderId} of ${placed.total} fen — ${detail.timeline.map((e) => e.event).join(' → ')}; ` +
    `vip until +${(membership!.expiresAt - (detail.paidAt as number)) / DAY} days; guide.pdf ${file.remaining} downloads left; ` +
    `outbox: ${messages.map((m) => m.kind === 'subscribeMessage' ? `subscribe(${String(m.payload.templateId ?? m.payload.template_id)})` : m.kind).join(', ')}`,
  );
}, 180_000);
