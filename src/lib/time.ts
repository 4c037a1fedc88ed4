// Every date on screen is China time via dayjs. China has no daylight saving, so when the
// JS engine lacks the time-zone data dayjs's tz plugin needs, a fixed +08:00 offset shows the same.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const SHOP_TIME_ZONE = 'Asia/Shanghai';

function china(ms: number): dayjs.Dayjs {
  try {
    return dayjs(ms).tz(SHOP_TIME_ZONE);
  } catch {
    return dayjs(ms).utcOffset(8 * 60);
  }
}

/** "2026-11-22 10:30" */
export function formatDateTime(ms: number): string {
  return china(ms).format('YYYY-MM-DD HH:mm');
}

/** "2026-11-22" */
export function formatDate(ms: number): string {
  return china(ms).format('YYYY-MM-DD');
}

/** "11-22 10:30" for timelines. */
export function formatShort(ms: number): string {
  return china(ms).format('MM-DD HH:mm');
}
