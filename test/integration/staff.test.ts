// Staff (core/roles.ts): every owner operation of shopAdmin and membership, called with a valid payload
// naming this shop's real ids by the owner, by each staff role, by a removed staff member, by another
// shop's owner and by a buyer, is allowed exactly as the role table says; a refused call answers
// FORBIDDEN_ROLE (a member whose role does not allow it) or NOT_SHOP_OWNER (anyone else) and writes
// nothing. Then the invitations (once, for a day), removal (at the next call), a 店员's refund limit,
// names on the timeline and the alerts, and new-order messages for staff who asked for them.
import { actionNames, type FunctionName } from '../../core/contracts/registry';
import { SAMPLE_IDS, VALID_EVENTS } from '../../core/contracts/valid-payloads';
import type { AlertRow, InviteView, JoinedShop, OrderDetailView, Page, PlaceResult, ShopSummary, StaffList } from '../../core/contracts/views';
import type { OrderDoc, StaffDoc, StaffInviteDoc } from '../../core/model';
import { INVITE_TTL_MS, mayRun, SHOP_ACCESS, type ShopOperation, type ShopRole } from '../../core/roles';
import { ORDER_PAID_TEMPLATE } from '../../server/wechat/notifications/templates';
import { BUYER_A, BUYER_B, data, MERCHANT, OWNER, startHarness, WRITE_ACTIONS, type Harness } from './harness';
import { callMeasured, openShopWithProducts, type ShopFixture } from './catalogue-helpers';

jest.setTimeout(300_000);

const CLERK = 'oSTAFF_CLERK_000000000000001';
const CATALOGUER = 'oSTAFF_GOODS_000000000000001';
const REMOVED = 'oSTAFF_GONE_0000000000000001';
const LATE = 'oSTAFF_LATE_0000000000000001';

let h: Harness;
let f: ShopFixture;
let shopId: string;
let order: PlaceResult;
/** What the orders buy: the fixture's product, then a fresh one (the matrix's deleteProduct takes the first). */
let productId: string;

const admin = <T>(action: string, payload: Record<string, unknown>, who: string) => h.call<T>('shopAdmin', action, payload, who);

async function placePaidOrder(requestId: string, quantity = 1): Promise<PlaceResult> {
  const placed = data(await h.call<PlaceResult>('confirmOrder', 'place', {
    shopId, requestId, lines: [{ productId, quantity }], deliveryMethod: 'pickup', paymentMethod: 'wechat', clientPlatform: 'android',
  }, BUYER_A));
  await h.control.pay(String(placed.payment?.package).replace('prepay_id=', ''), 'pay', BUYER_A);
  return placed;
}

/** The owner invites; `who` accepts. */
async function hire(who: string, role: 'clerk' | 'catalogue', name: string, refundLimit = 0): Promise<InviteView> {
  const invite = data(await admin<InviteView>('inviteStaff', { shopId, role, name, refundLimit }, OWNER));
  data(await admin<JoinedShop>('acceptInvite', { code: invite.code }, who));
  return invite;
}

beforeAll(async () => {
  h = await startHarness();
  f = await openShopWithProducts(h);
  shopId = f.shop.shopId;
  productId = f.physical.productId;
  data(await admin('updateSettings', { shopId, subMchId: MERCHANT }, OWNER));
  order = await placePaidOrder('staff-order-0001', 2);
  await openShopWithProducts(h, BUYER_B, '别人的店');
  await hire(CLERK, 'clerk', '小王');
  await hire(CATALOGUER, 'catalogue', '阿美');
  await hire(REMOVED, 'clerk', '老李');
  data(await admin('removeStaff', { shopId, openid: REMOVED }, OWNER));
});

afterAll(() => h.close());

const OWNER_FUNCTIONS = ['shopAdmin', 'membership'] as const;
const ids: Record<keyof typeof SAMPLE_IDS, () => string> = {
  shopId: () => shopId, productId: () => f.physical.productId, categoryId: () => f.categoryId, orderId: () => order.orderId,
  buyerOpenid: () => BUYER_A, fileID: () => SAMPLE_IDS.fileID,
};

