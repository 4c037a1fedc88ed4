// The promotions' operations: the owner's (composed into shopAdmin) and the buyer's (into orders).
import type { BuyerCouponResponses, CouponResponses } from '../../core/contracts/coupons';
import type { OperationMap } from '../handler';
import { claimCoupon, myCoupons, shopPromotions } from './buyer';
import { listPromotions, saveActivity, saveCoupon, stopActivity, stopCoupon } from './owner';

export const ownerCouponOperations: OperationMap<'shopAdmin', keyof CouponResponses> = {
  listPromotions, saveCoupon, stopCoupon, saveActivity, stopActivity,
};

export const buyerCouponOperations: OperationMap<'orders', keyof BuyerCouponResponses> = {
  shopPromotions, claimCoupon, myCoupons,
};
