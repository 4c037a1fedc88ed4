// Tables of invalid events for every action of every function, with the code (and for validation, the
// path of the first problem) each must get. The contract tests run them through parseRequest; the
// server's integration tests send the same events through the real functions and check that nothing
// was written. Two sources: cases DERIVED from each valid sample (every required
// field removed, every field given the wrong type, an unknown key added) and HAND-WRITTEN cases for the
// rules that matter (money, lengths, bounds, enums, cross-field checks).
import * as v from 'valibot';
import type { ErrorCode } from '../errors';
import { CONTRACTS, FUNCTION_NAMES, type FunctionName } from './registry';
import { PAY_NOTIFY_SAMPLE, REFUND_NOTIFY_SAMPLE, VALID_EVENTS } from './valid-payloads';

export interface InvalidCase {
  fn: FunctionName;
  /** The action the event meant to call (null when it names none). */
  action: string | null;
  name: string;
  event: unknown;
  code: ErrorCode;
  /** For VALIDATION_FAILED: the dot path of the first problem ('' for the payload itself). */
  path?: string;
}

type Json = Record<string, unknown>;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const long = (n: number) => '很'.repeat(n);

function sampleOf(fn: FunctionName, action: string): { action: string; payload: Json } {
  return clone((VALID_EVENTS as unknown as Record<string, Record<string, { action: string; payload: Json }>>)[fn][action]);
}

/** A case built by changing the valid sample's payload. */
function bad(fn: FunctionName, action: string, name: string, change: (p: Json) => void, path: string): InvalidCase {
  const event = sampleOf(fn, action);
  change(event.payload);
  return { fn, action, name, event, code: 'VALIDATION_FAILED', path };
}

const set = (key: string, value: unknown) => (p: Json) => {
  p[key] = value;
};

// ---------- derived cases ----------

type Entries = Record<string, v.GenericSchema & { type: string }>;

/** The object entries a payload schema checks (through pipes, and the variant option the sample picks). */
function entriesOf(schema: unknown, sample: Json): Entries | null {
  const s = schema as { type: string; pipe?: unknown[]; entries?: Entries; key?: string; options?: unknown[] };
  if (s.pipe) return entriesOf(s.pipe[0], sample);
  if (s.entries) return s.entries;
  if (s.type === 'variant' && s.key && s.options) {
    for (const option of s.options) {
      const entries = entriesOf(option, sample);
      const literal = entries?.[s.key] as unknown as { literal?: unknown } | undefined;
      if (literal?.literal === sample[s.key]) return entries;
    }
  }
  return null;
}

function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return 'true';
  if (Array.isArray(value)) return { length: value.length };
  if (value === null) return 7;
  return 'not an object';
}

function derivedCases(fn: FunctionName, action: string): InvalidCase[] {
  const sample = sampleOf(fn, action);
  const schema = (CONTRACTS[fn].actions as Record<string, unknown>)[action];
  const entries = entriesOf(schema, sample.payload);
  const cases: InvalidCase[] = [
    { fn, action, name: 'payload is a string', event: { action, payload: 'x' }, code: 'VALIDATION_FAILED', path: '' },
    { fn, action, name: 'payload is an array', event: { action, payload: [] }, code: 'VALIDATION_FAILED', path: '' },
    { fn, action, name: 'payload is null', event: { action, payload: null }, code: 'VALIDATION_FAILED', path: '' },
    bad(fn, action, 'an unknown key', set('unexpected', 1), 'unexpected'),
  ];
  if (!entries) return cases;
  for (const key of Object.keys(entries)) {
    const optional = ['optional', 'exact_optional', 'nullish'].includes(entries[key].type);
    if (!optional) cases.push(bad(fn, action, `${key} missing`, (p) => delete p[key], key));
    if (key in sample.payload) cases.push(bad(fn, action, `${key} of the wrong type`, set(key, wrongType(sample.payload[key])), key));
  }
  return cases;
}

// ---------- hand-written cases ----------