function eventFor(fn: FunctionName, action: string): { action: string; payload: Record<string, unknown> } {
  let text = JSON.stringify((VALID_EVENTS as Record<string, Record<string, unknown>>)[fn][action]);
  for (const key of Object.keys(SAMPLE_IDS) as (keyof typeof SAMPLE_IDS)[]) text = text.split(SAMPLE_IDS[key]).join(ids[key]());
  return JSON.parse(text) as { action: string; payload: Record<string, unknown> };
}

const operations = OWNER_FUNCTIONS.flatMap((fn) =>
  actionNames(fn)
    .filter((action) => 'shopId' in ((VALID_EVENTS[fn] as Record<string, { payload: Record<string, unknown> }>)[action].payload))
    .map((action) => ({ fn, action: action as ShopOperation })),
);

type Caller = { who: string; label: string; role: ShopRole | null; refusal: 'FORBIDDEN_ROLE' | 'NOT_SHOP_OWNER' };
// Refused callers first and the owner last, so what an allowed call changes (a deleted product, a refund)
// cannot be what makes a later refusal pass.
const CALLERS: Caller[] = [
  { who: BUYER_A, label: 'a buyer of the shop', role: null, refusal: 'NOT_SHOP_OWNER' },
  { who: BUYER_B, label: 'another shop’s owner', role: null, refusal: 'NOT_SHOP_OWNER' },
  { who: REMOVED, label: 'a removed 店员', role: null, refusal: 'NOT_SHOP_OWNER' },
  { who: CATALOGUER, label: '商品管理', role: 'catalogue', refusal: 'FORBIDDEN_ROLE' },
  { who: CLERK, label: '店员', role: 'clerk', refusal: 'FORBIDDEN_ROLE' },
  { who: OWNER, label: '店长', role: 'owner', refusal: 'FORBIDDEN_ROLE' },
];

describe('the role table decides every owner operation', () => {
  const tally = { allowed: 0, refused: 0 };
  afterAll(() => {
    console.log(`staff matrix: ${operations.length} operations × ${CALLERS.length} callers = ${operations.length * CALLERS.length} calls; ` +
      `${tally.allowed} allowed, ${tally.refused} refused with nothing written`);
  });

  test('the table has a row for exactly the owner operations of shopAdmin and membership', () => {
    expect(operations.map((o) => o.action).sort()).toEqual(Object.keys(SHOP_ACCESS).sort());
  });

  describe.each(CALLERS.map((c) => [c.label, c] as const))('%s', (_label, caller) => {
    test.each(operations.map((o) => [`${o.fn}.${o.action}`, o.fn, o.action] as const))('%s', async (_name, fn, action) => {
      const event = eventFor(fn, action);
      // The invocation's own writes (the sweeper's timer may write in the background meanwhile).
      const { result, byAction } = await callMeasured(h, fn, event.action, event.payload, caller.who);
      const writes = WRITE_ACTIONS.reduce((n, a) => n + (byAction[a] ?? 0), 0);
      const allowed = caller.role !== null && mayRun(caller.role, action);
      if (allowed) {
        tally.allowed += 1;
        // Allowed: past the access check (a business answer such as INVALID_TRANSITION is still an answer).
        if (!result.ok) expect(['NOT_SHOP_OWNER', 'FORBIDDEN_ROLE']).not.toContain(result.code);
      } else {
        tally.refused += 1;
        expect(result).toMatchObject({ ok: false, code: caller.refusal });
        expect(writes).toBe(0);
      }
    });
  });
});

