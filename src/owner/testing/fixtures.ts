// Owner views shaped like shopAdmin's replies (core/contracts/views.ts), for the owner component tests.
import type { OwnerProductView } from '../../../core/contracts/views';
import { fen } from '../../../core/money';

export function ownerProduct(over: Partial<OwnerProductView> = {}): OwnerProductView {
  return {
    productId: 'P1', kind: 'physical', name: '鲜牛奶 1L', description: '', photos: [], price: fen(1280), memberPrice: null, memberTag: null,
    membersOnly: false, unlimited: false, stock: 10, reserved: 0, sold: 0, onShelf: true, deleted: false, categoryId: null, sort: 0,
    membership: null, digital: null, updatedAt: 0, reviewing: [], options: [], skus: [], ...over,
  };
}
