// storefront (buyer reads, core/contracts/storefront.ts).
import type { OperationMap } from '../handler';
import { home } from './home';
import { product } from './product';

export const storefrontOperations: OperationMap<'storefront'> = { home, product };
