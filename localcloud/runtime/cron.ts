// Timer-trigger cron expressions as the platform reads them (docs/wechat-contracts.md §5.1): 7 required
// fields `sec min hour day month weekday year`, wildcards `, - * /`, JAN-DEC and SUN-SAT names,
// day-of-month and weekday OR-ed when both are restricted, evaluated in China time (UTC+8).

const TZ_OFFSET_MS = 8 * 3600_000;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** value of names[0] */
  nameBase?: number;
}

const FIELDS: FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'weekday', min: 0, max: 6, names: DAYS, nameBase: 0 },
  { name: 'year', min: 1970, max: 2099 },
];

export interface CronSchedule {
  source: string;
  second: Set<number>;
  minute: Set<number>;
  hour: Set<number>;
  day: Set<number>;
  month: Set<number>;
  weekday: Set<number>;
  year: Set<number>;
  dayRestricted: boolean;
  weekdayRestricted: boolean;
}

function parseValue(text: string, spec: FieldSpec, expr: string): number {
  const upper = text.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  const value = named >= 0 ? named + (spec.nameBase ?? 0) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
    throw new SyntaxError(`cron "${expr}": ${spec.name} value "${text}" is not in ${spec.min}-${spec.max}`);
  }
  return value;
}

function parseField(text: string, spec: FieldSpec, expr: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined || range === '') throw new SyntaxError(`cron "${expr}": bad ${spec.name} "${part}"`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) throw new SyntaxError(`cron "${expr}": bad step "${part}"`);
      step = Number(stepText);
    }
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = spec.min;
      hi = spec.max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = parseValue(a, spec, expr);
      hi = parseValue(b, spec, expr);
      if (lo > hi) throw new SyntaxError(`cron "${expr}": ${spec.name} range "${range}" runs backwards`);
    } else {
      lo = parseValue(range, spec, expr);
      hi = stepText !== undefined ? spec.max : lo; // "5/15" = from 5 every 15
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return values;
}

export function parseCron(expr: string): CronSchedule {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 7) throw new SyntaxError(`cron "${expr}": expected 7 fields (sec min hour day month weekday year), got ${parts.length}`);
  const [second, minute, hour, day, month, weekday, year] = parts.map((p, i) => parseField(p, FIELDS[i], expr));
  const restricted = (p: string) => p !== '*' && p !== '?';
  return {
    source: expr, second, minute, hour, day, month, weekday, year,
    dayRestricted: restricted(parts[3]), weekdayRestricted: restricted(parts[5]),
  };
}

/** China-time calendar fields of an instant. */
function fields(ms: number) {
  const d = new Date(ms + TZ_OFFSET_MS);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
  };
}

/** The instant of a China-time wall clock (month 1-12; overflowing values roll over like Date.UTC). */
function instant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) - TZ_OFFSET_MS;
}

function dayMatches(s: CronSchedule, day: number, weekday: number): boolean {
  if (s.dayRestricted && s.weekdayRestricted) return s.day.has(day) || s.weekday.has(weekday);
  return s.day.has(day) && s.weekday.has(weekday);
}

export function cronMatches(s: CronSchedule, ms: number): boolean {
  const f = fields(ms);
  return s.year.has(f.year) && s.month.has(f.month) && dayMatches(s, f.day, f.weekday) &&
    s.hour.has(f.hour) && s.minute.has(f.minute) && s.second.has(f.second);
}

/** The first whole second strictly after `afterMs` that the schedule matches, or null if none before 2100. */
export function nextFire(s: CronSchedule, afterMs: number): number | null {
  let t = Math.floor(afterMs / 1000) * 1000 + 1000;
  const limit = instant(2100, 1, 1);
  while (t < limit) {
    const f = fields(t);
    if (!s.year.has(f.year)) t = instant(f.year + 1, 1, 1);
    else if (!s.month.has(f.month)) t = instant(f.year, f.month + 1, 1);
    else if (!dayMatches(s, f.day, f.weekday)) t = instant(f.year, f.month, f.day + 1);
    else if (!s.hour.has(f.hour)) t = instant(f.year, f.month, f.day, f.hour + 1);
    else if (!s.minute.has(f.minute)) t = instant(f.year, f.month, f.day, f.hour, f.minute + 1);
    else if (!s.second.has(f.second)) t += 1000;
    else return t;
  }
  return null;
}
