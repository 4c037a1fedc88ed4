// The catalogue half of shopAdmin (core/contracts/shop-admin-catalogue.ts): the shop, its settings, its
// poster code, categories and products. cloudfunctions/shopAdmin composes it with the order half.
// Every operation on an existing shop starts with shopAccess (core/roles.ts: NOT_SHOP_OWNER or FORBIDDEN_ROLE before any write).
import type { CatalogueResponses } from '../../core/contracts/shop-admin-catalogue';
import type { OperationMap } from '../handler';
import { createCategory, deleteCategory, listCategories, updateCategory } from './categories';
import { createProduct, deleteProduct, getProduct, listProducts, setShelf, updateProduct } from './products';
import { qrCode } from './qrcode';
import { reorder } from './reorder';
import { createShop } from './create-shop';
import { getShop, myShops, updateSettings, updateShop } from './shops';

export const catalogueOperations: OperationMap<'shopAdmin', keyof CatalogueResponses> = {
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
