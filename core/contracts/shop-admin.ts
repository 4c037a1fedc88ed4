// shopAdmin: every owner operation on a shop (ARCHITECTURE.md suggested set), in two parts.
import { catalogueActions, type CatalogueResponses } from './shop-admin-catalogue';
import { ownerOrderActions, type OwnerOrderResponses } from './shop-admin-orders';

export const shopAdminActions = { ...catalogueActions, ...ownerOrderActions };

export type ShopAdminResponses = CatalogueResponses & OwnerOrderResponses;