describe('invitations', () => {
  test('a code works once: a second person is refused INVITE_USED and nothing is written; the first may repeat it', async () => {
    const invite = data(await admin<InviteView>('inviteStaff', { shopId, role: 'clerk', name: '小张' }, OWNER));
    expect(invite).toMatchObject({ code: expect.stringMatching(/^[2-9A-HJKMNP-Z]{8}$/), path: `owner/pages/join/index?code=${invite.code}` });
    expect(data(await admin<JoinedShop>('acceptInvite', { code: invite.code }, LATE))).toMatchObject({ shopId, role: 'clerk', name: '小张' });
    const seq = h.cloud.requests.lastSeq;
    expect(await admin('acceptInvite', { code: invite.code }, BUYER_B)).toMatchObject({ ok: false, code: 'INVITE_USED' });
    expect(h.writesSince(seq)).toBe(0);
    expect(await admin('acceptInvite', { code: invite.code.toLowerCase() }, LATE)).toMatchObject({ ok: true });
    expect(h.docs<StaffInviteDoc>('staff_invites').find((i) => i._id === invite.code)).toMatchObject({ usedBy: LATE });
    expect(await admin('acceptInvite', { code: 'ZZZZZZZZ' }, BUYER_B)).toMatchObject({ ok: false, code: 'INVITE_NOT_FOUND' });
    expect(await admin('acceptInvite', { code: invite.code }, OWNER)).toMatchObject({ ok: false, code: 'INVITE_USED' });
  });

  test('the owner cannot join their own shop by code', async () => {
    const invite = data(await admin<InviteView>('inviteStaff', { shopId, role: 'catalogue', name: '自己' }, OWNER));
    expect(await admin('acceptInvite', { code: invite.code }, OWNER)).toMatchObject({ ok: false, code: 'INVITE_OWN_SHOP' });
    expect(data(await admin<StaffList>('listStaff', { shopId }, OWNER)).invites.map((i) => i.code)).toContain(invite.code);
  });

  test('a code is good for 24 hours on the function’s clock: after that INVITE_EXPIRED, nothing written', async () => {
    const invite = data(await admin<InviteView>('inviteStaff', { shopId, role: 'clerk', name: '晚到的' }, OWNER));
    expect(invite.expiresAt - h.cloud.now()).toBeLessThanOrEqual(INVITE_TTL_MS);
    await h.control.advanceClock(INVITE_TTL_MS + 1000);
    const seq = h.cloud.requests.lastSeq;
    expect(await admin('acceptInvite', { code: invite.code }, BUYER_B)).toMatchObject({ ok: false, code: 'INVITE_EXPIRED' });
    expect(h.writesSince(seq)).toBe(0);
    expect(h.docs<StaffDoc>('staff').some((s) => s.openid === BUYER_B)).toBe(false);
    expect(data(await admin<StaffList>('listStaff', { shopId }, OWNER)).invites.map((i) => i.code)).not.toContain(invite.code);
  });
});

