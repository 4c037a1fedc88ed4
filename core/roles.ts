// Who may do what in a shop: the role table (like the order state machine, order-state.ts, it is data).
// Every owner operation of shopAdmin and membership is a row naming the roles allowed to run it; the
// server checks it once per call (server/store/shops.ts shopAccess) and the owner console hides what a
// role cannot do (the server still refuses). A new shop action without a row does not compile.
//   店长 (owner)      everything: settings, payment channel, staff, refunds of any size.
//   店员 (clerk)      orders: accept, sold out, fulfil, complete, pay-on-pickup handover; refunds only up
//                     to the limit the owner set for them (REFUND_LIMITED_OPERATIONS); no settings, no staff.
//   商品管理 (catalogue) products, categories, stock; no orders, no money.
import type { ActionName } from './contracts/registry';

export const SHOP_ROLES = ['owner', 'clerk', 'catalogue'] as const;
export type ShopRole = (typeof SHOP_ROLES)[number];
/** The roles an invitation can give: there is one 店长, the shop's owner. */
export const STAFF_ROLES = ['clerk', 'catalogue'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: { readonly [R in ShopRole]: string } = { owner: '店长', clerk: '店员', catalogue: '商品管理' };

/** Actions that do not act on one shop: opening a shop, the caller's own list, accepting an invitation. */
export const UNSCOPED_ACTIONS = ['createShop', 'myShops', 'acceptInvite', 'mine'] as const;
type Unscoped = (typeof UNSCOPED_ACTIONS)[number];

/** Every operation on one shop: the shop-scoped actions of shopAdmin and membership. */
export type ShopOperation = Exclude<ActionName<'shopAdmin'> | ActionName<'membership'>, Unscoped>;

const ALL: readonly ShopRole[] = SHOP_ROLES;
const OWNER: readonly ShopRole[] = ['owner'];
const ORDERS: readonly ShopRole[] = ['owner', 'clerk'];
const CATALOGUE: readonly ShopRole[] = ['owner', 'catalogue'];

export const SHOP_ACCESS: { readonly [Op in ShopOperation]: readonly ShopRole[] } = {
  // the shop itself: everyone reads it (name, logo, code); only the owner changes it
  getShop: ALL,
  qrCode: ALL,
  updateShop: OWNER,
  updateSettings: OWNER,
  // catalogue
  listCategories: ALL,
  listProducts: ALL,
  getProduct: ALL,
  createCategory: CATALOGUE,
  updateCategory: CATALOGUE,
  deleteCategory: CATALOGUE,
  createProduct: CATALOGUE,
  updateProduct: CATALOGUE,
  setShelf: CATALOGUE,
  deleteProduct: CATALOGUE,
  reorder: CATALOGUE,
  // orders
  inbox: ORDERS,
  orderDetail: ORDERS,
  acceptOrder: ORDERS,
  rejectOrder: ORDERS,
  markSoldOut: ORDERS,
  fulfilOrder: ORDERS,
  completeOrder: ORDERS,
  markPaid: ORDERS,
  cancelOrder: ORDERS,
  refundOrder: ORDERS,
  // Approving an after-sale request starts a refund of whatever the buyer asked: the owner's call (a 店员's
  // refunds are capped, and the request's amount is the buyer's); declining moves no money.
  approveAfterSale: OWNER,
  declineAfterSale: ORDERS,
  retryRefund: ORDERS,
  dashboard: ORDERS,
  alerts: ORDERS,
  subscribeNewOrders: ORDERS,
  // customers and memberships: money the owner decides on
  customers: OWNER,
  members: OWNER,
  gift: OWNER,
  revoke: OWNER,
  revokeGift: OWNER,
  // staff
  inviteStaff: OWNER,
  listStaff: OWNER,
  updateStaff: OWNER,
  removeStaff: OWNER,
  // promotions: the owner's money
  listPromotions: OWNER,
  saveCoupon: OWNER,
  stopCoupon: OWNER,
  saveActivity: OWNER,
  stopActivity: OWNER,
};

/** Operations that start a refund: for anyone but the owner, capped by the staff member's refundLimit. */
export const REFUND_LIMITED_OPERATIONS: readonly ShopOperation[] = ['rejectOrder', 'markSoldOut', 'refundOrder'];

export function mayRun(role: ShopRole, operation: ShopOperation): boolean {
  return SHOP_ACCESS[operation].includes(role);
}

/** What a role may run, in table order (the console hides the rest). */
export function operationsOf(role: ShopRole): ShopOperation[] {
  return (Object.keys(SHOP_ACCESS) as ShopOperation[]).filter((op) => mayRun(role, op));
}

/** An invitation is good for a day (the function's clock). */
export const INVITE_TTL_MS = 24 * 60 * 60 * 1000;
/** People behind one counter; also the bound of listStaff. */
export const MAX_STAFF_PER_SHOP = 20;
/** One-time invitation codes: the shop-code alphabet (ids.ts), 8 characters (31^8 ≈ 8.5e11). */
export const INVITE_CODE_LENGTH = 8;
export const INVITE_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{8}$/;

/** `staff` document id: one per (shop, person), kept after removal so past actions still have a name. */
export const staffId = (shopId: string, openid: string) => `${shopId}.${openid}`;
