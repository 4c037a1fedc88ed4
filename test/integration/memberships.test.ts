// Memberships through the local cloud (docs/product.md §4 and §13): plans bought and
// paid in the sandbox stack onto the remaining time, a purchase after expiry starts from now, a refund
// takes its days back, member prices and members-only products follow the tag while it is active, and the
// owner gifts (keyed by giftId), revokes and lists members. State is always computed on read.
import type { GiftResult, MemberRow, MembershipView, Page, QuoteView, RefundStarted } from '../../core/contracts/views';
import type { MembershipDoc, MembershipGrantDoc } from '../../core/model';
import { DAY_MS } from '../../core/time';
import { REFUND_SETTLE_MS } from '../../localcloud/pay/sandbox';
import { MEMBERSHIP_RENEWAL_TEMPLATE } from '../../server/wechat/notifications/templates';
import { BUYER_A, BUYER_B, data, OWNER, startHarness, type Harness } from './harness';
import { order, place, placeAndPay, seedShop, tick, type Shop } from './money-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

const membershipOf = (shopId: string, buyer: string, tag = 'vip') =>
  h.docs<MembershipDoc>('memberships').find((m) => m.shopId === shopId && m.buyerOpenid === buyer && m.tag === tag);
const grantsOf = (shopId: string, buyer: string) =>
  h.docs<MembershipGrantDoc>('membership_grants').filter((g) => g.shopId === shopId && g.buyerOpenid === buyer).sort((a, b) => a.startsAt - b.startsAt);
const days = (ms: number) => ms / DAY_MS;

function planShop(): Shop {
  return seedShop(h, {
    products: {
      chips: { stock: 50, price: 1200 as never, memberPrice: 900 as never, memberTag: 'vip' },
      secret: { stock: 50, price: 2000 as never, membersOnly: true, memberTag: 'vip' },
      vip: { kind: 'membership', price: 3000 as never, membership: { tag: 'vip', lifetime: false, days: 30 } },
    },
  });
}

const buyPlan = (s: Shop, buyer: string) =>
  placeAndPay(h, buyer, { shopId: s.shop._id, deliveryMethod: null, lines: [{ productId: s.p.vip._id, quantity: 1 }] });

/** Make a membership look as it would `ago` ms after its expiry (the clock itself is not run for days). */
function expire(shopId: string, buyer: string, ago = DAY_MS) {
  const m = membershipOf(shopId, buyer) as MembershipDoc;
  const expiresAt = h.cloud.now() - ago;
  h.cloud.db.seed('memberships', [{ ...m, expiresAt, termStartedAt: expiresAt - 30 * DAY_MS } as unknown as Record<string, unknown>]);
}

describe('buying memberships', () => {
  test('two 30-day purchases → 60 days from the first; refunding the second takes its 30 days back', async () => {
    const s = planShop();
    const first = await buyPlan(s, BUYER_A);
    const paidAt = order(h, first.placed.orderId).paidAt as number;
    expect(membershipOf(s.shop._id, BUYER_A)?.expiresAt).toBe(paidAt + 30 * DAY_MS);
    const second = await buyPlan(s, BUYER_A);
    const m = membershipOf(s.shop._id, BUYER_A) as MembershipDoc;
    expect(m.expiresAt).toBe(paidAt + 60 * DAY_MS);
    expect(grantsOf(s.shop._id, BUYER_A).map((g) => [g.source.type, g.days, g.endsAt! - g.startsAt])).toEqual([
      ['order', 30, 30 * DAY_MS], ['order', 30, 30 * DAY_MS],
    ]);
    console.log(`memberships: two 30-day purchases → ${days(m.expiresAt - paidAt)} days from the first payment`);

    const r = data(await h.call<RefundStarted>('shopAdmin', 'refundOrder', { shopId: s.shop._id, orderId: second.placed.orderId, mode: 'full', reason: '买重了' }, OWNER));
    expect(r).toMatchObject({ amount: 3000, full: true });
    await h.control.advanceClock(REFUND_SETTLE_MS + 1_000);
    expect(order(h, second.placed.orderId).status).toBe('refunded');
    const after = membershipOf(s.shop._id, BUYER_A) as MembershipDoc;
    expect(after.expiresAt).toBe(paidAt + 30 * DAY_MS);
    expect(grantsOf(s.shop._id, BUYER_A)[1]).toMatchObject({ revokeReason: 'refunded' });
    expect(grantsOf(s.shop._id, BUYER_A)[1].revokedAt).not.toBeNull();
    console.log(`memberships: refund of the second purchase → ${days(after.expiresAt - paidAt)} days from the first payment`);
  }, 120_000);

  test('a purchase after expiry → 30 days from now, not from the old expiry', async () => {
    const s = planShop();
    await buyPlan(s, BUYER_B);
    expire(s.shop._id, BUYER_B, 5 * DAY_MS);
    const again = await buyPlan(s, BUYER_B);
    const paidAt = order(h, again.placed.orderId).paidAt as number;
    const m = membershipOf(s.shop._id, BUYER_B) as MembershipDoc;
    expect(m.expiresAt).toBe(paidAt + 30 * DAY_MS);
    expect(m.termStartedAt).toBe(paidAt);
    console.log(`memberships: bought 5 days after expiry → expires ${days(m.expiresAt - paidAt)} days after that payment`);
  }, 120_000);

  test('the member price applies only while the tag is active; a members-only product is refused to a non-member', async () => {
    const s = planShop();
    const quote = async (buyer: string) => data(await h.call<QuoteView>('confirmOrder', 'quote', {
      shopId: s.shop._id, deliveryMethod: 'pickup', lines: [{ productId: s.p.chips._id, quantity: 1 }],
    }, buyer)).lines[0].unitPrice;
    const secret = (buyer: string) => place(h, buyer, { shopId: s.shop._id, lines: [{ productId: s.p.secret._id, quantity: 1 }] });

    expect(await quote(BUYER_A)).toBe(1200);
    expect(await secret(BUYER_A)).toMatchObject({ ok: false, code: 'MEMBERS_ONLY' });
    await buyPlan(s, BUYER_A);
    expect(await quote(BUYER_A)).toBe(900);
    expect(await secret(BUYER_A)).toMatchObject({ ok: true });
    expect(await quote(BUYER_B)).toBe(1200);
    expire(s.shop._id, BUYER_A);
    expect(await quote(BUYER_A)).toBe(1200);
    expect(await secret(BUYER_A)).toMatchObject({ ok: false, code: 'MEMBERS_ONLY' });
    console.log('memberships: chips 1200 fen before, 900 while vip, 1200 after expiry; members-only refused to non-members');
  }, 120_000);
});

