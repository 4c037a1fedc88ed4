// Which WeChat Pay channel a shop may use (docs/wechat-contracts.md §3.0): WeChat's Cloud Pay guide
// forbids Cloud Pay for mini-programs selling the categories below — they must integrate WeChat Pay
// itself (APIv3, §4). The shop registers its category; checkout refuses a Cloud Pay order for a
// restricted one (checkPlace), and the settings page explains the choice with the texts here.
import { fail, ok, type Result } from './errors';
import type { PayChannelKind, ShopSettings } from './model';

/** The categories WeChat names (§3.0), plus `general` for everything else. */
export const GOODS_CATEGORIES = [
  'general', 'jewellery', 'digital_3c', 'blind_box', 'apparel', 'cross_border', 'beauty', 'alcohol', 'appliances', 'toys',
  'luggage', 'shoes', 'outdoor',
] as const;
export type GoodsCategory = (typeof GOODS_CATEGORIES)[number];

export const GOODS_CATEGORY_NAMES: Record<GoodsCategory, string> = {
  general: '其他商品（餐饮、茶饮、烘焙、日用等）',
  jewellery: '珠宝玉石',
  digital_3c: '3C 数码',
  blind_box: '盲盒',
  apparel: '服饰内衣',
  cross_border: '海淘',
  beauty: '美妆',
  alcohol: '酒类',
  appliances: '家用电器',
  toys: '玩具',
  luggage: '箱包皮具',
  shoes: '鞋靴',
  outdoor: '运动户外',
};

/** Every category but `general` may not use Cloud Pay (§3.0). */
export function cloudPayAllowed(category: GoodsCategory | null | undefined): boolean {
  return (category ?? 'general') === 'general';
}

export const PAY_CHANNEL_NAMES: Record<PayChannelKind, string> = {
  cloudpay: '云支付（平台代收，填写子商户号）',
  'v3-partner': '微信支付 · 服务商模式（本店为平台的特约商户）',
  'v3-direct': '微信支付 · 直连商户（单店部署，使用自己的商户号）',
};

export const PAY_CHANNEL_HELP: Record<PayChannelKind, string> = {
  cloudpay: '适合餐饮、茶饮、烘焙、日用等商品。开通简单：在微信支付商家助手确认授权后填写商户号即可。',
  'v3-partner': '销售珠宝玉石、3C 数码、盲盒、服饰内衣、海淘、美妆、酒类、家用电器、玩具、箱包皮具、鞋靴、运动户外的店铺，'
    + '微信规定不能使用云支付，请选这一项：由平台作为服务商为本店进件，填写本店的特约商户号。',
  'v3-direct': '只有本店一家、由自己部署小程序时选这一项：商户号填写自己的微信支付商户号，密钥由部署人员配置在云函数环境变量中。',
};

/** The shop's channel (older shops have none: Cloud Pay). */
export function channelOfShop(settings: Pick<ShopSettings, 'payChannel'> & Partial<Pick<ShopSettings, 'goodsCategory'>>): PayChannelKind {
  return settings.payChannel ?? 'cloudpay';
}

/** A WeChat Pay checkout on this shop's channel: refused when Cloud Pay is chosen for restricted goods. */
export function checkPayChannel(settings: Pick<ShopSettings, 'payChannel' | 'goodsCategory'>): Result<PayChannelKind> {
  const channel = channelOfShop(settings);
  if (channel === 'cloudpay' && !cloudPayAllowed(settings.goodsCategory)) {
    return fail('CLOUD_PAY_NOT_ALLOWED', { goodsCategory: settings.goodsCategory });
  }
  return ok(channel);
}
