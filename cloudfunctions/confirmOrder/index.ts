// confirmOrder (确认订单): `quote` recomputes the cart on the server; `place` reserves stock,
// creates the order and its Cloud Pay order. The buyer is getWXContext().OPENID, never the event.
import { parseRequest } from '../../core/contracts/parse';
import { createHandler } from '../../server/handler';
import { confirmOrderOperations } from '../../server/checkout/operations';

export const main = createHandler({
  parse: (event) => parseRequest('confirmOrder', event),
  operations: confirmOrderOperations,
});