describe('removal, limits and names', () => {
  beforeAll(async () => {
    productId = data(await admin<{ productId: string }>('createProduct', { shopId, kind: 'physical', name: '燕麦奶', price: 1200, stock: 50 }, OWNER)).productId;
    // The matrix's updateSettings turned on automatic acceptance; the 店员 accepts by hand here.
    data(await admin('updateSettings', { shopId, acceptMode: 'manual' }, OWNER));
  });

  test('the shop appears in a staff member’s list with their role; removal takes effect at their next call', async () => {
    const mine = data(await admin<ShopSummary[]>('myShops', {}, LATE));
    expect(mine).toEqual([expect.objectContaining({ shopId, role: 'clerk' })]);
    expect(await admin('inbox', { shopId }, LATE)).toMatchObject({ ok: true });
    data(await admin('removeStaff', { shopId, openid: LATE }, OWNER));
    const seq = h.cloud.requests.lastSeq;
    expect(await admin('inbox', { shopId }, LATE)).toMatchObject({ ok: false, code: 'NOT_SHOP_OWNER' });
    expect(await admin('acceptOrder', { shopId, orderId: order.orderId }, LATE)).toMatchObject({ ok: false, code: 'NOT_SHOP_OWNER' });
    expect(h.writesSince(seq)).toBe(0);
    expect(data(await admin<ShopSummary[]>('myShops', {}, LATE))).toEqual([]);
    expect(data(await admin<StaffList>('listStaff', { shopId }, OWNER)).staff.map((s) => s.name).sort()).toEqual(['小王', '阿美']);
  });

  test('a 店员 refunds only up to the limit the owner set; the timeline and the alerts name who did it', async () => {
    const paid = await placePaidOrder('staff-order-0002', 3);
    data(await admin('acceptOrder', { shopId, orderId: paid.orderId }, CLERK));
    data(await admin('updateStaff', { shopId, openid: CLERK, refundLimit: 1200 }, OWNER));
    const seq = h.cloud.requests.lastSeq;
    expect(await admin('refundOrder', { shopId, orderId: paid.orderId, reason: '少一包', mode: 'amount', amount: 1201 }, CLERK))
      .toMatchObject({ ok: false, code: 'STAFF_REFUND_LIMIT', details: { amount: 1201, limit: 1200 } });
    expect(await admin('rejectOrder', { shopId, orderId: paid.orderId, reason: '打烊' }, CLERK)).toMatchObject({ ok: false, code: 'STAFF_REFUND_LIMIT' });
    expect(h.writesSince(seq)).toBe(0);
    expect(await admin('refundOrder', { shopId, orderId: paid.orderId, reason: '少一包', mode: 'lines', lines: [{ lineNo: 1, quantity: 1 }] }, CLERK))
      .toMatchObject({ ok: true, data: { amount: 1200 } });
    // The owner has no cap.
    expect(await admin('refundOrder', { shopId, orderId: paid.orderId, reason: '再退一包', mode: 'amount', amount: 1300 }, OWNER)).toMatchObject({ ok: true });
    const detail = data(await admin<OrderDetailView>('orderDetail', { shopId, orderId: paid.orderId }, OWNER));
    const who = detail.timeline.map((e) => `${e.event}:${e.byName ?? '-'}`);
    expect(who).toEqual(['placed:-', 'paid:-', 'accepted:小王', 'refund_started:小王', 'refund_started:店长', ...who.slice(5)]);
    // Renamed: the timeline follows the name the owner uses now.
    data(await admin('updateStaff', { shopId, openid: CLERK, name: '王师傅' }, OWNER));
    const renamed = data(await admin<OrderDetailView>('orderDetail', { shopId, orderId: paid.orderId }, CLERK));
    expect(renamed.timeline.find((e) => e.event === 'accepted')?.byName).toBe('王师傅');
    console.log(`staff refund: 店员 limit 1200 fen — 1201 refused, 1200 started; timeline ${who.join(' → ')}`);
  });

  test('an alert caused by a staff member’s action names them: a refund Cloud Pay refuses, started by the 店员', async () => {
    const paid = await placePaidOrder('staff-order-0003');
    // Cloud Pay refuses: the order points at a merchant it does not know for this trade (as refunds.test.ts).
    const good = h.docs<OrderDoc>('orders').find((o) => o._id === paid.orderId)!;
    h.cloud.db.seed('orders', [{ ...good, payment: { ...good.payment, subMchId: '1900009999' } } as unknown as Record<string, unknown>]);
    data(await admin('markSoldOut', { shopId, orderId: paid.orderId, lineNos: [1] }, CLERK));
    const rows = data(await admin<Page<AlertRow>>('alerts', { shopId }, OWNER)).items.filter((r) => r.orderId === paid.orderId);
    expect(rows).toEqual([expect.objectContaining({ kind: 'refund_failed', byName: '王师傅' })]);
  });

  test('a 店员 who asked for new-order messages gets one for the next paid order; 商品管理 cannot ask', async () => {
    expect(await admin('subscribeNewOrders', { shopId, on: true }, CLERK)).toMatchObject({ ok: true, data: { on: true } });
    expect(await admin('subscribeNewOrders', { shopId, on: true }, CATALOGUER)).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
    await h.control.subscribe(CLERK, [ORDER_PAID_TEMPLATE.id]);
    await h.control.subscribe(OWNER, [ORDER_PAID_TEMPLATE.id]);
    const paid = await placePaidOrder('staff-order-0004');
    const sent = (await h.control.outbox()).messages.filter((m) => m.kind === 'subscribeMessage' && String(m.payload.page ?? '').includes(paid.orderId));
    expect(sent.map((m) => m.payload.touser).sort()).toEqual([CLERK, OWNER].sort());
  });
});
