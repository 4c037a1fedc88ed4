// The sandbox's test-only control routes; they match ControlClient's pay methods (control/client.ts).
import type { Route, RouteContext } from '../http';
import { HttpError, sendJson } from '../http';
import type { PaySandbox, PayAction } from './sandbox';
import { PayRefused } from './sandbox';
import type { NotifyMode } from './notify';

const ACTIONS: PayAction[] = ['pay', 'cancel', 'fail', 'userpaying'];
const MODES: NotifyMode[] = ['deliver', 'delay', 'drop'];

function text(v: unknown, name: string): string {
  if (typeof v !== 'string' || !v) throw new HttpError(400, `${name} must be a non-empty string`);
  return v;
}

function count(v: unknown, name: string, max = 100): number {
  if (v === undefined) return 1;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) throw new HttpError(400, `${name} must be an integer 1..${max}`);
  return v;
}

/** Sandbox refusals become HTTP errors with the buyer-facing message. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof PayRefused) throw new HttpError(err.status, err.message);
    throw err;
  }
}

export function payControlRoutes(pay: PaySandbox): Route[] {
  const body = (ctx: RouteContext) => ctx.json<Record<string, unknown>>();
  return [
    { method: 'GET', path: '/control/merchants', handler: ({ res }) => sendJson(res, 200, { merchants: pay.merchants() }) },
    { method: 'POST', path: '/control/merchants', handler: async (ctx) => {
      const b = await body(ctx);
      const subMchId = text(b.subMchId, 'subMchId');
      if (!/^[0-9A-Za-z_-]{1,32}$/.test(subMchId)) throw new HttpError(400, 'subMchId must be ≤ 32 letters or digits');
      pay.registerMerchant({ subMchId, name: text(b.name, 'name') });
      sendJson(ctx.res, 200, { ok: true });
    } },
    { method: 'POST', path: '/control/pay', handler: async (ctx) => {
      const b = await body(ctx);
      const action = (b.action ?? 'pay') as PayAction;
      if (!ACTIONS.includes(action)) throw new HttpError(400, `action must be one of ${ACTIONS.join(', ')}`);
      const openid = b.openid === undefined ? undefined : text(b.openid, 'openid');
      const { trade, job } = await guarded(() => pay.settle(text(b.prepayId, 'prepayId'), action, openid));
      const first = job ? [...pay.notifier.deliveries].reverse().find((d) => d.kind === 'pay' && d.outTradeNo === trade.outTradeNo && d.trigger === 'first') : undefined;
      sendJson(ctx.res, 200, { ok: true, tradeState: trade.state, transactionId: trade.transactionId, outTradeNo: trade.outTradeNo, notify: first });
    } },
    { method: 'GET', path: '/control/pay/notifies', handler: ({ res, url }) => {
      const outTradeNo = url.searchParams.get('outTradeNo');
      const deliveries = pay.notifier.deliveries.filter((d) => !outTradeNo || d.outTradeNo === outTradeNo);
      sendJson(res, 200, { deliveries });
    } },
    { method: 'POST', path: '/control/pay/notify', handler: async (ctx) => {
      const b = await body(ctx);
      const deliveries = await guarded(() =>
        pay.redeliverPayNotify(text(b.outTradeNo, 'outTradeNo'), count(b.times, 'times'), b.concurrent === true));
      sendJson(ctx.res, 200, { deliveries });
    } },
    { method: 'POST', path: '/control/pay/notify-policy', handler: async (ctx) => {
      const b = await body(ctx);
      const mode = b.mode as NotifyMode;
      if (!MODES.includes(mode)) throw new HttpError(400, `mode must be one of ${MODES.join(', ')}`);
      if (mode === 'delay' && (typeof b.delayMs !== 'number' || b.delayMs < 0)) throw new HttpError(400, 'delay needs delayMs ≥ 0');
      const delayMs = typeof b.delayMs === 'number' ? b.delayMs : undefined;
      pay.notifier.setPolicy({ mode, delayMs }, b.outTradeNo === undefined ? undefined : text(b.outTradeNo, 'outTradeNo'));
      if (b.refundForm === 'flat' || b.refundForm === 'reqInfo') pay.refundForm = b.refundForm;
      sendJson(ctx.res, 200, { ok: true });
    } },
    { method: 'POST', path: '/control/pay/refund-notify', handler: async (ctx) => {
      const b = await body(ctx);
      const form = b.form ?? 'flat';
      if (form !== 'flat' && form !== 'reqInfo') throw new HttpError(400, 'form must be flat or reqInfo');
      const deliveries = await guarded(() => pay.deliverRefundNotify(text(b.outRefundNo, 'outRefundNo'), form, count(b.times, 'times')));
      sendJson(ctx.res, 200, { deliveries });
    } },
    { method: 'GET', path: '/control/pay/trades', handler: ({ res }) => {
      const trades = pay.book.all().map((t) => {
        const job = pay.notifier.find('pay', t.outTradeNo);
        const notify = job && { attempts: job.attempts, acknowledged: job.acknowledged, dropped: job.dropped, nextAt: job.nextAt };
        const { fingerprint: _f, ...rest } = t;
        return { ...rest, notify };
      });
      sendJson(res, 200, { trades });
    } },
  ];
}
