// 已售 on the owner's product list: units in paid orders less the units refunded, from the orders
// themselves. The product's `sold` counter is stock bookkeeping and moves only for stock-limited goods
// (holds, stock.ts), so an unlimited coffee, a membership or an e-book read 已售 0 after selling.
import { COLLECTIONS } from '../../core/collections';
import type { Database } from '../wechat/sdk';
import { rowsOf } from './db';

export async function salesOf(db: Database, shopId: string, productIds: readonly string[]): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  const _ = db.command;
  const $ = _.aggregate;
  const ids = [...productIds];
  const res = await db.collection(COLLECTIONS.orders).aggregate()
    .match({ shopId, paidFen: _.gt(0), 'lines.productId': _.in(ids) })
    .unwind('$lines')
    .match({ 'lines.productId': _.in(ids) })
    .group({ _id: '$lines.productId', units: $.sum($.subtract(['$lines.quantity', '$lines.refundedQuantity'])) })
    .limit(ids.length)
    .end();
  return new Map(rowsOf<{ _id: string; units: number }>(res).map((r) => [r._id, Math.max(0, r.units)]));
}
