// shopAdmin: every owner operation on a shop (docs/architecture.md §4), in three parts.
import { catalogueActions, type CatalogueResponses } from './shop-admin-catalogue';
import { couponActions, type CouponResponses } from './coupons';
import { ownerOrderActions, type OwnerOrderResponses } from './shop-admin-orders';
import { staffActions, type StaffResponses } from './shop-admin-staff';

export const shopAdminActions = { ...catalogueActions, ...ownerOrderActions, ...staffActions, ...couponActions };

export type ShopAdminResponses = CatalogueResponses & OwnerOrderResponses & StaffResponses & CouponResponses;
