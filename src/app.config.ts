// Buyer pages in the main package; the owner console in the `owner` subpackage so a buyer opening a
// shared card downloads as little as possible (docs/architecture.md §6). Tab bar pages must be in the main
// package (docs/wechat-contracts.md §6).
export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/shop/index',
    'pages/product/index',
    'pages/cart/index',
    'pages/checkout/index',
    'pages/order/index',
    'pages/orders/index',
    'pages/membership/index',
    'pages/me/index',
    'pages/coupons/index',
  ],
  subPackages: [
    {
      root: 'owner',
      name: 'owner',
      pages: [
        'pages/open/index', 'pages/dashboard/index', 'pages/products/index', 'pages/product/index', 'pages/categories/index',
        'pages/orders/index', 'pages/order/index', 'pages/members/index', 'pages/share/index', 'pages/settings/index',
        'pages/alerts/index', 'pages/staff/index', 'pages/join/index', 'pages/promotions/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f6f8',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '开店',
    navigationBarTextStyle: 'black',
  },
  // Icons: 81×81 PNGs rendered from src/assets/tabbar/*.svg in `color` / `selectedColor` by
  // scripts/tabbar-icons.ts (re-run it after changing an SVG or either colour).
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#07c160',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '店铺', iconPath: 'assets/tabbar/shop.png', selectedIconPath: 'assets/tabbar/shop-active.png' },
      { pagePath: 'pages/orders/index', text: '订单', iconPath: 'assets/tabbar/orders.png', selectedIconPath: 'assets/tabbar/orders-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
  // Cloud development: the functions folder is project.config.json's cloudfunctionRoot.
  lazyCodeLoading: 'requiredComponents',
  // Private APIs (docs/wechat-contracts.md §7a): the address picker must be declared or WeChat refuses it
  // (src/privacy/apis.ts lists every private API the code calls; npm run check:weapp compares). With
  // __usePrivacyCheck__ the app shows its own privacy sheet (src/privacy/PrivacySheet.tsx).
  requiredPrivateInfos: ['chooseAddress'],
  __usePrivacyCheck__: true,
  // h5 only (not an app.json key): no page slide, so a page is complete when it appears (e2e screenshots).
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
});
