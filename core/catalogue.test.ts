import { applyProductPatch, isSoldOut, newProductDoc } from './catalogue';
import { parseRequest } from './contracts/parse';
import { unwrap } from './errors';
import { fen } from './money';
import { FIXTURE_NOW, makeDigitalProduct, makeProduct } from './testing/fixtures';

function createInput(payload: Record<string, unknown>) {
  const parsed = unwrap(parseRequest('shopAdmin', { action: 'createProduct', payload }));
  if (parsed.action !== 'createProduct') throw new Error('unexpected action');
  return parsed.payload;
}

describe('newProductDoc', () => {
  it('fills every field with the contract defaults and starts with nothing reserved or sold', () => {
    const doc = newProductDoc(createInput({ shopId: 'S1', kind: 'physical', name: '薯片', price: 1200 }), 'P1', FIXTURE_NOW);
    expect(doc).toEqual({
      _id: 'P1', shopId: 'S1', kind: 'physical', name: '薯片', description: '', photos: [], price: 1200, memberPrice: null,
      memberTag: null, membersOnly: false, unlimited: false, stock: 0, reserved: 0, sold: 0, options: [], skus: {}, optionSeq: 1, onShelf: true, deleted: false,
      deletedAt: null, categoryId: null, sort: 0, membership: null, digital: null, createdAt: FIXTURE_NOW, updatedAt: FIXTURE_NOW,
    });
  });

  it('keeps the plan of a membership product and gives a digital file version 1 with 5 downloads', () => {
    const plan = newProductDoc(createInput({ shopId: 'S1', kind: 'membership', name: '年卡', price: 30000, unlimited: true, membership: { tag: 'vip', lifetime: false, days: 365 } }), 'P2', FIXTURE_NOW);
    expect(plan).toMatchObject({ membership: { tag: 'vip', lifetime: false, days: 365 }, digital: null });
    const file = newProductDoc(createInput({ shopId: 'S1', kind: 'digital', name: '电子书', price: 990, unlimited: true, digital: { fileID: 'cloud://e/b.pdf', fileName: 'b.pdf' } }), 'P3', FIXTURE_NOW);
    expect(file.digital).toEqual({ fileID: 'cloud://e/b.pdf', fileName: 'b.pdf', downloadLimit: 5, version: 1 });
    const life = newProductDoc(createInput({ shopId: 'S1', kind: 'membership', name: '终身', price: 99900, membership: { tag: 'vip', lifetime: true } }), 'P4', FIXTURE_NOW);
    expect(life.membership).toEqual({ tag: 'vip', lifetime: true, days: null });
  });
});

describe('applyProductPatch', () => {
  const product = makeProduct({ price: fen(1200), memberPrice: fen(1000), stock: 10 });

  it('sets only what the patch names, and turns a stock edit into a delta', () => {
    const r = unwrap(applyProductPatch(product, { name: '大包薯片', stock: 4 }, FIXTURE_NOW + 1));
    expect(r).toEqual({ set: { name: '大包薯片', updatedAt: FIXTURE_NOW + 1 }, stockDelta: -6, digitalUpdated: false, options: null });
  });

  it('checks the member price against the resulting price', () => {
    expect(applyProductPatch(product, { price: fen(900) }, FIXTURE_NOW)).toMatchObject({ code: 'VALIDATION_FAILED', details: { path: 'patch.memberPrice' } });
    expect(unwrap(applyProductPatch(product, { price: fen(900), memberPrice: null }, FIXTURE_NOW)).set).toMatchObject({ price: 900, memberPrice: null });
  });

  it('refuses a plan or a file on the wrong kind, and any edit of a deleted product', () => {
    expect(applyProductPatch(product, { membership: { tag: 'vip', lifetime: true, days: null } }, FIXTURE_NOW)).toMatchObject({ details: { path: 'patch.membership' } });
    expect(applyProductPatch(product, { digital: { fileID: 'cloud://e/x', fileName: 'x', downloadLimit: 5 } }, FIXTURE_NOW)).toMatchObject({ details: { path: 'patch.digital' } });
    expect(applyProductPatch({ ...product, deleted: true }, { name: 'x' }, FIXTURE_NOW)).toMatchObject({ code: 'PRODUCT_UNAVAILABLE' });
  });

  it('a new file bumps the version (buyers are told); the same file with a new limit does not', () => {
    const book = makeDigitalProduct();
    const newer = unwrap(applyProductPatch(book, { digital: { fileID: 'cloud://env.bucket/book-v2.pdf', fileName: 'book.pdf', downloadLimit: 5 } }, FIXTURE_NOW));
    expect(newer).toMatchObject({ digitalUpdated: true, set: { digital: { version: 2, fileID: 'cloud://env.bucket/book-v2.pdf' } } });
    const sameFile = unwrap(applyProductPatch(book, { digital: { fileID: 'cloud://env.bucket/book.pdf', fileName: 'book.pdf', downloadLimit: 8 } }, FIXTURE_NOW));
    expect(sameFile).toMatchObject({ digitalUpdated: false, set: { digital: { version: 1, downloadLimit: 8 } } });
  });

  it('sold out means limited with no stock left', () => {
    expect(isSoldOut({ unlimited: false, stock: 0 })).toBe(true);
    expect(isSoldOut({ unlimited: true, stock: 0 })).toBe(false);
    expect(isSoldOut({ unlimited: false, stock: 1 })).toBe(false);
  });
});
