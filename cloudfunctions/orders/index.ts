// orders: the buyer's orders (docs/product.md §12) — list, detail with timeline, cancel, repay,
// "I have paid", confirm receipt, digital download. The buyer is getWXContext().OPENID only.
import { parseRequest } from '../../core/contracts/parse';
import { createHandler, type OperationMap } from '../../server/handler';
import { downloadOperation } from '../../server/downloads/download';
import { buyerOrderOperations } from '../../server/orders/buyer-operations';
import { buyerAfterSaleOperations } from '../../server/aftersale/operations';
import { buyerCouponOperations } from '../../server/coupons/operations';

export const main = createHandler({
  parse: (event) => parseRequest('orders', event),
  operations: { ...buyerOrderOperations, ...buyerAfterSaleOperations, ...buyerCouponOperations, download: downloadOperation } satisfies OperationMap<'orders'>,
});
