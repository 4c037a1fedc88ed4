// Who counts as a shop's customer (the owner gifts memberships only to these, CUSTOMER_NOT_FOUND
// otherwise): a customers record (written when a buyer orders), or at least one order in the shop.
import { COLLECTIONS } from '../../core/collections';
import { customerId } from '../../core/ids';
import type { CustomerDoc } from '../../core/model';
import { docOf } from '../db';
import type { Database } from '../sdk';

export async function isCustomer(db: Database, shopId: string, openid: string): Promise<boolean> {
  if (docOf<CustomerDoc>(await db.collection(COLLECTIONS.customers).doc(customerId(shopId, openid)).get())) return true;
  const res = await db.collection(COLLECTIONS.orders).where({ shopId, buyerOpenid: openid }).limit(1).field({ _id: true }).get();
  return ((res as { data?: unknown[] }).data ?? []).length > 0;
}
