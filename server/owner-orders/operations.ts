// The order half of shopAdmin (core/contracts/shop-admin-orders.ts).
import type { Operation } from '../handler';

export const ownerOrderOperations: Record<string, Operation> = {};
