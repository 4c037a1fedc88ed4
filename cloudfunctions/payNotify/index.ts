// payNotify: WeChat Pay's pay results (docs/wechat-contracts.md §3.3). A notify handler, not createHandler:
// WeChat needs exactly `{errcode: 0, errmsg}` back (anything else is retried for two days, §7.1), so
// the reply is the NotifyReply itself, never a `{ok, data}` envelope.
import { createNotifyHandler } from '../../server/handler';
import { handlePayNotify } from '../../server/payments/notify';

export const main = createNotifyHandler(handlePayNotify);
