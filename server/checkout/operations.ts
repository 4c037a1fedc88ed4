// confirmOrder's operations (core/contracts/confirm-order.ts).
import type { ConfirmOrderResponses } from '../../core/contracts/confirm-order';
import type { Payload } from '../../core/contracts/registry';
import type { Result } from '../../core/errors';
import type { OperationContext } from '../handler';
import { placeOperation } from './place';
import { quoteOperation } from './quote';

type ConfirmOrderOperations = {
  [A in keyof ConfirmOrderResponses]: (payload: Payload<'confirmOrder', A>, ctx: OperationContext) => Promise<Result<ConfirmOrderResponses[A]>>;
};

export const confirmOrderOperations: ConfirmOrderOperations = {
  quote: quoteOperation,
  place: placeOperation,
};
