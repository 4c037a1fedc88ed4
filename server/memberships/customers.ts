// Who counts as a shop's customer (the owner gifts memberships only to these, CUSTOMER_NOT_FOUND
// otherwise): someone with at least one order in the shop — the same rule as shopAdmin.customers,
// which lists them from the orders.
import { COLLECTIONS } from '../../core/collections';
import { docsOf } from '../store/db';
import type { Database } from '../wechat/sdk';

export async function isCustomer(db: Database, shopId: string, openid: string): Promise<boolean> {
  const res = await db.collection(COLLECTIONS.orders).where({ shopId, buyerOpenid: openid }).limit(1).field({ _id: true }).get();
  return docsOf(res).length > 0;
}
