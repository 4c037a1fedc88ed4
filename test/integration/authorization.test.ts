// Only the shop's owner can change or read the shop's back office, and a buyer sees only
// their own orders. EVERY owner operation of shopAdmin and membership — every action whose payload names
// a shop — is called with a valid payload naming real ids of the shop (a real paid order included) by
// a buyer of the shop and by the owner of another shop: NOT_SHOP_OWNER, and 0 database writes. Every
// buyer order operation on another buyer's order: ORDER_NOT_FOUND, and 0 writes.
import { actionNames, type FunctionName } from '../../core/contracts/registry';
import { SAMPLE_IDS, VALID_EVENTS } from '../../core/contracts/valid-payloads';
import type { OrderSummaryView, Page, PlaceResult } from '../../core/contracts/views';
import { BUYER_A, BUYER_B, data, MERCHANT, OWNER, startHarness, type Harness } from './harness';
import { openShopWithProducts, type ShopFixture } from './catalogue-helpers';

jest.setTimeout(180_000);

const OWNER_FUNCTIONS = ['shopAdmin', 'membership'] as const;
const ORDER_FUNCTION = 'orders';

let h: Harness;
let f: ShopFixture;
let order: PlaceResult;
let ids: Record<keyof typeof SAMPLE_IDS, string>;
const tried: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  f = await openShopWithProducts(h);
  data(await h.call('shopAdmin', 'updateSettings', { shopId: f.shop.shopId, subMchId: MERCHANT }, OWNER));
  // A real order of BUYER_A, placed and paid through confirmOrder and the pay sandbox.
  order = data(await h.call<PlaceResult>('confirmOrder', 'place', {
    shopId: f.shop.shopId, requestId: 'auth-order-0001', lines: [{ productId: f.physical.productId, quantity: 2 }],
    deliveryMethod: 'pickup', paymentMethod: 'wechat', clientPlatform: 'android',
  }, BUYER_A));
  await h.control.pay(String(order.payment?.package).replace('prepay_id=', ''), 'pay', BUYER_A);
  // BUYER_B owns a shop of their own: owning *a* shop is not owning *this* one.
  await openShopWithProducts(h, BUYER_B, '别人的店');
  ids = {
    shopId: f.shop.shopId,
    productId: f.physical.productId,
    categoryId: f.categoryId,
    orderId: order.orderId,
    buyerOpenid: BUYER_A,
    fileID: SAMPLE_IDS.fileID,
  };
});

afterAll(async () => {
  console.log(`authorization: ${tried.length} calls tried (${new Set(tried).size} distinct operations × callers)`);
  await h.close();
});

/** The valid sample event of an action with the sample ids replaced by this shop's real ones. */
function eventFor(fn: FunctionName, action: string): { action: string; payload: Record<string, unknown> } {
  let text = JSON.stringify((VALID_EVENTS as Record<string, Record<string, unknown>>)[fn][action]);
  for (const key of Object.keys(SAMPLE_IDS) as (keyof typeof SAMPLE_IDS)[]) text = text.split(SAMPLE_IDS[key]).join(ids[key]);
  return JSON.parse(text) as { action: string; payload: Record<string, unknown> };
}

/** Every owner operation: the actions of the owner functions whose payload names a shop. */
const ownerOperations = OWNER_FUNCTIONS.flatMap((fn) =>
  actionNames(fn)
    .filter((action) => 'shopId' in ((VALID_EVENTS[fn] as Record<string, { payload: Record<string, unknown> }>)[action].payload))
    .map((action) => ({ fn, action })),
);
const orderOperations = actionNames(ORDER_FUNCTION)
  .filter((action) => 'orderId' in ((VALID_EVENTS[ORDER_FUNCTION] as Record<string, { payload: Record<string, unknown> }>)[action].payload));

test('the table covers every owner operation of shopAdmin and membership', () => {
  const shopAdmin = ownerOperations.filter((o) => o.fn === 'shopAdmin').map((o) => o.action);
  expect(shopAdmin).toEqual(actionNames('shopAdmin').filter((a) => a !== 'createShop' && a !== 'myShops' && a !== 'acceptInvite'));
  expect(ownerOperations.filter((o) => o.fn === 'membership').map((o) => o.action).sort()).toEqual(['gift', 'members', 'revoke', 'revokeGift']);
  console.log(`authorization: ${ownerOperations.length} owner operations, ${orderOperations.length} buyer order operations`);
});

describe.each([
  ['a buyer of the shop', BUYER_A],
  ['the owner of another shop', BUYER_B],
])('%s calling an owner operation gets NOT_SHOP_OWNER and writes nothing', (_who, caller) => {
  test.each(ownerOperations.map((o) => [`${o.fn}.${o.action}`, o.fn, o.action] as const))('%s', async (_name, fn, action) => {
    const event = eventFor(fn, action);
    const seq = h.cloud.requests.lastSeq;
    const result = await h.call(fn, event.action, event.payload, caller);
    tried.push(`${fn}.${action} as ${caller}`);
    expect(result).toMatchObject({ ok: false, code: 'NOT_SHOP_OWNER' });
    expect(h.writesSince(seq)).toBe(0);
  });
});

describe('a buyer naming another buyer’s order gets ORDER_NOT_FOUND and writes nothing', () => {
  test.each(orderOperations.map((action) => [action] as const))('orders.%s', async (action) => {
    const event = eventFor(ORDER_FUNCTION, action);
    const seq = h.cloud.requests.lastSeq;
    const result = await h.call(ORDER_FUNCTION, event.action, event.payload, BUYER_B);
    tried.push(`orders.${action} as ${BUYER_B}`);
    expect(result).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(h.writesSince(seq)).toBe(0);
  });

  test('the shop owner is not the buyer either: orders.detail of a customer’s order is ORDER_NOT_FOUND', async () => {
    tried.push(`orders.detail as ${OWNER}`);
    expect(await h.call(ORDER_FUNCTION, 'detail', { orderId: order.orderId }, OWNER)).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
  });

  test('another buyer’s order list does not contain it; the buyer’s own does', async () => {
    const theirs = data(await h.call<Page<OrderSummaryView>>(ORDER_FUNCTION, 'list', {}, BUYER_B));
    expect(theirs.items.map((o) => o.orderId)).not.toContain(order.orderId);
    const mine = data(await h.call<Page<OrderSummaryView>>(ORDER_FUNCTION, 'list', {}, BUYER_A));
    expect(mine.items.map((o) => o.orderId)).toContain(order.orderId);
  });

  test('the owner still reaches it through shopAdmin, so the denials above are about who calls, not about the ids', async () => {
    const detail = await h.call('shopAdmin', 'orderDetail', { shopId: f.shop.shopId, orderId: order.orderId }, OWNER);
    expect(detail).toMatchObject({ ok: true, data: { orderId: order.orderId, status: 'paid' } });
    expect(await h.call(ORDER_FUNCTION, 'detail', { orderId: order.orderId }, BUYER_A)).toMatchObject({ ok: true, data: { orderId: order.orderId } });
  });
});
