// The functions WeChat (not the mini-program) calls: payNotify, refundNotify, and the sweeper's timer.
// Their events are not `{action, payload}` envelopes, so each has a `route` that names the action and
// picks the payload. Shapes: docs/wechat-contracts.md §3.3 (pay notify, camelCased v2 fields), §3.4 (refund
// notify, possibly nested under `reqInfo`), §5.1 (timer event). These schemas are deliberately loose
// (WeChat may add fields; everything is kept for the notify log) — authenticity comes from
// SOURCE === 'wx_paycallback' plus the server's re-query, never from the event (§3.3, §7.4).
import * as v from 'valibot';
import { OUT_TRADE_NO_PATTERN } from '../ids';
import { LIMITS } from './fields';
import type { NotifyReply, SweeperReport } from './views';

const wxString = (max: number) => v.optional(v.pipe(v.string(), v.maxLength(max)));
const wxAmount = v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0)));

export const payNotifyActions = {
  notify: v.looseObject({
    returnCode: wxString(16),
    resultCode: wxString(16),
    outTradeNo: v.pipe(v.string(), v.regex(OUT_TRADE_NO_PATTERN, 'invalid outTradeNo')),
    transactionId: wxString(64),
    totalFee: wxAmount,
    cashFee: wxAmount,
    subMchId: wxString(32),
    subOpenid: wxString(128),
    timeEnd: wxString(14),
  }),
};

export const refundNotifyActions = {
  notify: v.looseObject({
    outRefundNo: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    outTradeNo: wxString(32),
    transactionId: wxString(64),
    refundId: wxString(64),
    /** SUCCESS | CHANGE | REFUNDCLOSE (v2) */
    refundStatus: wxString(16),
    refundFee: wxAmount,
    totalFee: wxAmount,
    successTime: wxString(32),
  }),
};

export const SWEEPER_JOBS = [
  'repairOrders', 'expireOrders', 'reconcilePayments', 'completeOrders', 'expireMemberships', 'sendRenewalReminders', 'retryRefunds',
  'escalateAfterSales', 'sendDigitalUpdates',
] as const;
export type SweeperJob = (typeof SWEEPER_JOBS)[number];

export const sweeperActions = {
  tick: v.strictObject({
    jobs: v.optional(
      v.pipe(v.array(v.picklist(SWEEPER_JOBS)), v.minLength(1), v.check((js) => new Set(js).size === js.length, 'jobs must be distinct')),
      [...SWEEPER_JOBS],
    ),
    triggerName: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.name))),
    time: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.name))),
  }),
};

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export type Routed = { action: string; payload: unknown } | null;

/** Every pay callback is the one action `notify`; the event itself is the payload. */
export function routePayNotify(event: unknown): Routed {
  return { action: 'notify', payload: event };
}

/** The refund result may arrive flat or nested under `reqInfo` (§3.4): flatten, nested fields winning. */
export function routeRefundNotify(event: unknown): Routed {
  if (isRecord(event) && isRecord(event.reqInfo)) {
    const { reqInfo, ...rest } = event;
    return { action: 'notify', payload: { ...rest, ...reqInfo } };
  }
  return { action: 'notify', payload: event };
}

/** A timer event `{Type: 'Timer', TriggerName, Time}` (§5.1) is a tick of every job; `{action:'tick', payload}` runs chosen jobs. */
export function routeSweeper(event: unknown): Routed {
  if (isRecord(event) && event.Type === 'Timer') {
    const payload: Record<string, unknown> = {};
    if (typeof event.TriggerName === 'string') payload.triggerName = event.TriggerName;
    if (typeof event.Time === 'string') payload.time = event.Time;
    return { action: 'tick', payload };
  }
  return null;
}

/**
 * The `wxa_media_check` message push (security.mediaCheckAsync's verdict, §7a): loose, since WeChat may
 * add fields. v2 carries `result.suggest`, v1 `isrisky`. Only a trace_id on record counts.
 */
export const mediaCheckActions = {
  verdict: v.looseObject({
    Event: v.literal('wxa_media_check'),
    trace_id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
    result: v.optional(v.looseObject({ suggest: v.optional(v.picklist(['pass', 'review', 'risky'])), label: v.optional(v.number()) })),
    isrisky: v.optional(v.number()),
  }),
};

/** Every push to this function is the one action `verdict`; the event itself is the payload. */
export function routeMediaCheck(event: unknown): Routed {
  return isRecord(event) && 'action' in event ? null : { action: 'verdict', payload: event };
}

export interface MediaCheckResponses {
  verdict: { traceId: string; applied: boolean };
}

export interface PayNotifyResponses {
  notify: NotifyReply;
}
export interface RefundNotifyResponses {
  notify: NotifyReply;
}
export interface SweeperResponses {
  tick: SweeperReport;
}
