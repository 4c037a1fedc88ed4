// One valid event per action of every function, type-checked against the contracts. The invalid tables
// (invalid-payloads.ts) are derived from these, and the server's integration tests can reuse both.
import type { ActionName, FunctionName, RequestPayload } from './registry';

export const SAMPLE_IDS = {
  shopId: 'S20240601100000shop0001',
  productId: 'P20240601100000prod0001',
  categoryId: 'C20240601100000cat00001',
  orderId: 'O20240601100000order001',
  buyerOpenid: 'oBuyer0000000000000000000001',
  fileID: 'cloud://env-1.656e-env-1-1300000000/shops/S20240601100000shop0001/products/p1.png',
} as const;

const { shopId, productId, categoryId, orderId, buyerOpenid, fileID } = SAMPLE_IDS;

type Samples = { [F in FunctionName]: { [A in ActionName<F>]: unknown } };

/** An action-envelope event, its payload checked against the client-side request type. */
function call<F extends FunctionName, A extends ActionName<F>>(_fn: F, action: A, payload: RequestPayload<F, A>) {
  return { action, payload };
}

export const PAY_NOTIFY_SAMPLE = {
  returnCode: 'SUCCESS', appid: 'wxd2565e6a04246fd1', mchId: '1800780001', subAppid: 'wxd2565e6a04246fd1',
  subMchId: '1712734762', nonceStr: 'f6444fd22de27b16', resultCode: 'SUCCESS', openid: 'oPoo341Im-x',
  isSubscribe: 'N', subOpenid: buyerOpenid, subIsSubscribe: 'N', tradeType: 'JSAPI', bankType: 'OTHERS',
  totalFee: 3800, feeType: 'CNY', cashFee: 3800, transactionId: '4200004561202203217657282768',
  outTradeNo: orderId, timeEnd: '20240601101000',
};

export const REFUND_NOTIFY_SAMPLE = {
  returnCode: 'SUCCESS', appid: 'wxd2565e6a04246fd1', mchId: '1800780001',
  reqInfo: {
    transactionId: '4200004561202203217657282768', outTradeNo: orderId, refundId: '50000000382019052709732678859',
    outRefundNo: `${orderId}-R1`, totalFee: 3800, refundFee: 1200, refundStatus: 'SUCCESS', successTime: '2024-06-01 10:30:00',
  },
};

