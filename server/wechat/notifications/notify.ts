// Subscribe messages and the shipping-information upload (docs/product.md §17; docs/wechat-contracts.md §1.7,
// §7.16). Best effort: a failed send — most often 43101, the user did not accept a subscription — is
// logged and never fails the caller; the order change it reports has already been committed.
import { formatYuan } from '../../../core/money';
import type { MembershipDoc, OrderDoc, ShopDoc } from '../../../core/model';
import { FULFILMENT_LABELS } from '../../../core/order-state';
import { chinaDayKey, formatChinaDateTime } from '../../../core/time';
import { sdk } from '../sdk';
import { shippingInfo } from './shipping';
import {
  DIGITAL_UPDATED_TEMPLATE, MEMBERSHIP_RENEWAL_TEMPLATE, ORDER_ACCEPTED_TEMPLATE, ORDER_PAID_TEMPLATE, ORDER_SHIPPED_TEMPLATE, thing, type TemplateSpec,
} from './templates';

export type BuyerEvent = 'accepted' | 'shipped';

type OpenApi = {
  subscribeMessage: { send(p: Record<string, unknown>): Promise<unknown> };
  wxa: { sec: { order: { uploadShippingInfo(p: Record<string, unknown>): Promise<unknown> } } };
};
// index.d.ts does not declare the openapi proxy's methods (§1.7: any `cloud.openapi.<cat>.<method>`).
const openapi = () => (sdk() as unknown as { openapi: OpenApi }).openapi;

function describeError(err: unknown): string {
  const e = err as { errCode?: unknown; errMsg?: unknown; message?: unknown } | null;
  return `${String(e?.errCode ?? '')} ${String(e?.errMsg ?? e?.message ?? err)}`.trim();
}

/** One subscribe message; false (logged) when WeChat refuses it. */
export async function sendSubscribeMessage(touser: string, template: TemplateSpec, values: string[], page: string): Promise<boolean> {
  const data = Object.fromEntries(template.keys.map((key, i) => [key, { value: values[i] ?? '-' }]));
  try {
    await openapi().subscribeMessage.send({ touser, templateId: template.id, page, data });
    return true;
  } catch (err) {
    // 43101: no accepted subscription left for this template — expected, the user chose not to be told.
    console.warn(`[subscribeMessage] ${template.title} to ${touser} not sent: ${describeError(err)}`);
    return false;
  }
}

function goods(order: OrderDoc): string {
  const first = order.lines[0]?.name ?? '';
  return thing(order.lines.length > 1 ? `${first}等${order.itemCount}件` : first);
}

/** The new paid order, to the owner and to the staff who subscribed (store/staff.ts newOrderListeners). */
export async function notifyOwnerOfPaidOrder(shop: ShopDoc, order: OrderDoc, staff: readonly string[] = []): Promise<void> {
  const values = [order._id, goods(order), formatYuan(order.paidFen || order.total), formatChinaDateTime(order.paidAt ?? order.updatedAt)];
  const page = `owner/pages/order/index?shopId=${order.shopId}&orderId=${order._id}`;
  for (const to of [shop.ownerOpenid, ...staff.filter((s) => s !== shop.ownerOpenid)]) {
    await sendSubscribeMessage(to, ORDER_PAID_TEMPLATE, values, page);
  }
}

export async function notifyBuyer(order: OrderDoc, event: BuyerEvent): Promise<void> {
  const page = `pages/order/index?id=${order._id}`;
  if (event === 'accepted') {
    await sendSubscribeMessage(
      order.buyerOpenid,
      ORDER_ACCEPTED_TEMPLATE,
      [order._id, goods(order), thing('店主已接单，正在准备'), formatChinaDateTime(order.acceptedAt ?? order.updatedAt)],
      page,
    );
    return;
  }
  const f = order.fulfilment;
  const how = f ? FULFILMENT_LABELS[f.kind] : '已发货';
  const detail = f?.kind === 'shipped' ? `${f.carrier ?? ''} ${f.trackingNo ?? ''}` : f?.note || how;
  await sendSubscribeMessage(order.buyerOpenid, ORDER_SHIPPED_TEMPLATE, [order._id, goods(order), thing(how), thing(detail)], page);
}

/** The renewal reminder 3 days before a membership runs out (sweeper sendRenewalReminders). */
export async function notifyRenewal(m: MembershipDoc, shopName: string): Promise<boolean> {
  return sendSubscribeMessage(
    m.buyerOpenid,
    MEMBERSHIP_RENEWAL_TEMPLATE,
    [thing(shopName), thing(`${m.tag} 会员`), chinaDayKey(m.expiresAt), thing('续费后从到期日起累加')],
    `pages/membership/index?shopId=${m.shopId}`,
  );
}

/** A bought file has a new version (sweeper sendDigitalUpdates); false when the buyer did not subscribe. */
export async function notifyDigitalUpdate(buyerOpenid: string, orderId: string, shopName: string, productName: string): Promise<boolean> {
  return sendSubscribeMessage(
    buyerOpenid,
    DIGITAL_UPDATED_TEMPLATE,
    [thing(productName), thing(shopName), thing('新版本已上传，可在订单中下载')],
    `pages/order/index?id=${orderId}`,
  );
}

/**
 * Shipping information for WeChat (发货信息录入, §7.16): WeChat holds the shop's funds until it is
 * uploaded. Only Cloud Pay orders have a pay order to ship (pay-on-pickup orders are skipped).
 * Returns whether the upload succeeded (Fulfilment.shippingUploaded).
 */
export async function uploadShipping(order: OrderDoc, shop: ShopDoc): Promise<boolean> {
  const info = shippingInfo(order, shop, Date.now());
  if (!info) return false;
  try {
    await openapi().wxa.sec.order.uploadShippingInfo(info);
    return true;
  } catch (err) {
    console.warn(`[uploadShippingInfo] order ${order._id} not uploaded: ${describeError(err)}`);
    return false;
  }
}
