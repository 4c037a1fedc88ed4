/** 我的 → 订单 tab: a tab page takes no query, so the wanted status is handed over in storage under this key. */
export const ORDERS_TAB_KEY = 'orders.tab';
