// The `orders` function's operations (core/contracts/orders.ts): the buyer's own orders. `download` is
// the digital-goods operation of server/downloads.
import type { OrdersResponses } from '../../core/contracts/orders';
import type { Payload } from '../../core/contracts/registry';
import type { Result } from '../../core/errors';
import type { OperationContext } from '../handler';
import { downloadOperation } from '../downloads/download';
import { cancelOrder } from './buyer-cancel';
import { confirmPaid, repay } from './buyer-pay';
import { listOrders, orderDetail } from './buyer-read';
import { confirmReceipt } from './buyer-receipt';

type BuyerOrderOperations = {
  [A in keyof OrdersResponses]: (payload: Payload<'orders', A>, ctx: OperationContext) => Promise<Result<OrdersResponses[A]>>;
};

export const buyerOrderOperations: BuyerOrderOperations = {
  list: listOrders,
  detail: orderDetail,
  cancel: cancelOrder,
  repay,
  confirmPaid,
  confirmReceipt,
  download: downloadOperation,
};
