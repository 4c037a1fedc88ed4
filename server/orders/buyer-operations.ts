// The `orders` function's operations on the buyer's own orders (core/contracts/orders.ts);
// cloudfunctions/orders adds `download`, the digital-goods operation of server/downloads.
import type { BuyerCouponResponses } from '../../core/contracts/coupons';
import type { OrdersResponses } from '../../core/contracts/orders';
import type { OperationMap } from '../handler';
import { cancelOrder } from './buyer-cancel';
import { confirmPaid, repay } from './buyer-pay';
import { listOrders, orderDetail } from './buyer-read';
import { confirmReceipt } from './buyer-receipt';
import { profile, saveProfile } from './profile';

export const buyerOrderOperations: OperationMap<'orders', Exclude<keyof OrdersResponses, 'download' | 'requestAfterSale' | keyof BuyerCouponResponses>> = {
  list: listOrders,
  detail: orderDetail,
  cancel: cancelOrder,
  repay,
  confirmPaid,
  confirmReceipt,
  profile,
  saveProfile,
};
