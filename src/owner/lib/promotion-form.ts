// What the owner types into the coupon and 满减 forms, turned into the shopAdmin payloads
// (core/contracts/coupons.ts). Money is typed in yuan (money.ts yuanToFen, never floats); a discount is
// typed as 折 ("9" = 9 折 = 10% off, "8.5" = 15% off); dates are China calendar days.
import type { RequestPayload } from '../../../core/contracts/registry';
import { yuanToFen, type Fen } from '../../../core/money';
import type { PromotionScope } from '../../../core/model';
import { DAY_MS } from '../../../core/time';

export type FormResult<T> = { ok: true; data: T } | { ok: false; error: string };

export interface CouponForm {
  name: string;
  kind: 'amount' | 'percent';
  off: string;
  rate: string;
  maxOff: string;
  threshold: string;
  validity: 'days' | 'dates';
  days: string;
  from: string;
  until: string;
  quantity: string;
  perBuyer: string;
  membersOnly: boolean;
  public: boolean;
  scope: PromotionScope;
}

export interface ActivityForm {
  name: string;
  tiers: { threshold: string; off: string }[];
  from: string;
  until: string;
  membersOnly: boolean;
  scope: PromotionScope;
}

export const EMPTY_COUPON: CouponForm = {
  name: '', kind: 'amount', off: '', rate: '9', maxOff: '', threshold: '0', validity: 'days', days: '7', from: '', until: '',
  quantity: '100', perBuyer: '1', membersOnly: false, public: true, scope: { kind: 'shop' },
};

export const EMPTY_ACTIVITY: ActivityForm = {
  name: '', tiers: [{ threshold: '', off: '' }], from: '', until: '', membersOnly: false, scope: { kind: 'shop' },
};

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** "2026-06-01" → the start of that day in China. */
export function chinaDayStart(text: string): number | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - CHINA_OFFSET_MS;
  return Number.isFinite(ms) ? ms : null;
}

/** The start of today in China as "yyyy-mm-dd" (the forms' default first day). */
export function chinaToday(now: number, plusDays = 0): string {
  const d = new Date(now + CHINA_OFFSET_MS + plusDays * DAY_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function money(text: string, what: string, allowZero = false): FormResult<Fen> {
  const r = yuanToFen(text.trim() || (allowZero ? '0' : ''));
  if (!r.ok || (!allowZero && r.data === 0)) return { ok: false, error: `请填写${what}（元）` };
  return { ok: true, data: r.data };
}

function count(text: string, what: string, max: number): FormResult<number> {
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 1 && n <= max ? { ok: true, data: n } : { ok: false, error: `${what}请填 1–${max} 的整数` };
}

/** Both days inclusive: the period ends at the end of `until`. */
function period(from: string, until: string): FormResult<{ from: number; until: number }> {
  const a = chinaDayStart(from);
  const b = chinaDayStart(until);
  if (a === null || b === null) return { ok: false, error: '日期格式如 2026-06-01' };
  if (b < a) return { ok: false, error: '结束日期不能早于开始日期' };
  return { ok: true, data: { from: a, until: b + DAY_MS } };
}

export function couponPayload(f: CouponForm, shopId: string, couponId?: string): FormResult<RequestPayload<'shopAdmin', 'saveCoupon'>> {
  if (!f.name.trim()) return { ok: false, error: '请填写优惠券名称' };
  const threshold = money(f.threshold, '使用门槛', true);
  if (!threshold.ok) return threshold;
  let benefit: RequestPayload<'shopAdmin', 'saveCoupon'>['benefit'];
  if (f.kind === 'amount') {
    const off = money(f.off, '减免金额');
    if (!off.ok) return off;
    benefit = { kind: 'amount', off: off.data, threshold: threshold.data };
  } else {
    const rate = Number(f.rate.trim());
    const percentOff = Math.round((10 - rate) * 10);
    if (!Number.isFinite(rate) || percentOff < 1 || percentOff > 99 || Math.abs((10 - rate) * 10 - percentOff) > 1e-9) return { ok: false, error: '折扣请填 0.1–9.9，如 9 或 8.5' };
    const maxOff = f.maxOff.trim() ? money(f.maxOff, '最多减') : null;
    if (maxOff && !maxOff.ok) return maxOff;
    benefit = { kind: 'percent', percentOff, maxOff: maxOff ? maxOff.data : null, threshold: threshold.data };
  }
  let validity: RequestPayload<'shopAdmin', 'saveCoupon'>['validity'];
  if (f.validity === 'days') {
    const days = count(f.days, '有效天数', 366);
    if (!days.ok) return days;
    validity = { kind: 'days', days: days.data };
  } else {
    const p = period(f.from, f.until);
    if (!p.ok) return p;
    validity = { kind: 'dates', ...p.data };
  }
  const quantity = count(f.quantity, '发放总量', 100_000);
  if (!quantity.ok) return quantity;
  const perBuyer = count(f.perBuyer, '每人限领', 20);
  if (!perBuyer.ok) return perBuyer;
  return {
    ok: true,
    data: {
      shopId, ...(couponId ? { couponId } : {}), name: f.name.trim(), benefit, validity, quantity: quantity.data, perBuyer: perBuyer.data,
      membersOnly: f.membersOnly, public: f.public, scope: f.scope,
    },
  };
}

export function activityPayload(f: ActivityForm, shopId: string, activityId?: string): FormResult<RequestPayload<'shopAdmin', 'saveActivity'>> {
  if (!f.name.trim()) return { ok: false, error: '请填写活动名称' };
  const tiers: { threshold: Fen; off: Fen }[] = [];
  for (const t of f.tiers) {
    const threshold = money(t.threshold, '满多少');
    if (!threshold.ok) return threshold;
    const off = money(t.off, '减多少');
    if (!off.ok) return off;
    if (off.data >= threshold.data) return { ok: false, error: '减免金额要小于门槛' };
    tiers.push({ threshold: threshold.data, off: off.data });
  }
  const p = period(f.from, f.until);
  if (!p.ok) return p;
  return {
    ok: true,
    data: {
      shopId, ...(activityId ? { activityId } : {}), name: f.name.trim(), tiers, startsAt: p.data.from, endsAt: p.data.until,
      membersOnly: f.membersOnly, scope: f.scope,
    },
  };
}
