// Reading a product of a shop: a product id of another shop reads as missing.
import { COLLECTIONS } from '../../core/collections';
import type { ProductDoc } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { docOf } from './db';

export async function loadProduct(db: Database, shopId: string, productId: string): Promise<ProductDoc | null> {
  const product = docOf<ProductDoc>(await db.collection(COLLECTIONS.products).doc(productId).get());
  return product && product.shopId === shopId ? product : null;
}
