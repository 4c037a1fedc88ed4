// The WeChat Pay order behind an unpaid order, on the channel the order was placed on (Cloud Pay docs/wechat-contracts.md §3.2,
// APIv3 §4.1 — wechat/pay-channel.ts). Its parameters are derived from the order alone, so asking again
// (a replayed `place`, `repay`) is "order re-entry" with identical parameters and gets the same prepay
// back; a re-issued payment after a close uses the next outTradeNo.
import { COLLECTIONS } from '../../../core/collections';
import { payBody } from '../../../core/checkout';
import { fail, ok, type Result } from '../../../core/errors';
import type { OrderDoc, RequestPaymentParams } from '../../../core/model';
import { sdk, type Database } from '../../wechat/sdk';
import { channelOf } from '../../wechat/pay-channel';

export { PAY_NOTIFY_FUNCTION } from '../../wechat/pay-channel';

/** The real env id of the running function (§3.2: envId must be the full env id, §7.9). */
export function currentEnvId(): string {
  const env = (sdk().getWXContext() as Record<string, unknown>).ENV;
  return typeof env === 'string' ? env : String(env ?? '');
}

/**
 * unifiedOrder for `order` under `outTradeNo`. Must run in the paying buyer's invocation: the payer is
 * the invocation's OPENID (§3.2). timeExpire is the order's payExpiresAt, before its reservation ends.
 */
export async function prepay(order: OrderDoc, shopName: string, outTradeNo: string = order.outTradeNo): Promise<Result<RequestPaymentParams>> {
  if (!order.payment) return fail('ORDER_NOT_PAYABLE', { reason: 'pay on pickup' });
  const r = await channelOf(order.payment).prepay({
    merchantId: order.payment.subMchId,
    outTradeNo,
    total: order.total,
    description: payBody(shopName, order.lines.map((l) => l.name), order.itemCount),
    expiresAt: order.payment.payExpiresAt,
    payerOpenid: order.buyerOpenid,
    envId: currentEnvId(),
  });
  if (r.ok) return ok(r.data.payment);
  if (r.kind === 'rejected') return fail('MERCHANT_NOT_CONFIGURED', { cloudPay: r.message });
  const text = `${String(r.errCode ?? '')} ${r.message}`;
  if (r.kind === 'business' && /ORDERPAID|已支付/.test(text)) {
    return fail('ORDER_NOT_PAYABLE', { cloudPay: r.message, paid: true });
  }
  if (r.kind === 'business' && /ORDERCLOSED|ORDER_CLOSED|已关闭/.test(text)) {
    return fail('ORDER_NOT_PAYABLE', { cloudPay: r.message, closed: true });
  }
  // v2 "201 商户订单号重复" / v3 OUT_TRADE_NO_USED: the parameters changed (e.g. the shop was renamed);
  // only a new outTradeNo helps.
  if (r.kind === 'business' && (/201|订单号重复/.test(r.message) || /OUT_TRADE_NO_USED/.test(text))) return fail('PAYMENT_FAILED', { cloudPay: r.message, reissue: true });
  if (r.kind === 'business' && /time_expire/.test(r.message)) return fail('ORDER_EXPIRED', { cloudPay: r.message });
  return fail('PAYMENT_FAILED', { cloudPay: r.message, kind: r.kind, retryable: r.kind === 'error' });
}

/** The payment parameters the buyer pays with, kept while the order is unpaid (a repeat answers them again). */
export async function savePaymentParams(db: Database, order: OrderDoc, params: NonNullable<NonNullable<OrderDoc['payment']>['params']>): Promise<void> {
  const _ = db.command;
  await db.collection(COLLECTIONS.orders)
    .where({ _id: order._id, status: 'unpaid' })
    .update({ data: { 'payment.params': _.set(params) } });
}
