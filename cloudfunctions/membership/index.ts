// membership: a buyer's memberships across shops, and the owner's members, gifts and revocations
// (core/contracts/membership.ts).
import { parseRequest } from '../../core/contracts/parse';
import { createHandler } from '../../server/handler';
import { membershipOperations } from '../../server/memberships/operations';

export const main = createHandler({
  parse: (event) => parseRequest('membership', event),
  operations: membershipOperations,
});
