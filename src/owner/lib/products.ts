// The owner's product list, read whole page by page (shopAdmin.listProducts serves OWNER_LIST_PAGE
// products a call): the management list, the promotion pickers and the membership plans need all of them.
import { OWNER_LIST_PAGE, type OwnerProductView } from '../../../core/contracts/views';
import { call } from '../../services/cloud';

/** The management list shows up to this many products; reorder takes at most 500 ids (contract LIMITS). */
const MAX_LISTED = 500;

export async function allProducts(shopId: string): Promise<OwnerProductView[]> {
  const out: OwnerProductView[] = [];
  while (out.length < MAX_LISTED) {
    const res = await call('shopAdmin', 'listProducts', { shopId, offset: out.length, limit: OWNER_LIST_PAGE });
    out.push(...res.items);
    if (!res.hasMore) break;
  }
  return out;
}
