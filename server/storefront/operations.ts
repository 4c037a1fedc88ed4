// storefront (buyer reads, core/contracts/storefront.ts).
import type { Payload } from '../../core/contracts/registry';
import type { StorefrontResponses } from '../../core/contracts/storefront';
import type { Result } from '../../core/errors';
import type { OperationContext } from '../handler';
import { home } from './home';
import { product } from './product';

type StorefrontOperations = {
  [A in keyof StorefrontResponses]: (payload: Payload<'storefront', A>, ctx: OperationContext) => Promise<Result<StorefrontResponses[A]>>;
};

export const storefrontOperations: StorefrontOperations = { home, product };
