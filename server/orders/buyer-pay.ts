// orders.repay and orders.confirmPaid (docs/product.md §11–12).
// repay: pay an unpaid order again before its payment window closes — the same Cloud Pay order (v2
// re-entry with identical parameters), or, when that order can no longer be used, a new outTradeNo
// (ids.ts outTradeNo attempt + 1) after closing the old one (docs/wechat-contracts.md §3.4 "close unpaid orders before
// re-issuing with a new outTradeNo").
// confirmPaid: "I have paid" after wx.requestPayment returns. The client is never trusted: the server
// asks Cloud Pay and applies what it answers (§7.2 "前端回调不保证绝对可靠").
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { ConfirmPaidResult, RepayResult } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import { outTradeNo as makeOutTradeNo, parseOutTradeNo } from '../../core/ids';
import type { OrderDoc, RequestPaymentParams } from '../../core/model';
import type { OperationContext } from '../handler';
import type { Database } from '../wechat/sdk';
import { updatedCount } from '../store/db';
import { loadShop } from '../store/shops';
import { savePaymentParams } from '../store/payments/prepay';
import { channelOf } from '../wechat/pay-channel';
import { prepay } from '../store/payments/prepay';
import { applyPayment } from '../store/payments/apply';
import { verifyPayment } from '../store/payments/verify';
import { buyerOrder } from '../store/read';
import { loadOrder } from '../store/orders';

export async function repay(p: Payload<'orders', 'repay'>, ctx: OperationContext): Promise<Result<RepayResult>> {
  const { db, now } = ctx;
  const found = await buyerOrder(db, p.orderId, ctx.openid);
  if (!found.ok) return found;
  const order = found.data;
  if (order.status !== 'unpaid' || !order.payment) return fail('ORDER_NOT_PAYABLE', { status: order.status, paymentMethod: order.paymentMethod });
  if (now >= order.payment.payExpiresAt) return fail('ORDER_EXPIRED', { payExpiresAt: order.payment.payExpiresAt });
  if (order.hasVirtual && p.clientPlatform === 'ios') return fail('VIRTUAL_GOODS_IOS');
  const shop = await loadShop(db, order.shopId);
  const shopName = shop?.name ?? '';

  const again = await prepay(order, shopName);
  if (again.ok) {
    if (JSON.stringify(again.data) !== JSON.stringify(order.payment.params)) await savePaymentParams(db, order, again.data);
    return ok({ orderId: order._id, payment: again.data, expiresAt: order.expiresAt });
  }
  if (again.details?.paid === true) return paidMeanwhile(ctx, order);
  if (again.details?.reissue !== true && again.details?.closed !== true) return again;
  return reissue(ctx, order, shopName);
}

/** Close the old Cloud Pay order, then open one under the next outTradeNo and move the order onto it. */
async function reissue(ctx: OperationContext, order: OrderDoc, shopName: string): Promise<Result<RepayResult>> {
  const { db } = ctx;
  const payment = order.payment!;
  const closed = await channelOf(payment).close(payment.subMchId, order.outTradeNo);
  if (!closed.ok) return fail('INTERNAL_ERROR', { retryable: true, detail: closed.message });
  if (closed.data === 'paid') return paidMeanwhile(ctx, order);
  const attempt = (parseOutTradeNo(order.outTradeNo)?.attempt ?? 0) + 1;
  const next = makeOutTradeNo(order._id, attempt);
  const params = await prepay(order, shopName, next);
  if (!params.ok) return params;
  const moved = await moveToOutTradeNo(db, order, next, params.data, ctx.now);
  if (!moved) {
    // A concurrent repay re-issued first. It used the same next number (prepay with the same parameters
    // answers the same prepay), so its answer is ours too; closing `next` here would close the trade the
    // winner just handed its buyer. Only a trade the order does not use is closed.
    const now = await loadOrder(db, order._id);
    if (now?.status === 'unpaid' && now.outTradeNo === next && now.payment?.params) {
      return ok({ orderId: order._id, payment: now.payment.params, expiresAt: now.expiresAt });
    }
    if (now?.outTradeNo !== next) await channelOf(payment).close(payment.subMchId, next);
    return fail('INVALID_TRANSITION', { reason: 'changed concurrently' });
  }
  return ok({ orderId: order._id, payment: params.data, expiresAt: order.expiresAt });
}

async function moveToOutTradeNo(db: Database, order: OrderDoc, next: string, params: RequestPaymentParams, now: number): Promise<boolean> {
  const _ = db.command;
  const res = await db.collection(COLLECTIONS.orders)
    .where({ _id: order._id, status: 'unpaid', outTradeNo: order.outTradeNo })
    .update({ data: { outTradeNo: next, 'payment.params': _.set(params), updatedAt: now } });
  return updatedCount(res) === 1;
}

/** Cloud Pay says the order was paid after all: apply it, and tell the buyer there is nothing to pay. */
async function paidMeanwhile(ctx: OperationContext, order: OrderDoc): Promise<Result<never>> {
  const verified = await verifyPayment(order, order.outTradeNo);
  if (verified.ok) {
    const applied = await applyPayment(ctx.db, order, verified.payment, 'query', ctx.now);
    return fail('ORDER_NOT_PAYABLE', { status: applied.order.status, paid: true });
  }
  return fail('ORDER_NOT_PAYABLE', { status: order.status, detail: verified.detail });
}

export async function confirmPaid(p: Payload<'orders', 'confirmPaid'>, ctx: OperationContext): Promise<Result<ConfirmPaidResult>> {
  const found = await buyerOrder(ctx.db, p.orderId, ctx.openid);
  if (!found.ok) return found;
  const order = found.data;
  // Only an order whose money has not been seen can change by asking: unpaid, or cancelled with no payment
  // (a payment that landed after the cancel is found here too).
  const askable = order.payment !== null && order.payment.transactionId === null && (order.status === 'unpaid' || order.status === 'cancelled');
  if (!askable) return ok({ orderId: order._id, status: order.status, paid: order.paidFen > 0 });
  const verified = await verifyPayment(order, order.outTradeNo);
  if (verified.ok) {
    const applied = await applyPayment(ctx.db, order, verified.payment, 'query', ctx.now);
    if (applied.verdict === 'transient') return fail('INTERNAL_ERROR', { retryable: true, detail: applied.detail });
    return ok({ orderId: order._id, status: applied.order.status, paid: true });
  }
  if (order.status === 'cancelled') return ok({ orderId: order._id, status: order.status, paid: false });
  switch (verified.verdict) {
    case 'transient':
      return fail('INTERNAL_ERROR', { retryable: true, detail: verified.detail });
    case 'amount_mismatch':
      return fail('AMOUNT_MISMATCH', { detail: verified.detail });
    case 'merchant_mismatch':
      return fail('MERCHANT_MISMATCH', { detail: verified.detail });
    default:
      if (verified.tradeState === 'NOTPAY' || verified.tradeState === 'USERPAYING' || verified.tradeState === undefined) {
        return fail('PAYMENT_PENDING', { tradeState: verified.tradeState ?? null });
      }
      return fail('PAYMENT_FAILED', { tradeState: verified.tradeState });
  }
}
