// Reading a shop and proving the caller owns it: every owner operation starts here, so a buyer calling
// any of them gets NOT_SHOP_OWNER before anything is written (issue 3, must-show 8).
import { fail, ok, type Result } from '../../core/errors';
import type { ShopDoc } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { docOf } from './db';

export async function loadShop(db: Database, shopId: string): Promise<ShopDoc | null> {
  return docOf<ShopDoc>(await db.collection('shops').doc(shopId).get());
}

/** The shop, if `openid` owns it. A shop that does not exist answers SHOP_NOT_FOUND. */
export async function ownedShop(db: Database, shopId: string, openid: string): Promise<Result<ShopDoc>> {
  const shop = await loadShop(db, shopId);
  if (!shop) return fail('SHOP_NOT_FOUND');
  if (shop.ownerOpenid !== openid) return fail('NOT_SHOP_OWNER');
  return ok(shop);
}
