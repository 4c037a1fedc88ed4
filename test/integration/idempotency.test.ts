//, items 4 and 6, as attacks on idempotency keys: a gift id sent again (and at the same time)
// with another tag, and a shop owner's createShop fired 16 times at once against a limit of 10, or
// twice with one request id (a double tap). Same key + same request → one effect, every caller answered
// ok; same key + another request → IDEMPOTENCY_MISMATCH; never INTERNAL_ERROR.
import type { GiftResult, ShopOwnerView } from '../../core/contracts/views';
import type { MembershipDoc, MembershipGrantDoc, ShopClaimDoc, ShopDoc } from '../../core/model';
import type { Result } from '../../core/errors';
import { MAX_SHOPS_PER_OWNER } from '../../server/catalogue/create-shop';
import { BUYER_A, OWNER, startHarness, type Harness } from './harness';
import { placeAndPay, seedShop } from './money-fixtures';

jest.setTimeout(120_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.control.reset());

const codes = (results: Result<unknown>[]) => results.map((r) => (r.ok ? 'ok' : r.code));
const tally = (results: Result<unknown>[]) =>
  Object.entries(codes(results).reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {})).map(([c, n]) => `${n} ${c}`).join(', ');

describe(' item 4: a reused gift id', () => {
  async function customerShop() {
    const s = seedShop(h, { products: { chips: { stock: 50 } } });
    await placeAndPay(h, BUYER_A, { shopId: s.shop._id, lines: [{ productId: s.p.chips._id, quantity: 1 }] });
    const gift = (giftId: string, tag: string, days = 7) =>
      h.call<GiftResult>('membership', 'gift', { shopId: s.shop._id, giftId, buyerOpenid: BUYER_A, tag, days }, OWNER);
    const memberships = () => h.docs<MembershipDoc>('memberships').filter((m) => m.shopId === s.shop._id).map((m) => m.tag).sort();
    const grants = () => h.docs<MembershipGrantDoc>('membership_grants').filter((g) => g.shopId === s.shop._id);
    return { gift, memberships, grants };
  }

  test('gift id reused with another tag: IDEMPOTENCY_MISMATCH, after the first and at the same time', async () => {
    const { gift, memberships, grants } = await customerShop();
    expect(await gift('gift-reused-01', 'vip')).toMatchObject({ ok: true, data: { replayed: false } });
    const later = await gift('gift-reused-01', 'gold');
    expect(later).toMatchObject({ ok: false, code: 'IDEMPOTENCY_MISMATCH' });

    // Both at once, 5 rounds with fresh ids: one tag wins, the other is told, the loser's tag gets nothing.
    const rounds = [];
    for (let i = 0; i < 5; i += 1) rounds.push(await Promise.all([gift(`gift-race-${i}-x`, 'vip'), gift(`gift-race-${i}-x`, 'gold')]));
    const all = rounds.flat();
    console.log(`gift id reused with another tag: ${later.ok ? 'ok' : later.code}; concurrent, 5 rounds of 2 tags: ${tally(all)}`);
    for (const pair of rounds) expect(codes(pair).sort()).toEqual(['IDEMPOTENCY_MISMATCH', 'ok']);
    expect(grants()).toHaveLength(6);
    // gold exists only if some round's winner was gold; its grants are exactly the winners'.
    const goldWins = rounds.filter((pair) => pair[1].ok).length;
    expect(grants().filter((g) => g.tag === 'gold')).toHaveLength(goldWins);
    expect(memberships()).toEqual(goldWins > 0 ? ['gold', 'vip'] : ['vip']);
  });

  test('the same gift id and tag 10 times at once: one grant, every call ok', async () => {
    const { gift, grants } = await customerShop();
    const results = await Promise.all(Array.from({ length: 10 }, () => gift('gift-same-0001', 'vip')));
    console.log(`same gift id, same tag, 10 at once: ${tally(results)}; ${grants().length} grant`);
    expect(codes(results)).toEqual(Array(10).fill('ok'));
    expect(results.filter((r) => r.ok && !r.data.replayed)).toHaveLength(1);
    expect(grants()).toHaveLength(1);
  });
});

describe(' item 6: opening shops', () => {
  const open = (requestId: string, name = '小店', owner = OWNER) =>
    h.call<ShopOwnerView>('shopAdmin', 'createShop', { requestId, name, phone: '13800000000' }, owner);
  const shopsOf = (owner: string) => h.docs<ShopDoc>('shops').filter((s) => s.ownerOpenid === owner);

  test(`16 concurrent shop creations, limit ${MAX_SHOPS_PER_OWNER}: ${MAX_SHOPS_PER_OWNER}`, async () => {
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => open(`race-open-${String(i).padStart(2, '0')}`, `店${i}`)));
    const slots = h.docs<ShopClaimDoc>('shop_claims').filter((c) => c.kind === 'slot').map((c) => c.slot).sort((a, b) => Number(a) - Number(b));
    console.log(`16 concurrent shop creations, limit ${MAX_SHOPS_PER_OWNER}: ${shopsOf(OWNER).length} shops (${tally(results)}); slots ${slots.join(',')}`);
    expect(shopsOf(OWNER)).toHaveLength(MAX_SHOPS_PER_OWNER);
    expect(codes(results).filter((c) => c === 'ok')).toHaveLength(MAX_SHOPS_PER_OWNER);
    expect(codes(results).filter((c) => c !== 'ok')).toEqual(Array(16 - MAX_SHOPS_PER_OWNER).fill('SHOP_LIMIT'));
    expect(slots).toEqual(Array.from({ length: MAX_SHOPS_PER_OWNER }, (_, i) => i + 1));
    // Every slot's shop exists, and every shop holds a slot.
    const held = new Set(h.docs<ShopClaimDoc>('shop_claims').filter((c) => c.kind === 'slot').map((c) => c.shopId));
    expect(shopsOf(OWNER).every((s) => held.has(s._id))).toBe(true);
  });

  test('a double tap with one request id: one shop, both answered with it; the id with another name: IDEMPOTENCY_MISMATCH', async () => {
    const taps = await Promise.all([open('double-tap-0001', '街角小店'), open('double-tap-0001', '街角小店')]);
    const retry = await open('double-tap-0001', '街角小店');
    const other = await open('double-tap-0001', '别的店');
    const ids = new Set([...taps, retry].map((r) => (r.ok ? r.data.shopId : r.code)));
    console.log(`double tap with one request id: ${shopsOf(OWNER).length} shop (${tally(taps)}, a retry → the same shop); another name → ${other.ok ? 'ok' : other.code}`);
    expect(codes(taps)).toEqual(['ok', 'ok']);
    expect(ids.size).toBe(1);
    expect(shopsOf(OWNER)).toHaveLength(1);
    expect(other).toMatchObject({ ok: false, code: 'IDEMPOTENCY_MISMATCH' });
    // Request ids are per owner: another owner's same id opens their own shop.
    expect(await open('double-tap-0001', '街角小店', BUYER_A)).toMatchObject({ ok: true });
  });
});
