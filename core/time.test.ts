import { seededRandom } from './prng';
import {
  chinaDayKey, DAY_MS, formatChinaDateTime, formatPayTime, HOUR_MS, lastChinaDays, parsePayTime, startOfChinaDay,
} from './time';

// 2024-06-01T00:00:00+08:00
const JUNE_1_CN = Date.UTC(2024, 4, 31, 16, 0, 0);

describe('China days', () => {
  it('a China day starts at 16:00 UTC the day before', () => {
    expect(startOfChinaDay(JUNE_1_CN)).toBe(JUNE_1_CN);
    expect(startOfChinaDay(JUNE_1_CN + 23 * HOUR_MS + 59 * 60_000)).toBe(JUNE_1_CN);
    expect(startOfChinaDay(JUNE_1_CN - 1)).toBe(JUNE_1_CN - DAY_MS);
    expect(chinaDayKey(JUNE_1_CN)).toBe('2024-06-01');
    expect(chinaDayKey(JUNE_1_CN - 1)).toBe('2024-05-31');
    // 23:30 UTC on June 1 is already June 2 in China
    expect(chinaDayKey(Date.UTC(2024, 5, 1, 23, 30))).toBe('2024-06-02');
  });

  it('the last 7 China days end with today, oldest first, contiguous', () => {
    const days = lastChinaDays(JUNE_1_CN + 10 * HOUR_MS);
    expect(days.map((d) => d.key)).toEqual([
      '2024-05-26', '2024-05-27', '2024-05-28', '2024-05-29', '2024-05-30', '2024-05-31', '2024-06-01',
    ]);
    for (let i = 1; i < days.length; i += 1) expect(days[i].start).toBe(days[i - 1].end);
    expect(days[6].end).toBe(JUNE_1_CN + DAY_MS);
    expect(lastChinaDays(JUNE_1_CN, 1)).toEqual([{ key: '2024-06-01', start: JUNE_1_CN, end: JUNE_1_CN + DAY_MS }]);
  });

  it('crosses a month and a leap day', () => {
    const mar1 = Date.UTC(2024, 1, 29, 16); // 2024-03-01 00:00 China
    expect(lastChinaDays(mar1, 2).map((d) => d.key)).toEqual(['2024-02-29', '2024-03-01']);
  });
});

describe('WeChat Pay times (yyyyMMddHHmmss, Beijing time)', () => {
  it('formats and parses the notify sample timeEnd 20220321132007', () => {
    const parsed = parsePayTime('20220321132007');
    expect(parsed).toEqual({ ok: true, data: Date.UTC(2022, 2, 21, 5, 20, 7) });
    if (parsed.ok) expect(formatPayTime(parsed.data)).toBe('20220321132007');
    expect(formatPayTime(JUNE_1_CN)).toBe('20240601000000');
    expect(formatChinaDateTime(JUNE_1_CN + 9 * HOUR_MS + 5 * 60_000)).toBe('2024-06-01 09:05');
  });

  it.each(['', '2022032113200', '202203211320077', '20221321132007', '20220230120000', '20220321242007', '20220321136007', 'abcdefghijklmn', 12])(
    'rejects %p',
    (text) => expect(parsePayTime(text).ok).toBe(false),
  );

  it('round-trips 5,000 random whole-second instants', () => {
    const rnd = seededRandom(7);
    const bad: number[] = [];
    for (let i = 0; i < 5_000; i += 1) {
      const ms = rnd.between(0, 4_000_000_000) * 1000;
      const back = parsePayTime(formatPayTime(ms));
      if (!back.ok || back.data !== ms) bad.push(ms);
      if (startOfChinaDay(ms) > ms || ms - startOfChinaDay(ms) >= DAY_MS) bad.push(ms);
    }
    expect(bad).toEqual([]);
  });
});
