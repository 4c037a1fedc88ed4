// After-sale operations, composed into the functions that own their callers: the buyer's request into
// `orders`, the owner's answers into `shopAdmin` (cloudfunctions/*/index.ts).
import type { OperationMap } from '../handler';
import { approveAfterSale, declineAfterSale } from './answer';
import { requestAfterSale } from './request';

export const buyerAfterSaleOperations: OperationMap<'orders', 'requestAfterSale'> = { requestAfterSale };
export const ownerAfterSaleOperations: OperationMap<'shopAdmin', 'approveAfterSale' | 'declineAfterSale'> = { approveAfterSale, declineAfterSale };