describe('a buyer\'s memberships', () => {
  test('mine lists every shop; an expired one shows as expired (checked on read)', async () => {
    const a = planShop();
    const b = planShop();
    await buyPlan(a, BUYER_B);
    await buyPlan(b, BUYER_B);
    expire(b.shop._id, BUYER_B);
    const mine = data(await h.call<MembershipView[]>('membership', 'mine', {}, BUYER_B));
    const byShop = new Map(mine.map((m) => [m.shopId, m]));
    expect(byShop.get(a.shop._id)).toMatchObject({ shopName: a.shop.name, tag: 'vip', state: 'active', lifetime: false, daysLeft: 30 });
    expect(byShop.get(b.shop._id)).toMatchObject({ state: 'expired', daysLeft: 0 });
  }, 120_000);
});

describe('the owner\'s members', () => {
  test('gift days to a customer once per giftId, even when sent 10 times at once; non-customers are refused', async () => {
    const s = planShop();
    await placeAndPay(h, BUYER_A, { shopId: s.shop._id, lines: [{ productId: s.p.chips._id, quantity: 1 }] });
    const gift = (giftId: string, buyer = BUYER_A, extra: Record<string, unknown> = { days: 7 }) =>
      h.call<GiftResult>('membership', 'gift', { shopId: s.shop._id, giftId, buyerOpenid: buyer, tag: 'vip', ...extra }, OWNER);

    const seq = h.cloud.requests.lastSeq;
    expect(await gift('gift-to-stranger', BUYER_B)).toMatchObject({ ok: false, code: 'CUSTOMER_NOT_FOUND' });
    expect(h.writesSince(seq)).toBe(0);

    const results = await Promise.all(Array.from({ length: 10 }, () => gift('gift-0000001')));
    const now = h.cloud.now();
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.data.replayed)).toHaveLength(1);
    const m = membershipOf(s.shop._id, BUYER_A) as MembershipDoc;
    expect(m.expiresAt).toBe(grantsOf(s.shop._id, BUYER_A)[0].startsAt + 7 * DAY_MS);
    expect(grantsOf(s.shop._id, BUYER_A)).toHaveLength(1);
    expect(await gift('gift-0000001', BUYER_A, { days: 8 })).toMatchObject({ ok: false, code: 'IDEMPOTENCY_MISMATCH' });

    // Different gifts at once all count: 5 × 3 days stacked exactly.
    const stackResults = await Promise.all(Array.from({ length: 5 }, (_, i) => gift(`gift-stack-${i}`, BUYER_A, { days: 3 })));
    expect(stackResults.filter((r) => !r.ok)).toEqual([]);
    const stacked = membershipOf(s.shop._id, BUYER_A) as MembershipDoc;
    expect(stacked.expiresAt).toBe(m.expiresAt + 15 * DAY_MS);
    expect(grantsOf(s.shop._id, BUYER_A)).toHaveLength(6);
    console.log(`gifts: 10 concurrent sends of one giftId → 1 grant (+7 days); 5 different gifts at once → +15 days; ${days(stacked.expiresAt - now).toFixed(2)} days left`);

    const back = data(await h.call<MemberRow>('membership', 'revokeGift', { shopId: s.shop._id, giftId: 'gift-stack-4', reason: '送错了' }, OWNER));
    expect(back.expiresAt).toBe(stacked.expiresAt - 3 * DAY_MS);
    const again = data(await h.call<MemberRow>('membership', 'revokeGift', { shopId: s.shop._id, giftId: 'gift-stack-4', reason: '送错了' }, OWNER));
    expect(again.expiresAt).toBe(back.expiresAt);
    expect(await h.call('membership', 'revokeGift', { shopId: s.shop._id, giftId: 'gift-unknown', reason: 'x' }, OWNER))
      .toMatchObject({ ok: false, code: 'GRANT_NOT_FOUND' });

    const lifetime = data(await gift('gift-lifetime', BUYER_A, { lifetime: true }));
    expect(lifetime.member).toMatchObject({ state: 'lifetime', lifetime: true, daysLeft: null });
    const revoked = data(await h.call<MemberRow>('membership', 'revoke', { shopId: s.shop._id, buyerOpenid: BUYER_A, tag: 'vip', reason: '违规' }, OWNER));
    // Taken back by the shop: 已取消 to the buyer and the owner, not 已过期; a new grant makes it live again.
    expect(revoked).toMatchObject({ state: 'revoked', lifetime: false, daysLeft: 0 });
    expect(grantsOf(s.shop._id, BUYER_A).every((g) => g.revokedAt !== null)).toBe(true);
    const mine = data(await h.call<MembershipView[]>('membership', 'mine', {}, BUYER_A)).find((m) => m.shopId === s.shop._id);
    expect(mine).toMatchObject({ state: 'revoked' });
    expect(data(await gift('gift-after-revoke', BUYER_A, { days: 7 })).member).toMatchObject({ state: 'active' });
  }, 120_000);

  test('members lists tag and expiry, filtered by state; customers come from the shop\'s orders', async () => {
    const s = planShop();
    await buyPlan(s, BUYER_A);
    await buyPlan(s, BUYER_B);
    expire(s.shop._id, BUYER_B);
    const list = (state: string) => h.call<Page<MemberRow>>('membership', 'members', { shopId: s.shop._id, state }, OWNER).then(data);
    expect((await list('all')).items.map((r) => [r.buyerOpenid, r.tag, r.state])).toEqual([[BUYER_A, 'vip', 'active'], [BUYER_B, 'vip', 'expired']]);
    expect((await list('active')).items.map((r) => r.buyerOpenid)).toEqual([BUYER_A]);
    expect((await list('expired')).items.map((r) => r.buyerOpenid)).toEqual([BUYER_B]);
    const customers = data(await h.call<Page<{ openid: string; paidCount: number; paidTotal: number }>>('shopAdmin', 'customers', { shopId: s.shop._id }, OWNER));
    expect(customers.items.map((c) => [c.openid, c.paidCount, c.paidTotal]).sort()).toEqual([[BUYER_A, 1, 3000], [BUYER_B, 1, 3000]]);
  }, 120_000);
});

