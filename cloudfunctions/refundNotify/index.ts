// refundNotify: WeChat Pay's refund results (docs/wechat-contracts.md §3.4), answered `{errcode: 0}` as the
// whole reply (§3.3). The source check, contract and re-query live in server/refunds/notify.ts.
import { createNotifyHandler } from '../../server/handler';
import { handleRefundNotify } from '../../server/refunds/notify';

export const main = createNotifyHandler(handleRefundNotify);
