// payNotify (docs/wechat-contracts.md §3.3, §7.1–7.4; docs/style.md §7): authenticate (SOURCE === 'wx_paycallback'
// exactly — any client can call any function), find the order, re-query Cloud Pay, compare amount and
// merchant, apply one idempotent guarded update, answer `{errcode: 0}`. Everything handled is answered
// 0 — duplicates, forgeries and mismatches included (a retry cannot change them); only a transient
// failure (Cloud Pay or the database unreachable) answers non-zero so WeChat retries.
// Forged, invalid and mismatching notifies are recorded in notify_log and change nothing else; an
// applied one is recorded by its payment document (payments, `_id` = transactionId).
import { parseRequest } from '../../core/contracts/parse';
import type { NotifyReply } from '../../core/contracts/views';
import { parseOutTradeNo } from '../../core/ids';
import type { NotifyVerdict } from '../../core/model';
import type { Database } from '../wechat/sdk';
import type { OperationContext } from '../handler';
import { loadOrder } from '../store/orders';
import { applyPayment } from '../store/payments/apply';
import { recordNotify } from '../store/payments/records';
import { verifyPayment } from '../store/payments/verify';

export const PAY_CALLBACK_SOURCE = 'wx_paycallback';

const ACK: NotifyReply = { errcode: 0, errmsg: 'OK' };
/** Non-zero: "异常时支付回调会持续重试" (docs/wechat-contracts.md §3.3). */
const RETRY: NotifyReply = { errcode: 1, errmsg: 'temporarily unavailable, retry' };

const field = (event: unknown, key: string): unknown =>
  typeof event === 'object' && event !== null ? (event as Record<string, unknown>)[key] : undefined;
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v.slice(0, 64) : null);

export async function handlePayNotify(event: unknown, { caller: who, db, now }: OperationContext): Promise<NotifyReply> {
  const record = (verdict: NotifyVerdict, detail: string, orderId: string | null = null, transactionId: string | null = null) =>
    recordNotify(db, {
      source: who.source, verdict, detail, orderId, event, now,
      outTradeNo: text(field(event, 'outTradeNo')),
      transactionId: transactionId ?? text(field(event, 'transactionId')),
    });
  try {
    if (who.source !== PAY_CALLBACK_SOURCE) {
      await record('forged_source', `SOURCE ${who.source || '(none)'} is not ${PAY_CALLBACK_SOURCE}`);
      return { errcode: 0, errmsg: 'ignored' };
    }
    return await handleGenuine(db, event, record, now);
  } catch (err) {
    console.error('[payNotify] transient failure', err);
    await record('transient', String((err as Error)?.message ?? err)).catch(() => undefined);
    return RETRY;
  }
}

type Recorder = (verdict: NotifyVerdict, detail: string, orderId?: string | null, transactionId?: string | null) => Promise<void>;

async function handleGenuine(db: Database, event: unknown, record: Recorder, now: number): Promise<NotifyReply> {
  const parsed = parseRequest('payNotify', event);
  if (!parsed.ok) {
    await record('invalid', `${parsed.code} ${JSON.stringify(parsed.details ?? {})}`);
    return ACK;
  }
  const n = parsed.data.payload;
  const ref = parseOutTradeNo(n.outTradeNo);
  const order = ref ? await loadOrder(db, ref.orderId) : null;
  if (!order) {
    await record('not_found', `no order for outTradeNo ${n.outTradeNo}`);
    return ACK;
  }
  // Cheap checks on what the notify itself claims, before asking Cloud Pay.
  if (n.subMchId !== undefined && n.subMchId !== order.payment?.subMchId) {
    await record('merchant_mismatch', `notify for merchant ${n.subMchId}, order is ${String(order.payment?.subMchId)}`, order._id);
    return ACK;
  }
  if (n.totalFee !== undefined && n.totalFee !== order.total) {
    await record('amount_mismatch', `notify says ${n.totalFee}, order total ${order.total}`, order._id);
    return ACK;
  }
  const verified = await verifyPayment(order, n.outTradeNo);
  if (!verified.ok) {
    await record(verified.verdict, verified.detail, order._id);
    return verified.verdict === 'transient' ? RETRY : ACK;
  }
  const applied = await applyPayment(db, order, verified.payment, 'notify', now);
  if (applied.verdict === 'applied') return ACK;
  const verdict = applied.verdict === 'late_claimed' ? 'transient' : applied.verdict;
  await record(verdict, applied.detail ?? `order ${applied.order.status}`, order._id, verified.payment.transactionId);
  return verdict === 'transient' ? RETRY : ACK;
}
