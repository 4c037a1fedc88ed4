// confirmOrder's operations (core/contracts/confirm-order.ts).
import type { OperationMap } from '../handler';
import { placeOperation } from './place';
import { quoteOperation } from './quote';

export const confirmOrderOperations: OperationMap<'confirmOrder'> = {
  quote: quoteOperation,
  place: placeOperation,
};