const line = (over: Json) => (p: Json) => {
  (p.lines as Json[])[0] = { ...(p.lines as Json[])[0], ...over };
};
const in_ = (obj: string, key: string, value: unknown) => (p: Json) => {
  (p[obj] as Json)[key] = value;
};
const deep = (path: string[], value: unknown) => (p: Json) => {
  let o = p;
  for (const k of path.slice(0, -1)) o = o[k] as Json;
  o[path[path.length - 1]] = value;
};

function cartCases(action: 'quote' | 'place'): InvalidCase[] {
  const fn = 'confirmOrder';
  return [
    bad(fn, action, 'an empty cart', set('lines', []), 'lines'),
    bad(fn, action, '51 cart lines', (p) => (p.lines = Array.from({ length: 51 }, () => ({ productId: 'P1', quantity: 1 }))), 'lines'),
    bad(fn, action, 'quantity 0', line({ quantity: 0 }), 'lines.0.quantity'),
    bad(fn, action, 'quantity 1000', line({ quantity: 1000 }), 'lines.0.quantity'),
    bad(fn, action, 'fractional quantity', line({ quantity: 1.5 }), 'lines.0.quantity'),
    bad(fn, action, 'negative quantity', line({ quantity: -1 }), 'lines.0.quantity'),
    bad(fn, action, 'quantity as a string', line({ quantity: '2' }), 'lines.0.quantity'),
    bad(fn, action, 'a malformed product id', line({ productId: 'bad id!' }), 'lines.0.productId'),
    bad(fn, action, 'a client-chosen price on a line', line({ price: 1 }), 'lines.0.price'),
    bad(fn, action, 'an unknown delivery method', set('deliveryMethod', 'drone'), 'deliveryMethod'),
    bad(fn, action, 'an unknown platform', set('clientPlatform', 'symbian'), 'clientPlatform'),
  ];
}

const SHOP = 'shopAdmin';
const ORDER_FN = 'orders';

