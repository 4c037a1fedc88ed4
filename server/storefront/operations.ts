// storefront (buyer reads, core/contracts/storefront.ts).
import type { OperationMap } from '../handler';
import { home } from './home';
import { product } from './product';
import { products } from './shelf';
import { search } from './search';

export const storefrontOperations: OperationMap<'storefront'> = { home, product, products, search };
