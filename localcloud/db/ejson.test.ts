import { decode, decodeParam, encode, fromStored, toStored, toWire } from './ejson';

const at = (ms: number) => () => ms;

describe('EJSON as the SDK speaks it (docs/wechat-contracts.md §10)', () => {
  test('canonical numbers, dates and regular expressions decode to plain JS values', () => {
    const v = decode(JSON.parse('{"i":{"$numberInt":"-3"},"l":{"$numberLong":"1099511627776"},"d":{"$numberDouble":"1.5"},"n":{"$numberDouble":"NaN"},"t":{"$date":{"$numberLong":"86400000"}},"r":{"$regularExpression":{"pattern":"^ab","options":"ix"}}}'), at(0)) as Record<string, unknown>;
    expect(v.i).toBe(-3);
    expect(v.l).toBe(1099511627776);
    expect(v.d).toBe(1.5);
    expect(Number.isNaN(v.n)).toBe(true);
    expect(v.t).toEqual(new Date(86400000));
    expect(v.r).toEqual(/^ab/i);
  });

  test('§2.5 db.serverDate({offset}) becomes the virtual clock now + offset', () => {
    const v = decodeParam('{"paidAt":{"$tcb_server_date":{"offset":{"$numberInt":"-1000"}}}}', at(1_700_000_000_000)) as { paidAt: Date };
    expect(v.paidAt).toEqual(new Date(1_699_999_999_000));
  });

  test('query operators that look like types ({$regex, $options}) are left alone', () => {
    expect(decode({ a: { $regex: 'x', $options: 'i' } }, at(0))).toEqual({ a: { $regex: 'x', $options: 'i' } });
  });

  test('encoding is canonical on the wire: int32, int64, double, date', () => {
    expect(encode(7)).toEqual({ $numberInt: '7' });
    expect(encode(2 ** 40)).toEqual({ $numberLong: '1099511627776' });
    expect(encode(0.25)).toEqual({ $numberDouble: '0.25' });
    expect(encode(new Date(5))).toEqual({ $date: { $numberLong: '5' } });
    expect(toWire({ a: [1, undefined], b: undefined })).toBe('{"a":[{"$numberInt":"1"},null]}');
  });

  test('storage is relaxed and round-trips dates, regexes and non-finite numbers', () => {
    const doc = { _id: 'x', n: 3, f: 0.5, inf: -Infinity, at: new Date(42), re: /a.b/m, nested: { list: [1, { d: new Date(1) }] } };
    expect(toStored({ n: 3 })).toBe('{"n":3}');
    expect(fromStored(toStored(doc))).toEqual(doc);
  });
});