function handWritten(): InvalidCase[] {
  return [
    ...cartCases('quote'),
    ...cartCases('place'),
    bad('confirmOrder', 'place', 'a short request id', set('requestId', 'abc'), 'requestId'),
    bad('confirmOrder', 'place', 'a note of 201 characters', set('note', long(201)), 'note'),
    bad('confirmOrder', 'place', 'an unknown payment method', set('paymentMethod', 'cash'), 'paymentMethod'),
    bad('confirmOrder', 'place', 'a client-computed total', set('total', 1), 'total'),
    bad('confirmOrder', 'place', 'an address without its detail', (p) => delete (p.address as Json).detailInfo, 'address.detailInfo'),
    bad('confirmOrder', 'place', 'an address name of 41 characters', in_('address', 'userName', long(41)), 'address.userName'),

    bad('storefront', 'home', 'both shopId and shopCode', set('shopCode', 'ABC234'), ''),
    bad('storefront', 'home', 'neither shopId nor shopCode', (p) => delete p.shopId, ''),
    bad('storefront', 'home', 'an ambiguous shop code', (p) => ((p.shopCode = 'ABC1O0'), delete p.shopId), 'shopCode'),
    bad('storefront', 'search', 'an empty query', set('query', '  '), 'query'),
    bad('storefront', 'search', 'a query of 31 characters', set('query', long(31)), 'query'),

    bad(SHOP, 'createShop', 'an empty name', set('name', ''), 'name'),
    bad(SHOP, 'createShop', 'a blank name', set('name', '   '), 'name'),
    bad(SHOP, 'createShop', 'a name of 41 characters', set('name', long(41)), 'name'),
    bad(SHOP, 'createShop', 'a phone with letters', set('phone', 'call me'), 'phone'),
    bad(SHOP, 'createShop', 'a description of 2001 characters', set('description', long(2001)), 'description'),
    bad(SHOP, 'createShop', 'a logo (it is uploaded into the shop folder after creation)', set('logo', 'https://example.com/a.png'), 'logo'),
    bad(SHOP, 'createShop', 'no request id', (p) => delete p.requestId, 'requestId'),
    bad(SHOP, 'createShop', 'a request id of 7 characters', set('requestId', 'open-01'), 'requestId'),
    bad(SHOP, 'updateShop', 'an update that changes nothing', (p) => delete p.name, ''),
    bad(SHOP, 'updateSettings', 'a merchant id with letters', set('subMchId', 'mch-1'), 'subMchId'),
    bad(SHOP, 'updateSettings', 'an unknown pay channel', set('payChannel', 'alipay'), 'payChannel'),
    bad(SHOP, 'updateSettings', 'an unregistered goods category', set('goodsCategory', 'weapons'), 'goodsCategory'),
    bad(SHOP, 'updateSettings', 'a 4-minute unpaid timeout', set('unpaidTimeoutMinutes', 4), 'unpaidTimeoutMinutes'),
    bad(SHOP, 'updateSettings', 'a 1441-minute unpaid timeout', set('unpaidTimeoutMinutes', 1441), 'unpaidTimeoutMinutes'),
    bad(SHOP, 'updateSettings', 'a fractional timeout', set('unpaidTimeoutMinutes', 15.5), 'unpaidTimeoutMinutes'),
    bad(SHOP, 'updateSettings', 'a negative delivery fee', deep(['delivery', 'local', 'fee'], -1), 'delivery.local.fee'),
    bad(SHOP, 'updateSettings', 'a fractional delivery fee', deep(['delivery', 'local', 'fee'], 1.5), 'delivery.local.fee'),
    bad(SHOP, 'updateSettings', 'a delivery fee as a string', deep(['delivery', 'local', 'fee'], '500'), 'delivery.local.fee'),
    bad(SHOP, 'updateSettings', 'free delivery from 0 fen', deep(['delivery', 'local', 'freeFrom'], 0), 'delivery.local.freeFrom'),
    bad(SHOP, 'updateSettings', 'every delivery method disabled', (p) => {
      const d = p.delivery as Record<string, Json>;
      d.pickup.enabled = false;
      d.local.enabled = false;
    }, 'delivery'),
    bad(SHOP, 'updateSettings', 'an unknown accept mode', set('acceptMode', 'sometimes'), 'acceptMode'),
    bad(SHOP, 'updateSettings', 'a settings update that changes nothing', (p) => {
      for (const k of Object.keys(p)) if (k !== 'shopId') delete p[k];
    }, ''),

    bad(SHOP, 'createProduct', 'a zero price', set('price', 0), 'price'),
    bad(SHOP, 'createProduct', 'a negative price', set('price', -100), 'price'),
    bad(SHOP, 'createProduct', 'a fractional price (yuan sent as fen)', set('price', 12.5), 'price'),
    bad(SHOP, 'createProduct', 'a price as a string', set('price', '1200'), 'price'),
    bad(SHOP, 'createProduct', 'a price above ¥100,000', set('price', 10_000_001), 'price'),
    bad(SHOP, 'createProduct', 'a member price above the price', set('memberPrice', 1300), 'memberPrice'),
    bad(SHOP, 'createProduct', 'a fractional member price', set('memberPrice', 999.9), 'memberPrice'),
    bad(SHOP, 'createProduct', '10 photos', (p) => (p.photos = Array.from({ length: 10 }, () => (p.photos as string[])[0])), 'photos'),
    bad(SHOP, 'createProduct', 'a photo that is not a cloud fileID', set('photos', ['/tmp/a.png']), 'photos.0'),
    bad(SHOP, 'createProduct', 'a name of 41 characters', set('name', long(41)), 'name'),
    bad(SHOP, 'createProduct', 'a description of 2001 characters', set('description', long(2001)), 'description'),
    bad(SHOP, 'createProduct', 'negative stock', set('stock', -1), 'stock'),
    bad(SHOP, 'createProduct', 'fractional stock', set('stock', 1.5), 'stock'),
    bad(SHOP, 'createProduct', 'an unknown kind', set('kind', 'service'), 'kind'),
    bad(SHOP, 'createProduct', 'a member tag with a space', set('memberTag', 'v ip'), 'memberTag'),
    bad(SHOP, 'createProduct', 'a membership plan without its plan', set('kind', 'membership'), 'membership'),
    bad(SHOP, 'createProduct', 'a membership plan of 0 days', (p) => ((p.kind = 'membership'), (p.membership = { tag: 'vip', lifetime: false, days: 0 })), 'membership.days'),
    bad(SHOP, 'createProduct', 'a lifetime plan with days', (p) => ((p.kind = 'membership'), (p.membership = { tag: 'vip', lifetime: true, days: 30 })), 'membership.days'),
    bad(SHOP, 'createProduct', 'a digital file allowing 101 downloads', (p) => ((p.kind = 'digital'), (p.digital = { fileID: 'cloud://e/b.pdf', fileName: 'b.pdf', downloadLimit: 101 })), 'digital.downloadLimit'),
    bad(SHOP, 'createProduct', 'a digital product with a membership plan', (p) => ((p.kind = 'digital'), (p.membership = { tag: 'vip', lifetime: true })), 'digital'),
    bad(SHOP, 'updateProduct', 'an empty patch', set('patch', {}), 'patch'),
    bad(SHOP, 'updateProduct', 'a patch changing the kind', in_('patch', 'kind', 'digital'), 'patch.kind'),
    bad(SHOP, 'updateProduct', 'a patch with a zero price', in_('patch', 'price', 0), 'patch.price'),
    bad(SHOP, 'updateProduct', 'a patch with 12.5 yuan as the price', in_('patch', 'price', 12.5), 'patch.price'),
    bad(SHOP, 'setShelf', 'no product ids', set('productIds', []), 'productIds'),
    bad(SHOP, 'setShelf', '101 product ids', set('productIds', Array.from({ length: 101 }, (_, i) => `P${i}`)), 'productIds'),
    bad(SHOP, 'setShelf', 'a product id twice', set('productIds', ['P1', 'P1']), 'productIds'),
    bad(SHOP, 'reorder', 'an unknown target', set('target', 'shops'), 'target'),
    bad(SHOP, 'reorder', 'an id twice', set('ids', ['P1', 'P2', 'P1']), 'ids'),
    bad(SHOP, 'inbox', 'an unknown status', set('status', 'everything'), 'status'),
    bad(SHOP, 'inbox', 'a page of 51', set('limit', 51), 'limit'),
    bad(SHOP, 'inbox', 'a page of 0', set('limit', 0), 'limit'),
    bad(SHOP, 'inbox', 'a negative offset', set('offset', -1), 'offset'),
    bad(SHOP, 'inbox', 'an offset past 10,000', set('offset', 10_001), 'offset'),
    bad(SHOP, 'rejectOrder', 'an empty reason', set('reason', ''), 'reason'),
    bad(SHOP, 'rejectOrder', 'a reason of 201 characters', set('reason', long(201)), 'reason'),
    bad(SHOP, 'markSoldOut', 'no lines', set('lineNos', []), 'lineNos'),
    bad(SHOP, 'markSoldOut', 'line 0', set('lineNos', [0]), 'lineNos.0'),
    bad(SHOP, 'markSoldOut', 'a line twice', set('lineNos', [1, 1]), 'lineNos'),
    bad(SHOP, 'markSoldOut', 'a fractional line number', set('lineNos', [1.5]), 'lineNos.0'),
    bad(SHOP, 'fulfilOrder', 'shipped without a tracking number', (p) => delete p.trackingNo, 'trackingNo'),
    bad(SHOP, 'fulfilOrder', 'a 2-character tracking number', set('trackingNo', 'ab'), 'trackingNo'),
    bad(SHOP, 'fulfilOrder', 'an empty carrier', set('carrier', ''), 'carrier'),
    bad(SHOP, 'fulfilOrder', 'an unknown fulfilment kind', set('kind', 'teleported'), 'kind'),
    bad(SHOP, 'fulfilOrder', 'a virtual fulfilment by the owner', set('kind', 'virtual'), 'kind'),
    bad(SHOP, 'refundOrder', 'an amount of 0', (p) => ((p.mode = 'amount'), delete p.lines, (p.amount = 0)), 'amount'),
    bad(SHOP, 'refundOrder', 'a negative amount', (p) => ((p.mode = 'amount'), delete p.lines, (p.amount = -100)), 'amount'),
    bad(SHOP, 'refundOrder', 'a fractional amount', (p) => ((p.mode = 'amount'), delete p.lines, (p.amount = 12.5)), 'amount'),
    bad(SHOP, 'refundOrder', 'an amount as a string', (p) => ((p.mode = 'amount'), delete p.lines, (p.amount = '100')), 'amount'),
    bad(SHOP, 'refundOrder', 'an amount past WeChat Pay’s maximum', (p) => ((p.mode = 'amount'), delete p.lines, (p.amount = 2 ** 31)), 'amount'),
    bad(SHOP, 'refundOrder', 'an unknown mode', set('mode', 'half'), 'mode'),
    bad(SHOP, 'refundOrder', 'the same line twice', set('lines', [{ lineNo: 1, quantity: 1 }, { lineNo: 1, quantity: 1 }]), 'lines'),
    bad(SHOP, 'refundOrder', 'a line quantity of 0', set('lines', [{ lineNo: 1, quantity: 0 }]), 'lines.0.quantity'),
    bad(SHOP, 'refundOrder', 'an amount on a lines refund', set('amount', 100), 'amount'),
    bad(SHOP, 'retryRefund', 'a refund number that is not ours', set('outRefundNo', 'R1'), 'outRefundNo'),

    bad('membership', 'gift', '0 days', set('days', 0), 'days'),
    bad('membership', 'gift', '3651 days', set('days', 3651), 'days'),
    bad('membership', 'gift', 'fractional days', set('days', 1.5), 'days'),
    bad('membership', 'gift', 'both days and lifetime', set('lifetime', true), 'days'),
    bad('membership', 'gift', 'neither days nor lifetime', (p) => delete p.days, 'days'),
    bad('membership', 'gift', 'lifetime false', (p) => ((p.lifetime = false), delete p.days), 'lifetime'),
    bad('membership', 'gift', 'an openid with a space', set('buyerOpenid', 'o buyer'), 'buyerOpenid'),
    bad('membership', 'gift', 'a tag of 21 characters', set('tag', 'v'.repeat(21)), 'tag'),
    bad('membership', 'gift', 'a short gift id', set('giftId', 'g1'), 'giftId'),
    bad('membership', 'members', 'an unknown state', set('state', 'dead'), 'state'),
    bad('membership', 'revoke', 'an empty reason', set('reason', ''), 'reason'),

    bad(SHOP, 'inviteStaff', 'the owner role (there is one 店长)', set('role', 'owner'), 'role'),
    bad(SHOP, 'inviteStaff', 'a negative refund limit', set('refundLimit', -1), 'refundLimit'),
    bad(SHOP, 'inviteStaff', 'a fractional refund limit', set('refundLimit', 1.5), 'refundLimit'),
    bad(SHOP, 'updateStaff', 'nothing to change', (p) => ((delete p.name), delete p.refundLimit), ''),
    bad(SHOP, 'acceptInvite', 'a code with an ambiguous letter', set('code', 'K7QX2M9O'), 'code'),
    bad(SHOP, 'acceptInvite', 'a 6-character code', set('code', 'K7QX2M'), 'code'),

    bad(ORDER_FN, 'download', 'line 0', set('lineNo', 0), 'lineNo'),
    bad(ORDER_FN, 'download', 'line 51', set('lineNo', 51), 'lineNo'),
    bad(ORDER_FN, 'list', 'an unknown status', set('status', 'lost'), 'status'),
    bad(ORDER_FN, 'cancel', 'a reason of 201 characters', set('reason', long(201)), 'reason'),
    bad(ORDER_FN, 'detail', 'an order id with a slash', set('orderId', 'O1/../O2'), 'orderId'),
    bad(ORDER_FN, 'requestAfterSale', 'an amount of 0 fen', set('amount', 0), 'amount'),
    bad(ORDER_FN, 'requestAfterSale', 'an empty reason', set('reason', ''), 'reason'),
    bad(ORDER_FN, 'requestAfterSale', '7 photos', set('photos', Array.from({ length: 7 }, (_, i) => `cloud://e.b/buyers/x/${i}.jpg`)), 'photos'),
    bad(ORDER_FN, 'saveProfile', 'a nickname of 21 characters', set('nickname', long(21)), 'nickname'),
    bad('shopAdmin', 'declineAfterSale', 'no reason', set('reason', ''), 'reason'),
  ];
}

