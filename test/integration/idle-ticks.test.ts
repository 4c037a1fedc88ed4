// The local cloud skips a sweeper tick only when it proves the tick would find nothing
// (localcloud/runtime/idle-ticks.ts). The promise: the same shop, driven through the same three hours,
// ends in the same state whether every minute's tick runs or the idle ones are skipped — orders expired,
// a dropped notify reconciled, a delivered order completed, memberships expired and reminded.
import type { MembershipDoc, NotifyLogDoc, OrderDoc, PaymentDoc } from '../../core/model';
import { BUYER_A, BUYER_B, data, startHarness, type Harness } from './harness';
import { order, place, placeAndPay, product, seedMembership, seedShop } from './money-fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Advances as a test would make them: small steps around the payment window, then hours. */
const STEPS = [2 * MINUTE, MINUTE, 20 * MINUTE, HOUR, 2 * HOUR];

type Summary = Record<string, unknown>;

/** Drive one local cloud through the story; the state after each step, named by role (ids differ per cloud). */
async function story(h: Harness): Promise<{ states: Summary[]; ms: number }> {
  const started = Date.now();
  const { shop, p } = seedShop(h, { settings: { autoCompleteDays: 1 }, products: { chips: { stock: 10 }, book: { kind: 'digital' } } });
  const unpaid = data(await place(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 2 }] }));
  await h.control.notifyPolicy({ mode: 'drop' });
  const dropped = await placeAndPay(h, BUYER_B, { shopId: shop._id, lines: [{ productId: p.chips._id, quantity: 1 }] });
  await h.control.notifyPolicy({ mode: 'deliver' });
  const delivered = await placeAndPay(h, BUYER_A, { shopId: shop._id, lines: [{ productId: p.book._id, quantity: 1 }], deliveryMethod: null });
  const now = h.cloud.now();
  // Due within the story's three hours instead of the shop's day, so that every minute can run in the other cloud.
  h.cloud.db.seed('orders', [{ ...order(h, delivered.placed.orderId), completeDueAt: now + 90 * MINUTE } as never]);
  seedMembership(h, { shopId: shop._id, buyerOpenid: BUYER_A, tag: 'vip', expiresAt: now + 2 * HOUR });
  seedMembership(h, { shopId: shop._id, buyerOpenid: BUYER_B, tag: 'vip', expiresAt: now + 3 * DAY });
  const roles = { unpaid: unpaid.orderId, dropped: dropped.placed.orderId, delivered: delivered.placed.orderId };
  const states: Summary[] = [];
  for (const step of STEPS) {
    await h.control.advanceClock(step);
    const orders = h.docs<OrderDoc>('orders');
    const chips = product(h, p.chips._id);
    states.push({
      orders: Object.fromEntries(Object.entries(roles).map(([role, id]) => [role, orders.find((o) => o._id === id)?.status])),
      chips: { stock: chips.stock, reserved: chips.reserved, sold: chips.sold },
      payments: h.docs<PaymentDoc>('payments').map((x) => `${x.source}:${x.outcome}`).sort(),
      notifyLog: h.docs<NotifyLogDoc>('notify_log').map((x) => x.verdict).sort(),
      memberships: h.docs<MembershipDoc>('memberships').map((m) => [m.buyerOpenid, m.expiredAt !== null && m.expiredAt !== undefined, m.reminderSentFor !== null]).sort(),
    });
  }
  return { states, ms: Date.now() - started };
}

test('three hours of minute ticks: skipping the idle ones ends in the same state as running every one', async () => {
  const every = await startHarness({ skipIdleTicks: false });
  const everyRun = await story(every).finally(() => every.close());
  const skipping = await startHarness();
  const skipRun = await story(skipping).finally(() => skipping.close());
  const skipped = skipping.cloud.functions.timers.idle?.skipped.get('sweeper') ?? 0;
  const ran = every.cloud.functions.invocations({ functionName: 'sweeper' }).length;
  expect(skipRun.states).toEqual(everyRun.states);
  expect(skipRun.states.at(-1)).toMatchObject({ orders: { unpaid: 'cancelled', dropped: 'paid', delivered: 'completed' } });
  expect(skipped).toBeGreaterThan(0.9 * ran);
  console.log(`${STEPS.length} advances over 3 hours 23 minutes: every tick run → ${ran} sweeper invocations in ${(everyRun.ms / 1000).toFixed(1)} s; `
    + `idle ticks skipped → ${skipped} skipped, same state after every step, in ${(skipRun.ms / 1000).toFixed(1)} s`);
}, 300_000);
