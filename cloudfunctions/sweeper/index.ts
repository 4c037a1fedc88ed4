// sweeper: the every-minute timer (docs/wechat-contracts.md §5.1; SOURCE wx_trigger, no OPENID). A timer event
// runs every job; `{action: 'tick', payload: {jobs}}` from the timer source runs chosen ones.
import { parseRequest } from '../../core/contracts/parse';
import { createHandler } from '../../server/handler';
import { tick } from '../../server/sweeper/tick';

export const main = createHandler({
  parse: (event) => parseRequest('sweeper', event),
  operations: { tick },
  sources: ['wx_trigger'],
  requireUser: false,
});
