// For every function and every action, the table of invalid events of core/contracts
// (derived: each required field missing, each field of the wrong type, an unknown key; hand-written:
// money as fractions, negatives and strings, oversized strings, bounds, enums, cross-field rules; unknown
// actions) is sent to the real, built functions — and each gets the right code and writes nothing.
//
// The database holds the very documents the samples name (shop, category, product, a paid order, a
// membership), owned by the callers, so an operation that skipped validation would find them and write:
// "0 writes" is a real check, not an empty database.
//
// Events go straight to the runtime (not the gateway, which only passes object `data`), from the source
// each function serves: clients for the mini-program's functions, WeChat Pay for the notifies, the timer
// for the sweeper. WeChat's callbacks answer `{errcode}` rather than a Result: an invalid notify is
// recorded in notify_log (docs/product.md §B3) with the code, and nothing else
// is written.
import { CONTRACTS, FUNCTION_NAMES, type FunctionName } from '../../core/contracts/registry';
import { INVALID_CASES, type InvalidCase } from '../../core/contracts/invalid-payloads';
import { SAMPLE_IDS } from '../../core/contracts/valid-payloads';
import type { NotifyLogDoc } from '../../core/model';
import { makeMembership, makeOrder, makeProduct, makeShop } from '../../core/testing/fixtures';
import { fen } from '../../core/money';
import { startHarness, WRITE_ACTIONS, type Harness } from './harness';

jest.setTimeout(300_000);

const SHOP_OWNER = 'oOwner0000000000000000000001';
const BUYER = SAMPLE_IDS.buyerOpenid;

/** Who calls each function, as the platform would invoke it. */
const CALLERS: Record<FunctionName, { source: string; openid?: string }> = {
  confirmOrder: { source: 'wx_client', openid: BUYER },
  storefront: { source: 'wx_client', openid: BUYER },
  orders: { source: 'wx_client', openid: BUYER },
  shopAdmin: { source: 'wx_client', openid: SHOP_OWNER },
  membership: { source: 'wx_client', openid: SHOP_OWNER },
  payNotify: { source: 'wx_paycallback' },
  refundNotify: { source: 'wx_paycallback' },
  sweeper: { source: 'wx_trigger' },
  contentCheck: { source: 'wx_unknown' },
};

let h: Harness;
const figures = { tried: 0, failed: 0, byFunction: {} as Record<string, number>, actions: new Set<string>() };

beforeAll(async () => {
  h = await startHarness();
  const now = h.cloud.now();
  const paid = makeOrder({
    status: 'paid', stockState: 'sold', paidFen: fen(2400), paidAt: now, createdAt: now, updatedAt: now, expiresAt: now + 900_000,
    payment: { channel: 'cloudpay', subMchId: '1900000109', params: null, payExpiresAt: now + 840_000, transactionId: '4200000000000000000000000001', lastQueriedAt: null },
  });
  await h.control.seed({
    shops: [makeShop({ ownerOpenid: SHOP_OWNER, createdAt: now, updatedAt: now })],
    categories: [{ _id: SAMPLE_IDS.categoryId, shopId: SAMPLE_IDS.shopId, name: '零食', sort: 0, createdAt: now, updatedAt: now }],
    products: [makeProduct({ categoryId: SAMPLE_IDS.categoryId, reserved: 0, sold: 2, stock: 8 })],
    orders: [paid],
    memberships: [makeMembership({ expiresAt: now + 30 * 86_400_000, termStartedAt: now })],
  } as unknown as Record<string, Record<string, unknown>[]>);
});

afterAll(async () => {
  const per = Object.entries(figures.byFunction).map(([fn, n]) => `${fn} ${n}`).join(', ');
  console.log(`bad input: ${figures.tried} invalid events tried over ${figures.actions.size} actions of ${Object.keys(figures.byFunction).length} functions (${per}); ${figures.failed === 0 ? 'each got its code and wrote nothing' : `${figures.failed} did NOT`}`);
  await h.close();
});

interface Outcome {
  problem: string | null;
}

/** What the invocation wrote (not the sweeper's timer, which may tick in the same moment on a loaded machine). */
function writesSince(seq: number, invocationId: string, except: string[] = []): string[] {
  return h.cloud.requests.list({ since: seq })
    .filter((r) => r.invocationId === invocationId && WRITE_ACTIONS.includes(r.action) && !except.includes(r.collection ?? ''))
    .map((r) => `${r.action} ${r.collection ?? ''}`);
}

async function send(c: InvalidCase): Promise<Outcome> {
  const seq = h.cloud.requests.lastSeq;
  const logged = h.docs('notify_log').length;
  const outcome = await h.cloud.functions.invoke(c.fn, c.event, CALLERS[c.fn]);
  if (!outcome.ok) return { problem: `invocation failed: ${outcome.errMsg}` };
  const reply = outcome.result as Record<string, unknown> | null;
  const want = c.path === undefined ? c.code : `${c.code} at "${c.path}"`;

  if (reply && 'errcode' in reply) {
    // A WeChat Pay callback: handled (errcode 0, nothing to retry), recorded once with the code, nothing else written.
    const records = h.docs<NotifyLogDoc>('notify_log').slice(logged);
    const record = records.find((r) => r.verdict === 'invalid');
    const stray = writesSince(seq, outcome.requestId, ['notify_log']);
    if (reply.errcode !== 0) return { problem: `answered errcode ${String(reply.errcode)}, want 0 (a retry cannot fix it)` };
    if (!record || !String(record.detail).includes(c.code)) return { problem: `no notify_log record of ${c.code}: ${JSON.stringify(records)}` };
    if (c.path !== undefined && !String(record.detail).includes(`"path":"${c.path}"`)) return { problem: `recorded ${record.detail}, want path "${c.path}"` };
    if (stray.length > 0) return { problem: `wrote ${stray.join(', ')}` };
    return { problem: null };
  }

  const got = reply?.ok === false ? String(reply.code) : JSON.stringify(reply).slice(0, 200);
  const details = (reply?.details ?? {}) as Record<string, unknown>;
  if (reply?.ok !== false || reply.code !== c.code) return { problem: `got ${got}, want ${want}` };
  if (c.path !== undefined && details.path !== c.path) return { problem: `got path "${String(details.path)}", want "${c.path}"` };
  const writes = writesSince(seq, outcome.requestId);
  if (writes.length > 0) return { problem: `wrote ${writes.join(', ')}` };
  return { problem: null };
}

/** One test per function and action (unknown-action cases under "(no action)"), each running its whole table. */
const groups = new Map<string, InvalidCase[]>();
for (const c of INVALID_CASES) {
  const key = `${c.fn}.${c.action ?? '(no action)'}`;
  groups.set(key, [...(groups.get(key) ?? []), c]);
}

test('the tables cover every function and every action', () => {
  for (const fn of FUNCTION_NAMES) {
    for (const action of Object.keys(CONTRACTS[fn].actions)) expect(groups.has(`${fn}.${action}`)).toBe(true);
  }
  console.log(`bad input: ${INVALID_CASES.length} invalid events in ${groups.size} tables`);
});

test.each([...groups.entries()])('%s: every invalid event gets its code, nothing is written', async (key, cases) => {
  const problems: string[] = [];
  for (const c of cases) {
    const { problem } = await send(c);
    figures.tried += 1;
    figures.byFunction[c.fn] = (figures.byFunction[c.fn] ?? 0) + 1;
    figures.actions.add(key);
    if (problem) {
      figures.failed += 1;
      problems.push(`${c.name}: ${problem}`);
    }
  }
  expect(problems).toEqual([]);
});
