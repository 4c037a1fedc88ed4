// Order detail (PRODUCT.md items 11, 12, 14): status and payment state, timeline, lines, totals, and
// what the buyer may do now (the server's `actions`). Back from paying (?payResult=ok from the h5
// cashier, or requestPayment's success in weapp) the page shows "支付确认中" and waits for the server.
import { lineTitle } from '../../../core/options';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { OrderDetailView } from '../../../core/contracts/views';
import { formatYuan } from '../../../core/money';
import { OrderStatusView, type PaymentPhase } from '../../components/OrderStatusView';
import { PageState } from '../../components/PageState';
import { formatDateTime } from '../../lib/time';
import { call, errorMessage } from '../../services/cloud';
import { requestPay, waitUntilPaid } from '../../services/pay';
import { clientPlatform } from '../../services/platform';
import { useShop } from '../../stores/shop';
import { T } from '../../text';
import { Downloads } from './Downloads';
import { Timeline } from './Timeline';
import './index.scss';

export default function OrderPage() {
  const { params } = useRouter();
  const orderId = params.id ?? '';
  const [order, setOrder] = useState<OrderDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<PaymentPhase>(params.payResult === 'ok' ? 'confirming' : params.payResult ? 'cancelled' : 'idle');
  const [busy, setBusy] = useState(false);
  const left = useRef(false);
  const confirming = useRef(false);
  // Back from paying: confirm once, on the first show.
  const wantConfirm = useRef(params.payResult === 'ok');

  const load = async (): Promise<OrderDetailView | null> => {
    try {
      const o = await call('orders', 'detail', { orderId });
      setOrder(o);
      setError(null);
      return o;
    } catch (err) {
      setError(errorMessage(err));
      return null;
    }
  };

  const confirm = async () => {
    if (confirming.current) return;
    confirming.current = true;
    setPhase('confirming');
    try {
      const status = await waitUntilPaid(orderId, { cancelled: () => left.current });
      const o = await load();
      setPhase(status === null && o?.status === 'unpaid' ? 'pending' : 'idle');
      // Member prices and members-only products unlock on the next shop visit, without a restart.
      if (status !== null) useShop.getState().invalidate();
    } catch (err) {
      setError(errorMessage(err));
      setPhase('pending');
    } finally {
      confirming.current = false;
    }
  };

  useDidShow(() => {
    left.current = false;
    void load().then((o) => {
      if (!wantConfirm.current) return;
      wantConfirm.current = false;
      if (o?.status === 'unpaid') void confirm();
      else setPhase('idle');
    });
  });
  useDidHide(() => {
    left.current = true;
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (error && !order) return <PageState kind="error" message={error} onRetry={() => void load()} />;
  if (!order) return <PageState kind="loading" />;

  const act = async (fn: () => Promise<unknown>, confirmText?: string) => {
    if (busy) return;
    if (confirmText) {
      const { confirm: ok } = await Taro.showModal({ title: '', content: confirmText });
      if (!ok) return;
    }
    setBusy(true);
    try {
      await fn();
      await load();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const repay = () =>
    act(async () => {
      const r = await call('orders', 'repay', { orderId, clientPlatform: clientPlatform() });
      const outcome = await requestPay(r.payment, orderId);
      if (outcome === 'submitted') void confirm();
      else if (outcome !== 'redirected') setPhase('cancelled');
    });

  const can = (a: OrderDetailView['actions'][number]) => order.actions.includes(a);
  const addr = order.delivery.address;

  return (
    <View className="order">
      <OrderStatusView order={order} phase={phase} />
      {addr && (
        <View className="section">
          <Text className="section__title">{T.order.address}</Text>
          <Text className="order__addr">{addr.userName} {addr.telNumber}</Text>
          <Text className="order__addr muted">{addr.provinceName}{addr.cityName}{addr.countyName}{addr.detailInfo}</Text>
        </View>
      )}
      <View className="section">
        <Text className="section__title" data-testid="order-shop" onClick={() => Taro.navigateTo({ url: `/pages/shop/index?id=${order.shopId}` })}>
          {order.shopName} ›
        </Text>
        {order.lines.map((l) => (
          <View key={l.lineNo} className="row order__line" data-testid="order-line">
            <Text className="order__name">{lineTitle(l)} × {l.quantity}{l.soldOut ? `（${T.shop.soldOut}）` : ''}</Text>
            <Text>{formatYuan(l.lineTotal)}</Text>
          </View>
        ))}
        <View className="row"><Text className="muted">{T.order.subtotal}</Text><Text>{formatYuan(order.subtotal)}</Text></View>
        {order.delivery.method && (
          <View className="row"><Text className="muted">{T.order.deliveryFee}（{T.delivery[order.delivery.method]}）</Text><Text>{formatYuan(order.deliveryFee)}</Text></View>
        )}
        <View className="row"><Text>{T.order.total}</Text><Text className="order__total" data-testid="order-total">{formatYuan(order.total)}</Text></View>
        {order.refundedFen > 0 && <View className="row"><Text className="muted">{T.order.refunded}</Text><Text>{formatYuan(order.refundedFen)}</Text></View>}
      </View>
      {order.downloads.length > 0 && can('download') && <Downloads orderId={orderId} downloads={order.downloads} onDone={() => void load()} />}
      <Timeline entries={order.timeline} />
      <View className="section">
        <View className="row"><Text className="muted">{T.order.orderNo}</Text><Text className="order__no">{order.orderId}</Text></View>
        <View className="row"><Text className="muted">{T.order.createdAt}</Text><Text>{formatDateTime(order.createdAt)}</Text></View>
        {order.note && <View className="row"><Text className="muted">{T.order.note}</Text><Text>{order.note}</Text></View>}
      </View>
      <View className="bottom-space" />
      <View className="bottom-bar order__actions">
        {phase === 'pending' && order.status === 'unpaid' && (
          <Button className="secondary-button" size="mini" onClick={() => void confirm()}>{T.order.refresh}</Button>
        )}
        {can('cancel') && phase !== 'confirming' && (
          <Button className="secondary-button" size="mini" data-testid="cancel-order" disabled={busy}
            onClick={() => void act(() => call('orders', 'cancel', { orderId }), T.order.cancelConfirm)}>{T.order.cancel}</Button>
        )}
        {can('repay') && phase !== 'confirming' && (
          <Button className="primary-button" size="mini" data-testid="repay" disabled={busy} onClick={() => void repay()}>{T.order.pay}</Button>
        )}
        {can('confirmReceipt') && (
          <Button className="primary-button" size="mini" data-testid="confirm-receipt" disabled={busy}
            onClick={() => void act(() => call('orders', 'confirmReceipt', { orderId }), T.order.confirmReceiptConfirm)}>{T.order.confirmReceipt}</Button>
        )}
      </View>
    </View>
  );
}
