// wxa.sec.order.uploadShippingInfo — 发货信息录入 of the 小程序发货信息管理服务, which transaction
// mini-programs must use (docs/wechat-contracts.md §7.16). The order must be a paid trade of the pay sandbox
// (10060001 支付单不存在 otherwise); one re-shipment per order; codes from the API's error table.
import type { Trade, TradeBook } from '../pay/trades';
import { WxApiError, isObject } from './errors';

/** 1 快递 2 同城配送 3 虚拟商品 4 用户自提. */
const LOGISTICS_TYPES = [1, 2, 3, 4];
/** 1 UNIFIED_DELIVERY 统一发货, 2 SPLIT_DELIVERY 分拆发货. */
const DELIVERY_MODES = [1, 2];
const MAX_PACKAGES = 15;
/** RFC 3339, e.g. `2022-12-15T13:29:35.120+08:00`. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface ShipState {
  /** Everything shipped (統一发货, or 分拆 with is_all_delivered). */
  completed: boolean;
  reshipUsed: boolean;
  lastUploadTime: number;
}

export class ShippingLedger {
  private states = new Map<string, ShipState>();

  reset(): void {
    this.states.clear();
  }

  snapshot(): [string, ShipState][] {
    return [...this.states];
  }

  restore(snap: [string, ShipState][]): void {
    this.states = new Map(snap);
  }

  /** Validate and record an upload; returns the trade it shipped. */
  upload(p: Record<string, unknown>, book: TradeBook): Trade {
    const key = isObject(p.order_key) ? p.order_key : null;
    if (!key) throw new WxApiError(268485195, '传入参数不能为空: order_key');
    const trade = findTrade(key, book);
    if (!trade) throw new WxApiError(10060001, '支付单不存在');
    if (trade.state !== 'SUCCESS' && trade.state !== 'REFUND') throw new WxApiError(10060001, '支付单不存在');
    // A fully refunded order has nothing left to ship.
    const refunded = trade.refunds.filter((r) => r.status !== 'REFUNDCLOSE').reduce((s, r) => s + r.refundFee, 0);
    if (refunded >= trade.totalFee) throw new WxApiError(10060004, '支付单处于不可发货的状态');

    const logistics = p.logistics_type;
    if (typeof logistics !== 'number' || !LOGISTICS_TYPES.includes(logistics)) throw new WxApiError(10060005, '物流类型有误');
    const mode = p.delivery_mode;
    if (typeof mode !== 'number' || !DELIVERY_MODES.includes(mode)) throw new WxApiError(268485224, '发货模式非法');
    if (mode === 2 && logistics !== 1) throw new WxApiError(10060006, '非快递发货时不允许分拆发货');
    if (mode === 2 && typeof p.is_all_delivered !== 'boolean') throw new WxApiError(10060007, '分拆发货模式下必须填写 is_all_delivered 字段');
    const list = p.shipping_list;
    if (!Array.isArray(list) || list.length === 0) throw new WxApiError(268485195, '传入参数不能为空: shipping_list');
    if (list.length > MAX_PACKAGES) throw new WxApiError(10060024, '物流信息列表太长');
    if (mode === 1 && list.length !== 1) throw new WxApiError(268485228, '统一发货模式下，物流信息列表长度必须为 1');
    for (const item of list) checkPackage(item, logistics);
    if (typeof p.upload_time !== 'string' || !RFC3339.test(p.upload_time) || Number.isNaN(Date.parse(p.upload_time))) {
      throw new WxApiError(268485216, '上传时间非法，请按照 RFC 3339 格式填写');
    }
    const payer = isObject(p.payer) ? p.payer.openid : undefined;
    if (typeof payer !== 'string' || !payer) throw new WxApiError(268485195, '传入参数不能为空: payer.openid');
    if (payer !== trade.payer) throw new WxApiError(10060014, '参数错误: payer.openid 与支付单的支付者不一致');

    const id = `${trade.subMchId}\u0000${trade.outTradeNo}`;
    const uploadTime = Date.parse(p.upload_time);
    const prior = this.states.get(id);
    if (prior) {
      if (uploadTime <= prior.lastUploadTime) throw new WxApiError(10060023, '发货信息未更新: upload_time 须晚于上次上传');
      // Each pay order gets one re-shipment (修改已完成的发货信息): then 10060003.
      if (prior.completed) {
        if (prior.reshipUsed) throw new WxApiError(10060003, '支付单已使用重新发货机会');
        prior.reshipUsed = true;
      }
    }
    const completed = mode === 1 || p.is_all_delivered === true;
    this.states.set(id, { completed: completed || (prior?.completed ?? false), reshipUsed: prior?.reshipUsed ?? false, lastUploadTime: uploadTime });
    return trade;
  }
}

function findTrade(key: Record<string, unknown>, book: TradeBook): Trade | undefined {
  if (key.order_number_type === 1) {
    if (typeof key.mchid !== 'string' || typeof key.out_trade_no !== 'string') {
      throw new WxApiError(268485195, '传入参数不能为空: order_key.mchid / order_key.out_trade_no');
    }
    // Cloud Pay orders are placed with the sub-merchant: mchid is the sub_mch_id [COMM].
    return book.get(key.mchid, key.out_trade_no);
  }
  if (key.order_number_type === 2) {
    if (typeof key.transaction_id !== 'string') throw new WxApiError(268485195, '传入参数不能为空: order_key.transaction_id');
    return book.all().find((t) => t.transactionId === key.transaction_id);
  }
  throw new WxApiError(10060014, '参数错误: order_key.order_number_type 只能是 1 或 2');
}

function checkPackage(item: unknown, logistics: number): void {
  if (!isObject(item)) throw new WxApiError(10060014, '参数错误: shipping_list 的元素必须是对象');
  if (typeof item.item_desc !== 'string' || !item.item_desc) throw new WxApiError(10060008, '商品描述 item_desc 字段不能为空');
  if ([...item.item_desc].length > 120) throw new WxApiError(10060009, '商品描述 item_desc 字段太长');
  if (logistics !== 1) return;
  // 快递 needs the waybill: tracking number and carrier code.
  if (typeof item.tracking_no !== 'string' || !item.tracking_no) throw new WxApiError(10060014, '参数错误: 物流快递发货时 tracking_no 必填');
  if (typeof item.express_company !== 'string' || !item.express_company) throw new WxApiError(10060014, '参数错误: 物流快递发货时 express_company 必填');
  if (item.tracking_no.length > 128) throw new WxApiError(10060026, '物流单号太长');
  if (item.express_company.length > 128) throw new WxApiError(10060025, '物流公司编码太长');
  // 顺丰 needs a (masked) phone of the sender or the receiver.
  if (item.express_company === 'SF') {
    const c = isObject(item.contact) ? item.contact : {};
    if (!c.consignor_contact && !c.receiver_contact) throw new WxApiError(10060014, '参数错误: 顺丰快递须填写收件人或寄件人联系方式');
  }
}
