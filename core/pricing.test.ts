import { fen } from './money';
import { checkQuotePlaceable, mergeCartLines, quote, type QuoteInput } from './pricing';
import { makeDelivery, makeDigitalProduct, makeMembershipProduct, makeProduct } from './testing/fixtures';
import { unwrap } from './errors';

const SHOP = 'S20240601100000shop0001';
const chips = makeProduct({ _id: 'Pchips', price: fen(1200), stock: 10 });
const cola = makeProduct({ _id: 'Pcola', name: '可乐', price: fen(300), memberPrice: fen(250), stock: 100 });
const plan = makeMembershipProduct({ _id: 'Pplan' });
const book = makeDigitalProduct({ _id: 'Pbook' });

function input(over: Partial<QuoteInput> = {}): QuoteInput {
  return {
    shopId: SHOP,
    products: [chips, cola, plan, book],
    lines: [],
    memberTags: [],
    delivery: makeDelivery(),
    deliveryMethod: 'pickup',
    ...over,
  };
}

describe('quote', () => {
  it('prices lines from the products, never from the client, and adds the delivery fee', () => {
    const q = unwrap(quote(input({ lines: [{ productId: 'Pchips', quantity: 2 }, { productId: 'Pcola', quantity: 3 }], deliveryMethod: 'local' })));
    expect(q.lines.map((l) => [l.lineNo, l.productId, l.unitPrice, l.lineTotal])).toEqual([
      [1, 'Pchips', 1200, 2400], [2, 'Pcola', 300, 900],
    ]);
    expect(q).toMatchObject({ subtotal: 3300, deliveryFee: 500, total: 3800, itemCount: 5, requiresAddress: true, hasPhysical: true, hasVirtual: false });
  });

  it('the same product on two cart lines counts once: 6 + 6 against a stock of 10 is out of stock', () => {
    const q = unwrap(quote(input({ lines: [{ productId: 'Pchips', quantity: 6 }, { productId: 'Pcola', quantity: 1 }, { productId: 'Pchips', quantity: 6 }] })));
    expect(q.unavailable).toEqual([{ productId: 'Pchips', skuId: null, name: chips.name, skuLabel: null, quantity: 12, reason: 'OUT_OF_STOCK', available: 10 }]);
    expect(q.lines.map((l) => l.productId)).toEqual(['Pcola']);
    expect(mergeCartLines([{ productId: 'a', quantity: 1 }, { productId: 'b', quantity: 2 }, { productId: 'a', quantity: 3 }])).toEqual([
      { productId: 'a', skuId: null, quantity: 4 }, { productId: 'b', skuId: null, quantity: 2 },
    ]);
  });

  it('the member price applies only while the buyer holds the qualifying tag', () => {
    const nonMember = unwrap(quote(input({ lines: [{ productId: 'Pcola', quantity: 2 }] })));
    expect(nonMember.lines[0]).toMatchObject({ unitPrice: 300, memberPriceApplied: false });
    const member = unwrap(quote(input({ lines: [{ productId: 'Pcola', quantity: 2 }], memberTags: ['vip'] })));
    expect(member.lines[0]).toMatchObject({ unitPrice: 250, listPrice: 300, memberPriceApplied: true, lineTotal: 500 });
    expect(member.memberSavings).toBe(100);
    // a product naming a tag needs that tag, not just any membership
    const goldCola = makeProduct({ _id: 'Pgold', price: fen(300), memberPrice: fen(200), memberTag: 'gold' });
    const withVip = unwrap(quote(input({ products: [goldCola], lines: [{ productId: 'Pgold', quantity: 1 }], memberTags: ['vip'] })));
    expect(withVip.lines[0].memberPriceApplied).toBe(false);
    const withGold = unwrap(quote(input({ products: [goldCola], lines: [{ productId: 'Pgold', quantity: 1 }], memberTags: ['gold'] })));
    expect(withGold.lines[0].unitPrice).toBe(200);
  });

  it.each([
    ['a missing product', [], 'PRODUCT_NOT_FOUND', null],
    ['a product of another shop', [makeProduct({ _id: 'Px', shopId: 'Sother' })], 'PRODUCT_NOT_FOUND', null],
    ['a deleted product', [makeProduct({ _id: 'Px', deleted: true })], 'PRODUCT_UNAVAILABLE', null],
    ['an off-shelf product', [makeProduct({ _id: 'Px', onShelf: false })], 'OFF_SHELF', null],
    ['a members-only product for a non-member', [makeProduct({ _id: 'Px', membersOnly: true })], 'MEMBERS_ONLY', null],
    ['a sold-out product', [makeProduct({ _id: 'Px', stock: 0 })], 'OUT_OF_STOCK', 0],
  ])('flags %s with its reason', (_name, products, reason, available) => {
    const q = unwrap(quote(input({ products, lines: [{ productId: 'Px', quantity: 1 }] })));
    expect(q.unavailable).toEqual([expect.objectContaining({ productId: 'Px', reason, available })]);
    expect(q.lines).toEqual([]);
    expect(q.total).toBe(0);
  });

  it('members-only unlocks with the tag; unlimited products ignore stock', () => {
    const vipOnly = makeProduct({ _id: 'Px', membersOnly: true, unlimited: true, stock: 0 });
    const q = unwrap(quote(input({ products: [vipOnly], lines: [{ productId: 'Px', quantity: 999 }], memberTags: ['vip'] })));
    expect(q.unavailable).toEqual([]);
    expect(q.lines[0].quantity).toBe(999);
  });

  it('quantity is limited to 1..999, and to exactly 1 for membership plans and digital files', () => {
    const big = makeProduct({ _id: 'Px', unlimited: true });
    const over = unwrap(quote(input({ products: [big], lines: [{ productId: 'Px', quantity: 500 }, { productId: 'Px', quantity: 500 }] })));
    expect(over.unavailable[0]).toMatchObject({ reason: 'QUANTITY_LIMIT', available: 999, quantity: 1000 });
    const two = unwrap(quote(input({ lines: [{ productId: 'Pplan', quantity: 1 }, { productId: 'Pbook', quantity: 2 }, { productId: 'Pplan', quantity: 1 }] })));
    expect(two.unavailable.map((u) => [u.productId, u.reason, u.available])).toEqual([
      ['Pplan', 'QUANTITY_LIMIT', 1], ['Pbook', 'QUANTITY_LIMIT', 1],
    ]);
  });

  it('virtual-only orders need no delivery and pay no fee; mixed orders pay the fee', () => {
    const virtualOnly = unwrap(quote(input({ lines: [{ productId: 'Pplan', quantity: 1 }, { productId: 'Pbook', quantity: 1 }], deliveryMethod: 'local' })));
    expect(virtualOnly).toMatchObject({ deliveryMethod: null, deliveryFee: 0, total: 3990, hasPhysical: false, hasVirtual: true, requiresAddress: false });
    expect(virtualOnly.lines[0].membership).toEqual({ tag: 'vip', lifetime: false, days: 30 });
    const mixed = unwrap(quote(input({ lines: [{ productId: 'Pbook', quantity: 1 }, { productId: 'Pcola', quantity: 1 }], deliveryMethod: 'local' })));
    expect(mixed).toMatchObject({ deliveryMethod: 'local', deliveryFee: 500, total: 990 + 300 + 500 });
  });

  it('waives the fee when the physical subtotal reaches freeFrom (virtual lines do not count)', () => {
    const at = unwrap(quote(input({ lines: [{ productId: 'Pcola', quantity: 17 }], deliveryMethod: 'local' })));
    expect(at).toMatchObject({ subtotal: 5100, deliveryFee: 0 });
    const below = unwrap(quote(input({ lines: [{ productId: 'Pcola', quantity: 16 }, { productId: 'Pplan', quantity: 1 }], deliveryMethod: 'local' })));
    expect(below).toMatchObject({ subtotal: 4800 + 3000, deliveryFee: 500 });
  });

  it('a delivery method the shop does not offer is DELIVERY_NOT_AVAILABLE', () => {
    const r = quote(input({ lines: [{ productId: 'Pcola', quantity: 1 }], deliveryMethod: 'express' }));
    expect(r).toMatchObject({ ok: false, code: 'DELIVERY_NOT_AVAILABLE', details: { method: 'express', offered: ['pickup', 'local'] } });
  });
});

