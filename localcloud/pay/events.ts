// The events WeChat Pay hands to the notify functions, camelCased as Cloud Pay delivers them.
import type { Refund, Trade } from './trades';
import { PLATFORM, chinaDateTime, chinaStamp, nonce, platformOpenid } from './wire';

/**
 * docs/wechat-contracts.md §3.3 pay result: the official sample's fields. `subOpenid` is the payer under the mini-program;
 * `openid`, `appid`, `mchId` are the platform's — a handler that keys on `openid` finds no user here.
 */
export function payNotifyEvent(trade: Trade): Record<string, unknown> {
  return {
    returnCode: 'SUCCESS', appid: PLATFORM.appid, mchId: PLATFORM.mchId, subAppid: trade.subAppid,
    subMchId: trade.subMchId, nonceStr: nonce(), resultCode: 'SUCCESS', openid: platformOpenid(trade.payer),
    isSubscribe: 'N', subOpenid: trade.payer, subIsSubscribe: 'N', tradeType: 'JSAPI', bankType: trade.bankType ?? 'OTHERS',
    totalFee: trade.totalFee, feeType: 'CNY', cashFee: trade.totalFee, transactionId: trade.transactionId,
    outTradeNo: trade.outTradeNo, timeEnd: chinaStamp(trade.paidAt ?? trade.createdAt),
    ...(trade.attach === undefined ? {} : { attach: trade.attach }),
  };
}

export type RefundForm = 'flat' | 'reqInfo';

/**
 * §3.4: the refund result. Its shape for cloud functions is not documented: the v2 plaintext fields
 * camelCased, either at the top level (`flat`) or nested under `reqInfo` as v2's decrypted `req_info`
 * [INF]. Handlers must accept both; the sandbox can send either. No `attach` (official answer).
 */
export function refundNotifyEvent(trade: Trade, r: Refund, form: RefundForm): Record<string, unknown> {
  const info = {
    transactionId: trade.transactionId, outTradeNo: trade.outTradeNo, refundId: r.refundId, outRefundNo: r.outRefundNo,
    totalFee: trade.totalFee, settlementTotalFee: trade.totalFee, refundFee: r.refundFee, settlementRefundFee: r.refundFee,
    refundStatus: r.status, successTime: r.successAt === undefined ? undefined : chinaDateTime(r.successAt),
    refundRecvAccout: '支付用户的零钱', refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS', refundRequestSource: 'API',
  };
  const head = {
    returnCode: 'SUCCESS', appid: PLATFORM.appid, mchId: PLATFORM.mchId, subAppid: trade.subAppid,
    subMchId: trade.subMchId, nonceStr: nonce(),
  };
  return form === 'reqInfo' ? { ...head, reqInfo: info } : { ...head, ...info };
}