export const VALID_EVENTS: Samples = {
  confirmOrder: {
    quote: call('confirmOrder', 'quote', { shopId, lines: [{ productId, quantity: 2 }], deliveryMethod: 'pickup' }),
    place: call('confirmOrder', 'place', {
      shopId, requestId: 'req-20240601-0001', lines: [{ productId, quantity: 2 }], deliveryMethod: 'local',
      address: { userName: '张三', telNumber: '13800000000', provinceName: '广东省', cityName: '广州市', countyName: '海珠区', detailInfo: '新港中路 397 号', postalCode: '510000' },
      note: '少放辣', paymentMethod: 'wechat', clientPlatform: 'android',
    }),
  },
  payNotify: { notify: PAY_NOTIFY_SAMPLE },
  storefront: {
    home: call('storefront', 'home', { shopId }),
    product: call('storefront', 'product', { shopId, productId }),
    products: call('storefront', 'products', { shopId, categoryId: productId, offset: 20, limit: 20 }),
    search: call('storefront', 'search', { shopId, query: '薯片(大)', offset: 0, limit: 20 }),
  },
  shopAdmin: {
    createShop: call('shopAdmin', 'createShop', { requestId: 'open-20240601-01', name: '街角小店', phone: '13800000000', description: '新鲜水果' }),
    updateShop: call('shopAdmin', 'updateShop', { shopId, name: '街角小店·二店' }),
    myShops: call('shopAdmin', 'myShops', {}),
    getShop: call('shopAdmin', 'getShop', { shopId }),
    updateSettings: call('shopAdmin', 'updateSettings', {
      shopId, subMchId: '1900000109', acceptMode: 'auto', unpaidTimeoutMinutes: 15, payOnPickup: true, autoCompleteDays: 7,
      delivery: {
        pickup: { enabled: true, address: '幸福路 1 号' },
        local: { enabled: true, fee: 500, freeFrom: 5000 },
        express: { enabled: false, fee: 1000 },
      },
    }),
    qrCode: call('shopAdmin', 'qrCode', { shopId }),
    createCategory: call('shopAdmin', 'createCategory', { shopId, name: '零食' }),
    updateCategory: call('shopAdmin', 'updateCategory', { shopId, categoryId, sort: 2 }),
    deleteCategory: call('shopAdmin', 'deleteCategory', { shopId, categoryId }),
    listCategories: call('shopAdmin', 'listCategories', { shopId }),
    listProducts: call('shopAdmin', 'listProducts', { shopId, categoryId, offset: 0, limit: 20 }),
    getProduct: call('shopAdmin', 'getProduct', { shopId, productId }),
    createProduct: call('shopAdmin', 'createProduct', {
      shopId, kind: 'physical', name: '蓝色薯片', price: 1200, memberPrice: 1000, photos: [fileID], stock: 10, categoryId,
    }),
    updateProduct: call('shopAdmin', 'updateProduct', { shopId, productId, patch: { price: 1100, stock: 20 } }),
    setShelf: call('shopAdmin', 'setShelf', { shopId, productIds: [productId], onShelf: false }),
    deleteProduct: call('shopAdmin', 'deleteProduct', { shopId, productId }),
    reorder: call('shopAdmin', 'reorder', { shopId, target: 'products', ids: [productId, 'P20240601100000prod0002'] }),
    inbox: call('shopAdmin', 'inbox', { shopId, status: 'waiting', limit: 20 }),
    orderDetail: call('shopAdmin', 'orderDetail', { shopId, orderId }),
    acceptOrder: call('shopAdmin', 'acceptOrder', { shopId, orderId }),
    rejectOrder: call('shopAdmin', 'rejectOrder', { shopId, orderId, reason: '今天打烊' }),
    markSoldOut: call('shopAdmin', 'markSoldOut', { shopId, orderId, lineNos: [2] }),
    fulfilOrder: call('shopAdmin', 'fulfilOrder', { shopId, orderId, kind: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890' }),
    completeOrder: call('shopAdmin', 'completeOrder', { shopId, orderId }),
    markPaid: call('shopAdmin', 'markPaid', { shopId, orderId }),
    cancelOrder: call('shopAdmin', 'cancelOrder', { shopId, orderId, reason: '买家未到店' }),
    refundOrder: call('shopAdmin', 'refundOrder', { shopId, orderId, reason: '少发一件', mode: 'lines', lines: [{ lineNo: 1, quantity: 1 }] }),
    retryRefund: call('shopAdmin', 'retryRefund', { shopId, outRefundNo: `${orderId}-R1` }),
    dashboard: call('shopAdmin', 'dashboard', { shopId }),
    customers: call('shopAdmin', 'customers', { shopId }),
    alerts: call('shopAdmin', 'alerts', { shopId, offset: 20 }),
    inviteStaff: call('shopAdmin', 'inviteStaff', { shopId, role: 'clerk', name: '小王', refundLimit: 2000 }),
    listStaff: call('shopAdmin', 'listStaff', { shopId }),
    updateStaff: call('shopAdmin', 'updateStaff', { shopId, openid: buyerOpenid, name: '王师傅', refundLimit: 5000 }),
    removeStaff: call('shopAdmin', 'removeStaff', { shopId, openid: buyerOpenid }),
    acceptInvite: call('shopAdmin', 'acceptInvite', { code: 'K7QX2M9P' }),
    subscribeNewOrders: call('shopAdmin', 'subscribeNewOrders', { shopId, on: true }),
    approveAfterSale: call('shopAdmin', 'approveAfterSale', { shopId, orderId, afterSaleId: `${orderId}-A1` }),
    declineAfterSale: call('shopAdmin', 'declineAfterSale', { shopId, orderId, afterSaleId: `${orderId}-A1`, reason: '商品已拆封使用' }),
    listPromotions: call('shopAdmin', 'listPromotions', { shopId }),
    saveCoupon: call('shopAdmin', 'saveCoupon', {
      shopId, name: '新客立减 3 元', benefit: { kind: 'amount', off: 300 }, validity: { kind: 'days', days: 7 }, quantity: 100,
    }),
    stopCoupon: call('shopAdmin', 'stopCoupon', { shopId, couponId: 'K20240601100000coupon01' }),
    saveActivity: call('shopAdmin', 'saveActivity', {
      shopId, name: '满 30 减 5', tiers: [{ threshold: 3000, off: 500 }], startsAt: 1717200000000, endsAt: 1719792000000,
    }),
    stopActivity: call('shopAdmin', 'stopActivity', { shopId, activityId: 'A20240601100000activ001' }),
  },
  orders: {
    list: call('orders', 'list', { status: 'unpaid' }),
    detail: call('orders', 'detail', { orderId }),
    cancel: call('orders', 'cancel', { orderId, reason: '不想要了' }),
    repay: call('orders', 'repay', { orderId }),
    confirmPaid: call('orders', 'confirmPaid', { orderId }),
    confirmReceipt: call('orders', 'confirmReceipt', { orderId }),
    download: call('orders', 'download', { orderId, lineNo: 1 }),
    requestAfterSale: call('orders', 'requestAfterSale', { orderId, mode: 'amount', amount: 500, reason: '少了一包' }),
    profile: call('orders', 'profile', {}),
    saveProfile: call('orders', 'saveProfile', { nickname: '小林', avatar: null }),
    shopPromotions: call('orders', 'shopPromotions', { shopId, productId }),
    claimCoupon: call('orders', 'claimCoupon', { code: 'K7QX2M9P' }),
    myCoupons: call('orders', 'myCoupons', { state: 'usable' }),
  },
  membership: {
    mine: call('membership', 'mine', {}),
    members: call('membership', 'members', { shopId, state: 'active' }),
    gift: call('membership', 'gift', { shopId, giftId: 'gift-20240601-01', buyerOpenid, tag: 'vip', days: 30 }),
    revoke: call('membership', 'revoke', { shopId, buyerOpenid, tag: 'vip', reason: '违规' }),
    revokeGift: call('membership', 'revokeGift', { shopId, giftId: 'gift-20240601-01', reason: '送错了' }),
  },
  refundNotify: { notify: REFUND_NOTIFY_SAMPLE },
  sweeper: { tick: { Type: 'Timer', TriggerName: 'everyMinute', Time: '2024-06-01T02:00:00Z' } },
  contentCheck: {
    verdict: {
      ToUserName: 'gh_0000000000', FromUserName: 'oPlatformMediaCheck', CreateTime: 1717207200, MsgType: 'event', Event: 'wxa_media_check',
      appid: 'wxd2565e6a04246fd1', trace_id: '6a1b2c3d-4e5f6a7b-8c9d0e1f', version: 2, result: { suggest: 'pass', label: 100 }, errcode: 0, errmsg: 'ok',
    },
  },
};
