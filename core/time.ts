// China-time helpers over epoch milliseconds, without dayjs: China has used UTC+8 with no daylight
// saving since 1991, so "China time" is plain arithmetic. Instants are stored as epoch ms (numbers);
// only these helpers turn them into China calendar days (dashboard) or WeChat Pay's
// `yyyyMMddHHmmss` strings, which are Beijing time (docs/wechat-contracts.md §3.2 timeExpire, §3.3 timeEnd).
import { fail, ok, type Result } from './errors';

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const CHINA_UTC_OFFSET_MS = 8 * HOUR_MS;

export interface ChinaParts {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  hour: number;
  minute: number;
  second: number;
}

export function chinaParts(ms: number): ChinaParts {
  const d = new Date(ms + CHINA_UTC_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** The instant China's calendar day containing `ms` began (00:00 China = 16:00 UTC the day before). */
export function startOfChinaDay(ms: number): number {
  return Math.floor((ms + CHINA_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_UTC_OFFSET_MS;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "2024-06-01" for the China day containing `ms`. */
export function chinaDayKey(ms: number): string {
  const p = chinaParts(ms);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

export interface ChinaDay {
  key: string;
  /** First instant of the day (inclusive). */
  start: number;
  /** First instant of the next day (exclusive). */
  end: number;
}

/** The last `count` China days ending with today, oldest first (the dashboard's 7-day chart). */
export function lastChinaDays(now: number, count = 7): ChinaDay[] {
  const today = startOfChinaDay(now);
  return Array.from({ length: count }, (_, i) => {
    const start = today - (count - 1 - i) * DAY_MS;
    return { key: chinaDayKey(start), start, end: start + DAY_MS };
  });
}

/** WeChat Pay's `yyyyMMddHHmmss` in China time, e.g. for `timeExpire`. Seconds are truncated. */
export function formatPayTime(ms: number): string {
  const p = chinaParts(ms);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

/** Parses `timeEnd` of a pay notify / query (`yyyyMMddHHmmss`, China time) into epoch ms. */
export function parsePayTime(text: unknown): Result<number> {
  const m = typeof text === 'string' ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text) : null;
  if (!m) return fail('VALIDATION_FAILED', { reason: 'expected yyyyMMddHHmmss', received: String(text) });
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(utc);
  const valid =
    back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day &&
    hour < 24 && minute < 60 && second < 60;
  if (!valid) return fail('VALIDATION_FAILED', { reason: 'not a calendar time', received: text });
  return ok(utc - CHINA_UTC_OFFSET_MS);
}

/** "2024-06-01 09:05" in China time, for text that is not rendered by the mini-program (logs, messages). */
export function formatChinaDateTime(ms: number): string {
  const p = chinaParts(ms);
  return `${chinaDayKey(ms)} ${pad(p.hour)}:${pad(p.minute)}`;
}
