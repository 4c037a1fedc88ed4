// The shipping-information request (docs/wechat-contracts.md §7.16) and subscribe-message values (§1.7) built
// from orders: pure, so checked here without a cloud; the integration tests send them to the local one.
import { makeOrder, makeShop } from '../../../core/testing/fixtures';
import type { Fulfilment } from '../../../core/model';
import { carrierCode, shippingInfo } from './shipping';
import { TEMPLATES, thing } from './templates';

const fulfilment = (over: Partial<Fulfilment>): Fulfilment => ({
  kind: 'shipped', at: 0, carrier: '顺丰速运', trackingNo: 'SF123456', note: '', shippingUploaded: false, ...over,
});
const address = { userName: '张三', telNumber: '13812345678', provinceName: '上海市', cityName: '上海市', countyName: '黄浦区', detailInfo: '人民路 1 号', postalCode: '200000' };

describe('shippingInfo', () => {
  test('an express shipment names the carrier code, the waybill and the payer; 顺丰 gets a masked receiver phone', () => {
    const order = makeOrder({ status: 'fulfilled', fulfilment: fulfilment({}), delivery: { method: 'express', fee: 0 as never, address } });
    const info = shippingInfo(order, makeShop(), Date.UTC(2024, 5, 1));
    expect(info).toEqual({
      orderKey: { orderNumberType: 1, mchid: '1900000109', outTradeNo: order.outTradeNo },
      logisticsType: 1,
      deliveryMode: 1,
      shippingList: [{ itemDesc: '蓝色薯片*2', trackingNo: 'SF123456', expressCompany: 'SF', contact: { receiverContact: '138****5678' } }],
      uploadTime: '2024-06-01T00:00:00.000Z',
      payer: { openid: order.buyerOpenid },
    });
  });

  test('pickup, local delivery and virtual goods carry their logistics type and no waybill', () => {
    const types = (['ready_for_pickup', 'out_for_delivery', 'virtual'] as const).map((kind) => {
      const info = shippingInfo(makeOrder({ fulfilment: fulfilment({ kind, carrier: null, trackingNo: null }) }), makeShop(), 0);
      return [info?.logisticsType, (info?.shippingList as Record<string, unknown>[])[0]];
    });
    expect(types).toEqual([[4, { itemDesc: '蓝色薯片*2' }], [2, { itemDesc: '蓝色薯片*2' }], [3, { itemDesc: '蓝色薯片*2' }]]);
  });

  test('nothing to upload for a pay-on-pickup order or an order not fulfilled', () => {
    expect(shippingInfo(makeOrder({ paymentMethod: 'on_pickup', payment: null, fulfilment: fulfilment({}) }), makeShop(), 0)).toBeNull();
    expect(shippingInfo(makeOrder({ fulfilment: null }), makeShop(), 0)).toBeNull();
  });

  test('carrier names map to WeChat codes; a code typed by the owner passes through', () => {
    expect(['顺丰速运', '圆通快递', '中通', 'EMS', '京东物流', 'yto'].map(carrierCode)).toEqual(['SF', 'YTO', 'ZTO', 'EMS', 'JD', 'YTO']);
  });
});

describe('subscribe-message values', () => {
  test('a `thing` value is cut to 20 characters; every template key has a WeChat value type', () => {
    expect(thing('一二三四五六七八九十一二三四五六七八九十一')).toHaveLength(20);
    expect(thing('  ')).toBe('-');
    const types = /^(thing|character_string|amount|time|date|number|phrase|name)\d+$/;
    expect(TEMPLATES.flatMap((t) => t.keys).every((k) => types.test(k))).toBe(true);
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
  });
});