describe('the timer\'s member jobs', () => {
  // These tests run the sweeper's ticks themselves: the timer's own tick, which fires as real minutes pass,
  // must not claim a reminder in between (before the member subscribed, or racing the test's tick).
  beforeEach(() => h.cloud.functions.timers.stop());
  afterEach(() => h.cloud.functions.timers.syncAll());

  test('a renewal reminder 3 days before expiry, once per expiry; run-out terms are marked expired', async () => {
    const s = planShop();
    await buyPlan(s, BUYER_A);
    await buyPlan(s, BUYER_B);
    const m = membershipOf(s.shop._id, BUYER_A) as MembershipDoc;
    h.cloud.db.seed('memberships', [{ ...m, expiresAt: h.cloud.now() + 2 * DAY_MS } as unknown as Record<string, unknown>]);
    expire(s.shop._id, BUYER_B);
    await h.control.subscribe(BUYER_A, [MEMBERSHIP_RENEWAL_TEMPLATE.id]);

    const first = await tick(h, ['expireMemberships', 'sendRenewalReminders']);
    const second = await tick(h, ['expireMemberships', 'sendRenewalReminders']);
    expect(first).toMatchObject({ remindersSent: 1 });
    expect(first.membershipsExpired).toBeGreaterThanOrEqual(1);
    expect(second).toMatchObject({ remindersSent: 0, membershipsExpired: 0 });
    const reminders = (await h.control.outbox()).messages.filter((x) => x.kind === 'subscribeMessage' && x.payload.template_id === MEMBERSHIP_RENEWAL_TEMPLATE.id);
    expect(reminders).toEqual([expect.objectContaining({ functionName: 'sweeper', payload: expect.objectContaining({ touser: BUYER_A }) })]);
    expect(membershipOf(s.shop._id, BUYER_A)?.reminderSentFor).toBe(membershipOf(s.shop._id, BUYER_A)?.expiresAt);
    expect(membershipOf(s.shop._id, BUYER_B)?.expiredAt).not.toBeNull();
    console.log(`member jobs: first tick ${first.remindersSent} reminder, ${first.membershipsExpired} expired; second tick ${second.remindersSent} and ${second.membershipsExpired}`);
  }, 120_000);
});
