// The catalogue half of shopAdmin (core/contracts/shop-admin-catalogue.ts): the shop, its settings, its
// poster code, categories and products. cloudfunctions/shopAdmin composes it with the order half.
// Every operation on an existing shop starts with ownedShop (NOT_SHOP_OWNER before any write).
import type { CatalogueResponses } from '../../core/contracts/shop-admin-catalogue';
import type { Payload } from '../../core/contracts/registry';
import type { Result } from '../../core/errors';
import type { OperationContext } from '../handler';
import { createCategory, deleteCategory, listCategories, updateCategory } from './categories';
import { createProduct, deleteProduct, getProduct, listProducts, setShelf, updateProduct } from './products';
import { qrCode } from './qrcode';
import { reorder } from './reorder';
import { createShop } from './create-shop';
import { getShop, myShops, updateSettings, updateShop } from './shops';

type CatalogueOperations = {
  [A in keyof CatalogueResponses]: (payload: Payload<'shopAdmin', A>, ctx: OperationContext) => Promise<Result<CatalogueResponses[A]>>;
};

export const catalogueOperations: CatalogueOperations = {
  createShop,
  updateShop,
  myShops,
  getShop,
  updateSettings,
  qrCode,
  createCategory,
  updateCategory,
  deleteCategory,
  listCategories,
  listProducts,
  getProduct,
  createProduct,
  updateProduct,
  setShelf,
  deleteProduct,
  reorder,
};
