// Subscribe messages and the shipping-information upload (WECHAT-CONTRACTS §1.7). Best effort: a failed
// send (e.g. 43101, the user did not subscribe) is logged and never fails the caller.
import type { OrderDoc, ShopDoc } from '../../core/model';

export type BuyerEvent = 'accepted' | 'shipped';

export async function notifyOwnerOfPaidOrder(shop: ShopDoc, order: OrderDoc): Promise<void> {
  void shop; void order;
}

export async function notifyBuyer(order: OrderDoc, event: BuyerEvent): Promise<void> {
  void order; void event;
}

/** Returns whether the upload succeeded (Fulfilment.shippingUploaded). */
export async function uploadShipping(order: OrderDoc, shop: ShopDoc): Promise<boolean> {
  void order; void shop;
  return false;
}
