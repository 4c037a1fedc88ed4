// The request of wxa.sec.order.uploadShippingInfo (发货信息录入, docs/wechat-contracts.md §7.16), built from an
// order and its fulfilment. Cloud Pay orders are placed with the sub-merchant, so `mchid` is the
// sub_mch_id and the payer is the buyer's openid under our mini-program.
import type { OrderDoc, ShopDoc } from '../../../core/model';
import type { FulfilmentKind } from '../../../core/order-state';
import { lineTitle } from '../../../core/options';

/** logistics_type: 1 快递 2 同城配送 3 虚拟商品 4 用户自提. */
const LOGISTICS: Record<FulfilmentKind, number> = { shipped: 1, out_for_delivery: 2, virtual: 3, ready_for_pickup: 4 };

/** express_company wants WeChat's carrier code; owners may type the name, so the common ones are mapped. */
const CARRIER_CODES: [RegExp, string][] = [
  [/顺丰/, 'SF'], [/圆通/, 'YTO'], [/中通/, 'ZTO'], [/申通/, 'STO'], [/韵达/, 'YD'], [/极兔/, 'JTSD'],
  [/京东/, 'JD'], [/邮政|EMS/i, 'EMS'], [/德邦/, 'DBL'],
];

export function carrierCode(carrier: string): string {
  const hit = CARRIER_CODES.find(([pattern]) => pattern.test(carrier));
  return hit ? hit[1] : carrier.trim().toUpperCase();
}

/** "138****5678": 顺丰 needs a masked phone of the receiver. */
function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

function itemDesc(order: OrderDoc): string {
  const text = order.lines.map((l) => `${lineTitle(l)}*${l.quantity}`).join(' ');
  const chars = [...text];
  return chars.length <= 120 ? text : `${chars.slice(0, 119).join('')}…`;
}

/** The upload request (camelCase; the SDK converts it, §1.7), or null when there is no pay order to ship. */
export function shippingInfo(order: OrderDoc, shop: ShopDoc, now: number): Record<string, unknown> | null {
  const f = order.fulfilment;
  const mchid = order.payment?.subMchId ?? shop.settings.subMchId;
  if (!f || order.paymentMethod !== 'wechat' || !mchid) return null;
  const item: Record<string, unknown> = { itemDesc: itemDesc(order) };
  if (f.kind === 'shipped') {
    const code = carrierCode(f.carrier ?? '');
    Object.assign(item, { trackingNo: f.trackingNo ?? '', expressCompany: code });
    if (code === 'SF') item.contact = { receiverContact: maskPhone(order.delivery.address?.telNumber ?? '') };
  }
  return {
    orderKey: { orderNumberType: 1, mchid, outTradeNo: order.outTradeNo },
    logisticsType: LOGISTICS[f.kind],
    deliveryMode: 1,
    shippingList: [item],
    uploadTime: new Date(now).toISOString(),
    payer: { openid: order.buyerOpenid },
  };
}
