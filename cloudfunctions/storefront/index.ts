// storefront: what a buyer reads — the shop page in one call and a product's detail
// (core/contracts/storefront.ts). Read-only: it never writes to the database.
import { parseRequest } from '../../core/contracts/parse';
import { createHandler, type Operation } from '../../server/handler';
import { storefrontOperations } from '../../server/storefront/operations';

export const main = createHandler({
  parse: (event) => parseRequest('storefront', event),
  operations: storefrontOperations as Record<string, Operation>,
});
