// Catalogue half of shopAdmin (core/contracts/shop-admin-catalogue.ts). Placeholder so builds work;
// the operations are filled in below as they are written.
export const catalogueOperations = {};
