// refundNotify: WeChat Pay's refund results (WECHAT-CONTRACTS §3.4), flat or under reqInfo (core routes it).
// Only SOURCE wx_paycallback is accepted; every notify handled is answered {errcode: 0}.
import { parseRequest } from '../../core/contracts/parse';
import { createHandler } from '../../server/handler';
import { refundNotifyOperations } from '../../server/refunds/notify';

export const main = createHandler({
  parse: (event) => parseRequest('refundNotify', event),
  operations: refundNotifyOperations,
  sources: ['wx_paycallback'],
  requireUser: false,
});
