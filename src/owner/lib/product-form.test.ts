// The editor's money is exact: what the owner types in yuan is the fen the server stores, and anything
// that is not a plain amount with at most two decimals is refused with a message, never rounded.
import { fen } from '../../../core/money';
import { order } from '../../testing/fixtures';
import { buildCreate, buildPatch, emptyForm, fenEcho, fenToYuanText, formFromProduct, parsePrice, type ProductForm } from './product-form';
import { refundableOrder, soldOutRefund } from './order-money';
import { ownerProduct } from '../testing/fixtures';

const form = (over: Partial<ProductForm> = {}): ProductForm => ({ ...emptyForm(), name: '鲜牛奶 1L', price: '12.80', stock: '10', ...over });

describe('yuan ↔ fen in the product editor', () => {
  test('every amount from 0.01 to 1000.00 typed with two decimals becomes exactly that many fen and back', () => {
    for (let f = 1; f <= 100_000; f += 1) {
      const typed = `${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`;
      const parsed = parsePrice(typed);
      if (!parsed.ok || parsed.fen !== f || fenToYuanText(parsed.fen) !== typed) throw new Error(`${typed} → ${JSON.stringify(parsed)}`);
    }
  });

  test('"12", "12.5" and "12.50" are all 1250 fen; 0.1 + 0.2 style float errors cannot happen ("0.29" is 29)', () => {
    expect([parsePrice('12'), parsePrice('12.5'), parsePrice('12.50'), parsePrice(' 12.50 ')].map((p) => p.ok && p.fen)).toEqual([1200, 1250, 1250, 1250]);
    expect(parsePrice('0.29')).toEqual({ ok: true, fen: 29 });
    expect(parsePrice('1.15')).toEqual({ ok: true, fen: 115 });
  });

  test.each(['12.345', '-1', '1e3', '12,50', '¥12', 'abc', '', '.5', '12.'])('%j is refused with a message, not rounded', (typed) => {
    const parsed = parsePrice(typed);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/价格/);
  });

  test('0 and more than ¥100,000 are refused with their own messages', () => {
    expect(parsePrice('0')).toEqual({ ok: false, message: '价格至少 0.01 元' });
    expect(parsePrice('100000.01')).toEqual({ ok: false, message: '价格不能超过 100000 元' });
    expect(parsePrice('100000')).toEqual({ ok: true, fen: 10_000_000 });
  });

  test('the echo under a price field names the exact fen', () => {
    expect(fenEcho('8.8')).toBe('顾客将支付 ¥8.80');
    expect(fenEcho('8.888')).toBeNull();
  });
});

describe('building the requests', () => {
  test('a physical product becomes a createProduct payload in fen that the contract accepts', () => {
    const built = buildCreate('S1', form({ memberPrice: '11.5', memberTag: 'vip', categoryId: 'C1' }));
    expect(built).toEqual({
      ok: true,
      payload: {
        shopId: 'S1', kind: 'physical', name: '鲜牛奶 1L', description: '', photos: [], price: 1280, memberPrice: 1150, memberTag: 'vip',
        membersOnly: false, unlimited: false, stock: 10, onShelf: true, categoryId: 'C1', options: null,
      },
    });
  });

  test('every invalid field is reported at once and nothing is built', () => {
    const built = buildCreate('S1', form({ name: ' ', price: '12.345', memberPrice: '20', stock: '-3' }));
    expect(built.ok).toBe(false);
    expect(!built.ok && Object.keys(built.errors).sort()).toEqual(['name', 'price', 'stock']);
    const above = buildCreate('S1', form({ memberPrice: '13' }));
    expect(!above.ok && above.errors.memberPrice).toBe('会员价不能高于价格');
  });

  test('a membership plan needs a tag and 1..3650 days, or lifetime', () => {
    const plan = (over: Partial<ProductForm>) => buildCreate('S1', form({ kind: 'membership', unlimited: true, ...over }));
    expect(plan({ planTag: 'vip', planDays: '30' })).toMatchObject({ ok: true, payload: { kind: 'membership', membership: { tag: 'vip', lifetime: false, days: 30 } } });
    expect(plan({ planTag: 'vip', lifetime: true })).toMatchObject({ ok: true, payload: { membership: { tag: 'vip', lifetime: true, days: null } } });
    expect(plan({ planTag: 'v i p', planDays: '0' })).toMatchObject({ ok: false, errors: { planTag: expect.any(String), planDays: expect.any(String) } });
  });

  test('a digital product needs its uploaded file and a download limit of 1..100', () => {
    const digital = (over: Partial<ProductForm>) => buildCreate('S1', form({ kind: 'digital', unlimited: true, ...over }));
    expect(digital({})).toMatchObject({ ok: false, errors: { fileID: '请上传要出售的文件' } });
    expect(digital({ fileID: 'cloud://env.x/recipes.pdf', fileName: '菜谱.pdf', downloadLimit: '101' })).toMatchObject({ ok: false, errors: { downloadLimit: expect.any(String) } });
    expect(digital({ fileID: 'cloud://env.x/recipes.pdf', fileName: '菜谱.pdf', downloadLimit: '3' })).toMatchObject({
      ok: true, payload: { kind: 'digital', digital: { fileID: 'cloud://env.x/recipes.pdf', fileName: '菜谱.pdf', downloadLimit: 3 } },
    });
  });

  test('editing sends only what changed: an untouched product is an empty patch, a new price is {price} in fen', () => {
    const p = ownerProduct({ memberPrice: fen(1150) });
    expect(buildPatch('S1', 'P1', p, formFromProduct(p))).toEqual({ ok: true, payload: {} });
    expect(buildPatch('S1', 'P1', p, { ...formFromProduct(p), price: '13.9' })).toEqual({ ok: true, payload: { price: 1390 } });
    expect(buildPatch('S1', 'P1', p, { ...formFromProduct(p), memberPrice: '' })).toEqual({ ok: true, payload: { memberPrice: null } });
    expect(buildPatch('S1', 'P1', p, { ...formFromProduct(p), unlimited: true })).toEqual({ ok: true, payload: { unlimited: true } });
  });
});

describe('the sold-out refund preview is the server rule (core/refund.ts planSoldOut)', () => {
  const twoLines = order({
    status: 'paid', paidFen: fen(2630), total: fen(2630), subtotal: fen(2130), deliveryFee: fen(500), delivery: { method: 'local', fee: fen(500), address: null },
    lines: [
      { ...order().lines[0], lineNo: 1, name: '手工全麦面包', quantity: 1, unitPrice: fen(1250), listPrice: fen(1250), lineTotal: fen(1250) },
      { ...order().lines[0], lineNo: 2, name: '肉松小贝', quantity: 1, unitPrice: fen(880), listPrice: fen(880), lineTotal: fen(880) },
    ],
  });

  test('one of two lines refunds that line only; both lines refund everything, the delivery fee included', () => {
    expect(soldOutRefund(twoLines, [2])).toEqual({ amount: 880, full: false });
    expect(soldOutRefund(twoLines, [1, 2])).toEqual({ amount: 2630, full: true });
    expect(soldOutRefund(twoLines, [])).toBeNull();
  });

  test('money already committed to refunds is not promised twice', () => {
    const after = { ...twoLines, refundPendingFen: fen(880), lines: twoLines.lines.map((l) => (l.lineNo === 2 ? { ...l, soldOut: true, refundedQuantity: 1, refundedFen: fen(880) } : l)) };
    expect(refundableOrder(after).deliveryRefundedFen).toBe(0);
    expect(soldOutRefund(after, [1])).toEqual({ amount: 1750, full: true });
  });
});