function eventCases(): InvalidCase[] {
  const pay = (name: string, change: (e: Json) => void, path: string): InvalidCase => {
    const event = clone(PAY_NOTIFY_SAMPLE) as Json;
    change(event);
    return { fn: 'payNotify', action: 'notify', name, event, code: 'VALIDATION_FAILED', path };
  };
  const refund = (name: string, change: (e: Json) => void, path: string): InvalidCase => {
    const event = clone(REFUND_NOTIFY_SAMPLE) as Json;
    change(event);
    return { fn: 'refundNotify', action: 'notify', name, event, code: 'VALIDATION_FAILED', path };
  };
  const media = (name: string, change: (e: Json) => void, path: string): InvalidCase => {
    const event = clone(VALID_EVENTS.contentCheck.verdict) as Json;
    change(event);
    return { fn: 'contentCheck', action: 'verdict', name, event, code: 'VALIDATION_FAILED', path };
  };
  const tick = (name: string, payload: unknown, path: string): InvalidCase =>
    ({ fn: 'sweeper', action: 'tick', name, event: { action: 'tick', payload }, code: 'VALIDATION_FAILED', path });
  return [
    pay('no outTradeNo', (e) => delete e.outTradeNo, 'outTradeNo'),
    pay('an outTradeNo with forbidden characters', set('outTradeNo', 'O1*2'), 'outTradeNo'),
    pay('totalFee as a string', set('totalFee', '3800'), 'totalFee'),
    pay('a fractional totalFee', set('totalFee', 38.5), 'totalFee'),
    pay('a negative totalFee', set('totalFee', -1), 'totalFee'),
    { fn: 'payNotify', action: 'notify', name: 'a string event', event: 'paid!', code: 'VALIDATION_FAILED', path: '' },
    refund('no outRefundNo', (e) => delete (e.reqInfo as Json).outRefundNo, 'outRefundNo'),
    refund('refundFee as a string', in_('reqInfo', 'refundFee', '1200'), 'refundFee'),
    { fn: 'refundNotify', action: 'notify', name: 'a null event', event: null, code: 'VALIDATION_FAILED', path: '' },
    tick('an unknown job', { jobs: ['nope'] }, 'jobs.0'),
    tick('no jobs', { jobs: [] }, 'jobs'),
    tick('a job twice', { jobs: ['expireOrders', 'expireOrders'] }, 'jobs'),
    tick('an unknown key', { force: true }, 'force'),
    { fn: 'sweeper', action: null, name: 'an event that is not a timer', event: { Type: 'Cron' }, code: 'UNKNOWN_ACTION' },
    media('no trace_id', (e) => delete e.trace_id, 'trace_id'),
    media('another event', set('Event', 'user_enter_tempsession'), 'Event'),
    media('an unknown suggestion', (e) => ((e.result as Json).suggest = 'maybe'), 'result.suggest'),
  ];
}

