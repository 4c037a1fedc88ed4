// shopAdmin: every owner operation on a shop — the catalogue half (server/catalogue) and the order half
// (server/owner-orders). Each operation checks ownership itself (NOT_SHOP_OWNER).
import { parseRequest } from '../../core/contracts/parse';
import { catalogueOperations } from '../../server/catalogue/operations';
import { createHandler, type OperationMap } from '../../server/handler';
import { ownerOrderOperations } from '../../server/owner-orders/operations';
import { ownerAfterSaleOperations } from '../../server/aftersale/operations';

export const main = createHandler({
  parse: (event) => parseRequest('shopAdmin', event),
  operations: { ...catalogueOperations, ...ownerOrderOperations, ...ownerAfterSaleOperations } satisfies OperationMap<'shopAdmin'>,
});
