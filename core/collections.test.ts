import checkedIn from '../database/collections.json';
import { COLLECTION_SPECS, COLLECTIONS, collectionsFileText } from './collections';

// Regenerate the file after changing core/collections.ts:
//   npx tsx -e "process.stdout.write(require('./core/collections').collectionsFileText())" > database/collections.json
describe('database/collections.json', () => {
  it('is exactly the list in core/collections.ts', () => {
    expect(checkedIn).toEqual(JSON.parse(collectionsFileText()));
  });

  it('lists every collection the model names, once, within the CloudBase limits', () => {
    const names = COLLECTION_SPECS.map((c) => c.name);
    expect([...names].sort()).toEqual(Object.values(COLLECTIONS).sort());
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeLessThanOrEqual(100);
    for (const c of COLLECTION_SPECS) {
      expect(c.indexes.length).toBeLessThanOrEqual(100);
      expect(new Set(c.indexes.map((i) => i.name)).size).toBe(c.indexes.length);
      for (const i of c.indexes) {
        expect(Object.keys(i.keys).length).toBeGreaterThan(0);
        expect(Object.keys(i.keys).length).toBeLessThanOrEqual(31);
      }
    }
  });

  it('has the unique indexes the idempotency rules rely on', () => {
    const uniques = COLLECTION_SPECS.flatMap((c) => c.indexes.filter((i) => i.unique).map((i) => `${c.name}(${Object.keys(i.keys).join(',')})`));
    expect(uniques.sort()).toEqual([
      'after_sales(openKey)', // one open after-sale request per order
      'checkouts(buyerOpenid,requestId)', // same request id → same order
      'coupons(code)', // a code leads to one coupon
      'entitlements(orderId,lineNo)',
      'membership_grants(sourceKey)', // grant keyed by order line or gift
      'memberships(shopId,buyerOpenid,tag)',
      'orders(outTradeNo)',
      'payments(transactionId)', // one payment record per transaction
      'refunds(outRefundNo)',
      'shops(code)', // short shop code for QR scenes
    ]);
  });
});
