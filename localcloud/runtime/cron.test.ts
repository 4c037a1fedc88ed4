// Timer cron (docs/wechat-contracts.md §5.1): 7 fields, China time, names, day/weekday OR.
import { cronMatches, nextFire, parseCron } from './cron';

/** An instant given as China wall-clock time. */
const cn = (iso: string) => Date.parse(`${iso}+08:00`);
const fires = (expr: string, fromIso: string, n: number) => {
  const s = parseCron(expr);
  const out: string[] = [];
  let t = cn(fromIso);
  for (let i = 0; i < n; i++) {
    const next = nextFire(s, t);
    if (next === null) break;
    out.push(new Date(next + 8 * 3600_000).toISOString().slice(0, 19));
    t = next;
  }
  return out;
};

test('*/5 * * * * * * fires every 5 seconds', () => {
  expect(fires('*/5 * * * * * *', '2024-03-01T10:00:03', 3)).toEqual([
    '2024-03-01T10:00:05', '2024-03-01T10:00:10', '2024-03-01T10:00:15',
  ]);
});

test('0 0 2 1 * * * fires at 02:00 China time on the 1st of each month (18:00 UTC the day before)', () => {
  expect(fires('0 0 2 1 * * *', '2024-01-15T00:00:00', 3)).toEqual([
    '2024-02-01T02:00:00', '2024-03-01T02:00:00', '2024-04-01T02:00:00',
  ]);
  expect(new Date(nextFire(parseCron('0 0 2 1 * * *'), cn('2024-01-15T00:00:00'))!).toISOString()).toBe('2024-01-31T18:00:00.000Z');
});

test('0 15 10 * * MON-FRI * fires at 10:15 on weekdays only', () => {
  // 2024-03-01 is a Friday.
  expect(fires('0 15 10 * * MON-FRI *', '2024-03-01T11:00:00', 3)).toEqual([
    '2024-03-04T10:15:00', '2024-03-05T10:15:00', '2024-03-06T10:15:00',
  ]);
});

test('the year field limits the schedule; a past-only schedule never fires', () => {
  expect(fires('0 0 0 1 1 * 2030', '2024-06-01T00:00:00', 2)).toEqual(['2030-01-01T00:00:00']);
  expect(nextFire(parseCron('0 0 0 1 1 * 2020'), cn('2024-06-01T00:00:00'))).toBeNull();
});

test('day-of-month and weekday are OR-ed when both are restricted', () => {
  // the 13th, or any Friday, at midnight — from Wed 2024-09-11
  expect(fires('0 0 0 13 * FRI *', '2024-09-11T12:00:00', 3)).toEqual([
    '2024-09-13T00:00:00', '2024-09-20T00:00:00', '2024-09-27T00:00:00',
  ]);
  expect(fires('0 0 0 10 * SUN *', '2024-09-09T12:00:00', 2)).toEqual(['2024-09-10T00:00:00', '2024-09-15T00:00:00']);
});

test('month names, lists, ranges with steps and 0 = Sunday', () => {
  expect(fires('0 30 8 * JAN,JUL 0 *', '2024-06-30T09:00:00', 2)).toEqual(['2024-07-07T08:30:00', '2024-07-14T08:30:00']);
  expect(fires('0 0-30/15 9 * * * *', '2024-01-01T00:00:00', 3)).toEqual([
    '2024-01-01T09:00:00', '2024-01-01T09:15:00', '2024-01-01T09:30:00',
  ]);
});

test('every minute: the next fire is strictly after the given instant', () => {
  const s = parseCron('0 * * * * * *');
  expect(nextFire(s, cn('2024-01-01T00:00:00'))).toBe(cn('2024-01-01T00:01:00'));
  expect(cronMatches(s, cn('2024-01-01T00:01:00'))).toBe(true);
  expect(cronMatches(s, cn('2024-01-01T00:01:01'))).toBe(false);
});

test('Feb 30 never exists: the schedule skips to a month that has the day', () => {
  expect(fires('0 0 0 30 * * *', '2024-01-31T00:00:00', 2)).toEqual(['2024-03-30T00:00:00', '2024-04-30T00:00:00']);
});

test('malformed expressions are refused with the reason', () => {
  expect(() => parseCron('0 * * * *')).toThrow('expected 7 fields');
  expect(() => parseCron('0 61 * * * * *')).toThrow('minute value "61"');
  expect(() => parseCron('0 0 0 * * FUNDAY *')).toThrow('weekday value "FUNDAY"');
  expect(() => parseCron('*/0 * * * * * *')).toThrow('bad step');
});