describe('checkQuotePlaceable', () => {
  it('the first unavailable line becomes the error, with the product and what is available', () => {
    const q = unwrap(quote(input({ lines: [{ productId: 'Pchips', quantity: 11 }] })));
    expect(checkQuotePlaceable(q)).toMatchObject({ ok: false, code: 'OUT_OF_STOCK', details: { productId: 'Pchips', available: 10 } });
  });

  it('an empty cart, a missing delivery method and an oversized total are refused', () => {
    expect(checkQuotePlaceable(unwrap(quote(input())))).toMatchObject({ code: 'CART_EMPTY' });
    const noMethod = unwrap(quote(input({ lines: [{ productId: 'Pcola', quantity: 1 }], deliveryMethod: null })));
    expect(noMethod.deliveryFee).toBe(0);
    expect(checkQuotePlaceable(noMethod)).toMatchObject({ code: 'DELIVERY_NOT_AVAILABLE' });
    const pricey = makeProduct({ _id: 'Px', price: fen(10_000_000), unlimited: true });
    const huge = unwrap(quote(input({ products: [pricey], lines: [{ productId: 'Px', quantity: 215 }] })));
    expect(checkQuotePlaceable(huge)).toMatchObject({ code: 'ORDER_TOTAL_TOO_LARGE' });
    const fine = unwrap(quote(input({ products: [pricey], lines: [{ productId: 'Px', quantity: 214 }] })));
    expect(checkQuotePlaceable(fine).ok).toBe(true);
  });
});
