// The sandbox's ledger: trades and their refunds, with the v2 trade states (docs/wechat-contracts.md §3.4).
// Pure data plus lookups; the API handlers (api.ts, refunds.ts) decide the transitions.

export type TradeState = 'NOTPAY' | 'USERPAYING' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'PAYERROR' | 'REVOKED';
export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'REFUNDCLOSE' | 'CHANGE';

/** v2 `trade_state_desc` texts. */
export const TRADE_STATE_DESC: Record<TradeState, string> = {
  NOTPAY: '订单未支付',
  USERPAYING: '用户支付中，需要输入密码',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REFUND: '转入退款',
  PAYERROR: '支付失败(其他原因，如银行返回失败)',
  REVOKED: '已撤销',
};

export interface Refund {
  outRefundNo: string;
  refundId: string;
  refundFee: number;
  /** The order total the refund request named (must equal the trade's). */
  totalFee: number;
  status: RefundStatus;
  refundDesc?: string;
  /** Where the refund result goes (refund `functionName`/`envId`, §3.4); none → no notify. */
  functionName?: string;
  createdAt: number;
  successAt?: number;
}

export interface Trade {
  outTradeNo: string;
  subMchId: string;
  subAppid: string;
  prepayId: string;
  /** The payer's openid under the mini-program (`sub_openid`): the invocation's OPENID. */
  payer: string;
  body: string;
  attach?: string;
  totalFee: number;
  functionName: string;
  envId: string;
  /** The business parameters compared when the same outTradeNo comes again. */
  fingerprint: string;
  state: TradeState;
  createdAt: number;
  prepayExpiresAt: number;
  /** `timeExpire`, when given: unpaid after this, the order is closed. */
  expiresAt?: number;
  transactionId?: string;
  paidAt?: number;
  bankType?: string;
  refunds: Refund[];
  /** An APIv3 trade (pay/v3/): `functionName` is then its notify_url, `subMchId` its sub_mchid (partner) or mchid (direct). */
  v3?: { mode: 'direct' | 'partner'; mchid: string; notifyUrl: string };
}

export const PAID_STATES: ReadonlySet<TradeState> = new Set(['SUCCESS', 'REFUND']);

export class TradeBook {
  private trades = new Map<string, Trade>();

  private static key(subMchId: string, outTradeNo: string): string {
    return `${subMchId}\u0000${outTradeNo}`;
  }

  add(trade: Trade): void {
    this.trades.set(TradeBook.key(trade.subMchId, trade.outTradeNo), trade);
  }

  get(subMchId: string, outTradeNo: string): Trade | undefined {
    return this.trades.get(TradeBook.key(subMchId, outTradeNo));
  }

  byTransactionId(subMchId: string, transactionId: string): Trade | undefined {
    return this.all().find((t) => t.subMchId === subMchId && t.transactionId === transactionId);
  }

  byPrepayId(prepayId: string): Trade | undefined {
    return this.all().find((t) => t.prepayId === prepayId);
  }

  /** For the control API, which names trades by outTradeNo alone: the newest such trade. */
  byOutTradeNo(outTradeNo: string): Trade | undefined {
    return this.all().filter((t) => t.outTradeNo === outTradeNo).sort((a, b) => b.createdAt - a.createdAt)[0];
  }

  findRefund(subMchId: string, pick: { refundId?: string; outRefundNo?: string }): { trade: Trade; refund: Refund } | undefined {
    for (const trade of this.all()) {
      if (trade.subMchId !== subMchId) continue;
      const refund = trade.refunds.find((r) => (pick.refundId ? r.refundId === pick.refundId : r.outRefundNo === pick.outRefundNo));
      if (refund) return { trade, refund };
    }
    return undefined;
  }

  /** A refund by outRefundNo across merchants (control API). */
  refundByOutRefundNo(outRefundNo: string): { trade: Trade; refund: Refund } | undefined {
    for (const trade of this.all()) {
      const refund = trade.refunds.find((r) => r.outRefundNo === outRefundNo);
      if (refund) return { trade, refund };
    }
    return undefined;
  }

  all(): Trade[] {
    return [...this.trades.values()];
  }

  clear(): void {
    this.trades.clear();
  }

  load(trades: Trade[]): void {
    this.clear();
    for (const t of trades) this.add(t);
  }
}

/**
 * The state a trade is in at `now`: an unpaid order past its `timeExpire` is closed [INF: v2
 * reports CLOSED for orders that expired unpaid]. Mutates the trade so the change sticks.
 */
export function refreshState(trade: Trade, now: number): TradeState {
  const unpaid = trade.state === 'NOTPAY' || trade.state === 'USERPAYING' || trade.state === 'PAYERROR';
  if (unpaid && trade.expiresAt !== undefined && now >= trade.expiresAt) trade.state = 'CLOSED';
  return trade.state;
}

/** Fen refunded or being refunded (closed refunds give their money back to the pool). */
export function refundedFee(trade: Trade): number {
  return trade.refunds.filter((r) => r.status !== 'REFUNDCLOSE').reduce((sum, r) => sum + r.refundFee, 0);
}
