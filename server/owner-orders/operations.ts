// The order half of shopAdmin (core/contracts/shop-admin-orders.ts). Every operation starts with the
// shop's ownership (NOT_SHOP_OWNER, nothing written) and works on the order as it is now.
import type { OwnerOrderResponses } from '../../core/contracts/shop-admin-orders';
import type { OperationMap } from '../handler';
import { alerts } from './alerts';
import { customers, dashboard } from './dashboard';
import { acceptOrder, completeOrder, fulfilOrder } from './lifecycle';
import { cancelOrder, markPaid } from './pickup';
import { inbox, orderDetail } from './read';
import { markSoldOut, refundOrder, rejectOrder, retryRefund } from './refunds';

export const ownerOrderOperations: OperationMap<'shopAdmin', Exclude<keyof OwnerOrderResponses, 'approveAfterSale' | 'declineAfterSale'>> = {
  inbox,
  orderDetail,
  acceptOrder,
  rejectOrder,
  markSoldOut,
  fulfilOrder,
  completeOrder,
  markPaid,
  cancelOrder,
  refundOrder,
  retryRefund,
  dashboard,
  customers,
  alerts,
};
