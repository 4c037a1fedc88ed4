// Starting a refund (WECHAT-CONTRACTS §3.4): a refund document with a deterministic outRefundNo,
// then cloudPay.refund with functionName 'refundNotify'. A full refund moves the order to refunding.
import { fail, type Result } from '../../core/errors';
import type { Fen } from '../../core/money';
import type { OrderDoc } from '../../core/model';
import type { Actor } from '../../core/order-state';
import type { RefundStarted } from '../../core/contracts/views';
import type { Database } from '../sdk';

export interface StartRefundInput {
  order: OrderDoc;
  lines?: { lineNo: number; quantity: number }[];
  amount?: Fen;
  full?: boolean;
  reason: string;
  actor: Actor;
  by: string | null;
  now: number;
}

export async function startRefund(db: Database, input: StartRefundInput): Promise<Result<RefundStarted>> {
  void db; void input;
  return fail('REFUND_FAILED', { reason: 'not implemented yet' });
}