function unknownActionCases(fn: FunctionName): InvalidCase[] {
  return [
    { name: 'an unknown action', event: { action: 'nope', payload: {} } },
    { name: 'no action', event: { payload: {} } },
    { name: 'a numeric action', event: { action: 42 } },
    { name: 'an inherited property as the action', event: { action: 'toString' } },
    { name: 'the prototype as the action', event: { action: '__proto__' } },
    { name: 'a null event', event: null },
    { name: 'a string event', event: 'quote' },
  ].map((c) => ({ fn, action: null, code: 'UNKNOWN_ACTION' as const, ...c }));
}

const ENVELOPE_FUNCTIONS = FUNCTION_NAMES.filter((fn) => !('route' in CONTRACTS[fn]));

/** Every invalid case, grouped by function and action. */
export const INVALID_CASES: InvalidCase[] = [
  ...ENVELOPE_FUNCTIONS.flatMap((fn) => Object.keys(CONTRACTS[fn].actions).flatMap((action) => derivedCases(fn, action))),
  ...handWritten(),
  ...eventCases(),
  ...ENVELOPE_FUNCTIONS.flatMap(unknownActionCases),
  ...unknownActionCases('sweeper'),
];

export function invalidCasesFor(fn: FunctionName, action?: string): InvalidCase[] {
  return INVALID_CASES.filter((c) => c.fn === fn && (action === undefined || c.action === action));
}
