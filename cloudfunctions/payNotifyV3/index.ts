// payNotifyV3: WeChat Pay APIv3 pay and refund notifies (docs/wechat-contracts.md §4.4), reached through
// the HTTP access service at the path WXPAY_NOTIFY_URL names (§4.6). The answer is an integration
// response: 204 when handled, 4xx/5xx with {code, message} when WeChat Pay should not (or should) retry.
// Its environment variables hold the v3 keys (server/wechat/wxpay-v3/config.ts).
import { createHttpNotifyHandler } from '../../server/handler';
import { handleV3Notify } from '../../server/payments/notify-v3';

export const main = createHttpNotifyHandler(handleV3Notify);
