// The one payment-channel interface the store uses (docs/wechat-contracts.md §3, §4): prepay → the
// client's requestPayment parameters, query, close, refund, refund query. Two adapters sit behind it —
// Cloud Pay (cloudpay.ts) and WeChat Pay APIv3 in its service-provider and direct modes (wxpay-v3/) —
// and an order records its channel when it is placed (OrderPayment.channel), so every later step
// (notify, confirmPaid, reconciliation, expiry, refunds) asks the same channel and never guesses.
// Notifies differ by nature: Cloud Pay's arrive at payNotify with SOURCE wx_paycallback, v3's through
// the HTTP access service at payNotifyV3 (wxpay-v3/notify.ts verifies and decrypts them).
import type { OrderPayment, PayChannelKind, RequestPaymentParams } from '../../core/model';
import { formatPayTime } from '../../core/time';
import * as cloudpay from './cloudpay';
import type { CloseOutcome, PayResult, QueryOrderReply, RefundReply, RefundStatusReply } from './cloudpay';
import { v3Channel } from './wxpay-v3/channel';

export type { CloseOutcome, PayFailure, PayResult, QueryOrderReply, RefundReply, RefundStatusReply, TradeState } from './cloudpay';
export { isTransient } from './cloudpay';

export interface PrepayInput {
  /** The merchant paid into: Cloud Pay sub_mch_id, v3 sub_mchid, or the direct merchant's mchid. */
  merchantId: string;
  outTradeNo: string;
  /** Integer fen. */
  total: number;
  description: string;
  /** The payment deadline (before the stock reservation ends). */
  expiresAt: number;
  /** The buyer: Cloud Pay takes the invocation's OPENID (§3.2), v3 needs it in payer (§4.1). */
  payerOpenid: string;
  /** Cloud Pay's envId (§3.2). */
  envId: string;
}

export interface PrepayReply {
  prepayId: string;
  payment: RequestPaymentParams;
}

export interface ChannelRefundInput {
  merchantId: string;
  outTradeNo: string;
  outRefundNo: string;
  /** The order's paid total. */
  total: number;
  refund: number;
  reason: string;
  envId: string;
}

export interface PayChannel {
  readonly kind: PayChannelKind;
  /** The appid a payment must be for, when the channel reports one (v3); null for Cloud Pay. */
  expectedAppid(): string | null;
  prepay(input: PrepayInput): Promise<PayResult<PrepayReply>>;
  query(merchantId: string, outTradeNo: string): Promise<PayResult<QueryOrderReply>>;
  close(merchantId: string, outTradeNo: string): Promise<PayResult<CloseOutcome>>;
  refund(input: ChannelRefundInput): Promise<PayResult<RefundReply>>;
  queryRefund(merchantId: string, outRefundNo: string): Promise<PayResult<RefundStatusReply>>;
}

/** The functions WeChat Pay calls back through Cloud Pay (§3.3, §3.4). */
export const PAY_NOTIFY_FUNCTION = 'payNotify';
export const REFUND_NOTIFY_FUNCTION = 'refundNotify';

const cloudPayChannel: PayChannel = {
  kind: 'cloudpay',
  expectedAppid: () => null,
  prepay: (i) => cloudpay.unifiedOrder({
    subMchId: i.merchantId, outTradeNo: i.outTradeNo, totalFee: i.total, body: i.description,
    timeExpire: formatPayTime(i.expiresAt), functionName: PAY_NOTIFY_FUNCTION, envId: i.envId,
  }),
  query: (m, no) => cloudpay.queryOrder(m, no),
  close: (m, no) => cloudpay.closeOrder(m, no),
  refund: (i) => cloudpay.refund({
    subMchId: i.merchantId, outTradeNo: i.outTradeNo, outRefundNo: i.outRefundNo, totalFee: i.total, refundFee: i.refund,
    refundDesc: i.reason, functionName: REFUND_NOTIFY_FUNCTION, envId: i.envId,
  }),
  queryRefund: (m, no) => cloudpay.queryRefund(m, no),
};

const channels: Record<PayChannelKind, PayChannel> = {
  cloudpay: cloudPayChannel,
  'v3-partner': v3Channel('v3-partner'),
  'v3-direct': v3Channel('v3-direct'),
};

export function payChannel(kind: PayChannelKind | null | undefined): PayChannel {
  return channels[kind ?? 'cloudpay'] ?? cloudPayChannel;
}

/** The channel an order was placed on; orders from before channels existed are Cloud Pay's. */
export function channelOf(payment: Pick<OrderPayment, 'channel'> | null | undefined): PayChannel {
  return payChannel(payment?.channel);
}
