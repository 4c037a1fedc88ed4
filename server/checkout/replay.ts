// Idempotent checkout (docs/style.md §8): the checkout lock (store/checkouts.ts) means a double tap
// cannot create two orders. The same requestId again returns the same order and payment; with another
// cart it is IDEMPOTENCY_MISMATCH; after a first request that died before its order, it places afresh.
import type { PlaceResult } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import type { OrderDoc } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { loadOrder } from '../store/orders';
import { findCheckout, repairCheckout } from '../store/checkouts';
import { loadShop } from '../store/shops';
import { prepay, savePaymentParams } from '../store/payments/prepay';

/** How long a replay waits for the first request, still reserving, to write its order. */
const WAIT_FOR_ORDER_MS = 4000;
const POLL_MS = 100;

export type Replay = { kind: 'none' } | { kind: 'result'; result: Result<PlaceResult> };

/**
 * What an earlier `place` with this requestId did. `none`: there was none (or it gave up), place afresh.
 * A first request still between its lock and its order is waited for (it only reserves stock meanwhile).
 */
export async function replay(db: Database, buyerOpenid: string, requestId: string, fingerprint: string): Promise<Replay> {
  const started = Date.now();
  for (;;) {
    const checkout = await findCheckout(db, buyerOpenid, requestId);
    if (!checkout) return { kind: 'none' };
    if (checkout.fingerprint !== fingerprint) return { kind: 'result', result: fail('IDEMPOTENCY_MISMATCH', { orderId: checkout.orderId }) };
    const order = await loadOrder(db, checkout.orderId);
    if (order) return { kind: 'result', result: await replayedResult(db, order) };
    // The first request died between its lock and its order: undo what it held, then place afresh.
    if (await repairCheckout(db, checkout, Date.now())) return { kind: 'none' };
    if (Date.now() - started > WAIT_FOR_ORDER_MS) return { kind: 'result', result: fail('PAYMENT_PENDING', { orderId: checkout.orderId }) };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The same order and payment; a payment that could not be requested the first time is requested now. */
async function replayedResult(db: Database, order: OrderDoc): Promise<Result<PlaceResult>> {
  if (order.status === 'unpaid' && order.paymentMethod === 'wechat' && order.payment && order.payment.params === null) {
    const shop = await loadShop(db, order.shopId);
    const params = await prepay(order, shop?.name ?? '');
    if (!params.ok) return { ...params, details: { ...params.details, orderId: order._id } };
    await savePaymentParams(db, order, params.data);
    return ok(placeResult({ ...order, payment: { ...order.payment, params: params.data } }, true));
  }
  if (order.status === 'cancelled' && order.paidFen === 0) return fail('ORDER_NOT_PAYABLE', { orderId: order._id, status: order.status });
  return ok(placeResult(order, true));
}

export function placeResult(order: OrderDoc, replayed: boolean): PlaceResult {
  return {
    orderId: order._id,
    outTradeNo: order.outTradeNo,
    total: order.total,
    paymentMethod: order.paymentMethod,
    payment: order.status === 'unpaid' ? (order.payment?.params ?? null) : null,
    expiresAt: order.expiresAt,
    replayed,
  };
}
