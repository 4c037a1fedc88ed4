// shopAdmin: every operation on a shop from its back office — the catalogue (server/catalogue), the orders
// (server/owner-orders) and the staff (server/staff). Each operation checks the caller's role itself
// (core/roles.ts via store/shops.ts shopAccess: NOT_SHOP_OWNER, FORBIDDEN_ROLE).
import { parseRequest } from '../../core/contracts/parse';
import { catalogueOperations } from '../../server/catalogue/operations';
import { createHandler, type OperationMap } from '../../server/handler';
import { ownerOrderOperations } from '../../server/owner-orders/operations';
import { staffOperations } from '../../server/staff/operations';
import { ownerAfterSaleOperations } from '../../server/aftersale/operations';
import { ownerCouponOperations } from '../../server/coupons/operations';

export const main = createHandler({
  parse: (event) => parseRequest('shopAdmin', event),
  operations: { ...catalogueOperations, ...ownerOrderOperations, ...staffOperations, ...ownerAfterSaleOperations, ...ownerCouponOperations } satisfies OperationMap<'shopAdmin'>,
});
