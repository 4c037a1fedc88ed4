// 订单详情 for the owner: status, the buyer's lines (sold-out and refunded units marked), money received
// and refunded, delivery and address, the timeline, and the actions (components/OrderActions.tsx).
import { lineTitle } from '../../../../core/options';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { formatYuan } from '../../../../core/money';
import { FULFILMENT_LABELS, ORDER_STATUS_LABELS } from '../../../../core/order-state';
import { formatDateTime } from '../../../lib/time';
import { call } from '../../../services/cloud';
import { T } from '../../../text';
import { Timeline } from '../../../pages/order/Timeline';
import { FailedRefunds } from '../../components/FailedRefunds';
import { OrderActions } from '../../components/OrderActions';
import { OwnerGate } from '../../components/OwnerGate';
import { useOwnerLoad } from '../../components/useOwnerLoad';
import { OT } from '../../text';
import '../../../pages/order/index.scss';
import { OrderDiscounts } from '../../../components/OrderDiscounts';
import './index.scss';

export default function OwnerOrderPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const orderId = params.orderId ?? '';
  const loaded = useOwnerLoad(() => call('shopAdmin', 'orderDetail', { shopId, orderId }));
  usePullDownRefresh(() => void loaded.reload().finally(() => Taro.stopPullDownRefresh()));

  return (
    <OwnerGate loaded={loaded}>
      {(o) => {
        const addr = o.delivery.address;
        const f = o.fulfilment;
        const statusLabel = o.statusLabel || ORDER_STATUS_LABELS[o.status];
        return (
          <View className="owner-order">
            <View className={`owner-order__status owner-order__status--${o.status}`}>
              <Text className="owner-order__label" data-testid="owner-order-status">{statusLabel}</Text>
              <Text className="owner-order__sub">
                {OT.order.paymentMethods[o.paymentMethod]} · {OT.order.buyer} <Text data-testid="owner-order-buyer">{o.buyerName}</Text>
              </Text>
            </View>
            <FailedRefunds shopId={shopId} refunds={o.refunds} onChanged={() => void loaded.reload()} />
            <View className="section">
              <Text className="section__title">{OT.order.lines}</Text>
              {o.lines.map((l) => (
                <View key={l.lineNo} className="row owner-order__line" data-testid="owner-order-line">
                  <Text className="owner-order__name">
                    <Text className={l.soldOut ? 'owner-order__out' : ''}>{lineTitle(l)} × {l.quantity}</Text>
                    {l.soldOut && <Text className="badge badge--red">{OT.order.soldOutMark}</Text>}
                    {!l.soldOut && l.refundedQuantity > 0 && <Text className="badge badge--grey">{OT.order.refundedUnits(l.refundedQuantity)}</Text>}
                  </Text>
                  <Text>{formatYuan(l.lineTotal)}</Text>
                </View>
              ))}
              <View className="row"><Text className="muted">{OT.order.subtotal}</Text><Text>{formatYuan(o.subtotal)}</Text></View>
              <OrderDiscounts discounts={o.discounts} />
              {o.delivery.method && (
                <View className="row"><Text className="muted">{OT.order.deliveryFee}（{T.delivery[o.delivery.method]}）</Text><Text>{formatYuan(o.deliveryFee)}</Text></View>
              )}
              <View className="row"><Text>{OT.order.total}</Text><Text className="order__total" data-testid="owner-order-total">{formatYuan(o.total)}</Text></View>
              {o.paidFen > 0 && <View className="row"><Text className="muted">{OT.order.paid}</Text><Text>{formatYuan(o.paidFen)}</Text></View>}
              {o.refundPendingFen > 0 && (
                <View className="row"><Text className="muted">{OT.order.refundPending}</Text><Text data-testid="refund-pending">{formatYuan(o.refundPendingFen)}</Text></View>
              )}
              {o.refundedFen > 0 && (
                <View className="row"><Text className="muted">{OT.order.refunded}</Text><Text data-testid="refunded">{formatYuan(o.refundedFen)}</Text></View>
              )}
            </View>
            {(addr || f) && (
              <View className="section">
                {addr && (
                  <View>
                    <Text className="section__title">{OT.order.address}</Text>
                    <Text className="order__addr">{addr.userName} {addr.telNumber}</Text>
                    <Text className="order__addr muted">{addr.provinceName}{addr.cityName}{addr.countyName}{addr.detailInfo}</Text>
                  </View>
                )}
                {f && (
                  <View className="row">
                    <Text className="muted">{OT.order.fulfilment}</Text>
                    <Text>{FULFILMENT_LABELS[f.kind]}{f.carrier && f.trackingNo ? ` · ${OT.order.carrierLine(f.carrier, f.trackingNo)}` : ''}</Text>
                  </View>
                )}
              </View>
            )}
            <Timeline entries={o.timeline} />
            <View className="section">
              {o.note && <View className="row"><Text className="muted">{OT.order.note}</Text><Text>{o.note}</Text></View>}
              {o.rejectReason && <View className="row"><Text className="muted">{OT.order.rejectReason}</Text><Text>{o.rejectReason}</Text></View>}
              {o.cancelReason && <View className="row"><Text className="muted">{OT.order.cancelReason}</Text><Text>{o.cancelReason}</Text></View>}
              <View className="row"><Text className="muted">{OT.order.orderNo}</Text>
                <Text className="order__no tap" onClick={() => void Taro.setClipboardData({ data: o.orderId })}>{o.orderId}</Text></View>
              <View className="row"><Text className="muted">{OT.order.createdAt}</Text><Text>{formatDateTime(o.createdAt)}</Text></View>
            </View>
            {/* The actions' in-page parts (an after-sale request to answer) come before the space the fixed bar covers. */}
            <OrderActions shopId={shopId} order={o} onChanged={() => void loaded.reload()} />
            <View className="bottom-space" />
          </View>
        );
      }}
    </OwnerGate>
  );
}
