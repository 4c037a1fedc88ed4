// Order detail (docs/product.md §11, §12, §14): status and payment state, timeline, lines, totals, and
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
import { AfterSaleSheet, AfterSaleState } from './AfterSale';
import { Downloads } from './Downloads';
import { Handover } from './Handover';
import { Timeline } from './Timeline';
import { OrderDiscounts } from '../../components/OrderDiscounts';
import './index.scss';

export default function OrderPage() {
  const { params } = useRouter();
  const orderId = params.id ?? '';
  const [order, setOrder] = useState<OrderDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<PaymentPhase>(
    params.payResult === 'ok' ? 'confirming' : params.payResult === 'fail' ? 'failed' : params.payResult ? 'cancelled' : 'idle',
  );
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
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

  const act = async (fn: () => Promise<unknown>, ask?: { title: string; content: string; confirmText: string; cancelText?: string }) => {
    if (busy) return;
    if (ask) {
      const { confirm: ok } = await Taro.showModal({ cancelText: T.order.keepOrder, ...ask });
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
      else if (outcome === 'failed') setPhase('failed');
      else if (outcome !== 'redirected') setPhase('cancelled');
    });

  const copyNo = () => void Taro.setClipboardData({ data: order.orderId }).then(() => Taro.showToast({ title: T.order.copied, icon: 'none' })).catch(() => undefined);
  // Money received: 实付 in red. Before (or without) payment it is what is owed, in plain ink.
  const paid = order.paidFen > 0;
  const totalLabel = paid ? T.order.total : order.status === 'unpaid' ? T.order.unpaidTotal : T.order.due;

  const can = (a: OrderDetailView['actions'][number]) => order.actions.includes(a);

  return (
    <View className="order">
      <OrderStatusView order={order} phase={phase} />
      {order.afterSale && <AfterSaleState a={order.afterSale} />}
      {(order.delivery.method !== null || order.shopContact.phone) && <Handover order={order} />}
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
        <OrderDiscounts discounts={order.discounts} />
        {order.delivery.method && (
          <View className="row"><Text className="muted">{T.order.deliveryFee}（{T.delivery[order.delivery.method]}）</Text><Text>{formatYuan(order.deliveryFee)}</Text></View>
        )}
        <View className="row"><Text data-testid="order-total-label">{totalLabel}</Text>
          <Text className={`order__total ${paid ? '' : 'order__total--due'}`} data-testid="order-total">{formatYuan(paid ? order.paidFen : order.total)}</Text>
        </View>
        {order.refundedFen > 0 && <View className="row"><Text className="muted">{T.order.refunded}</Text><Text>{formatYuan(order.refundedFen)}</Text></View>}
      </View>
      {order.downloads.length > 0 && can('download') && <Downloads orderId={orderId} downloads={order.downloads} onDone={() => void load()} />}
      <Timeline entries={order.timeline} />
      <View className="section">
        <View className="row"><Text className="muted">{T.order.orderNo}</Text>
          <View className="order__no-wrap"><Text className="order__no" data-testid="order-no">{order.orderId}</Text>
            <Text className="tap order__copy" data-testid="copy-order-no" onClick={copyNo}>{T.order.copy}</Text></View>
        </View>
        <View className="row"><Text className="muted">{T.order.createdAt}</Text><Text>{formatDateTime(order.createdAt)}</Text></View>
        {order.note && <View className="row"><Text className="muted">{T.order.note}</Text><Text>{order.note}</Text></View>}
      </View>
      <View className="bottom-space" />
      <View className="bottom-bar order__actions">
        {phase === 'pending' && order.status === 'unpaid' && (
          <Button className="secondary-button" onClick={() => void confirm()}>{T.order.refresh}</Button>
        )}
        {can('afterSale') && (
          <Button className="secondary-button" data-testid="request-aftersale" disabled={busy} onClick={() => setAsking(true)}>{T.order.afterSale}</Button>
        )}
        {can('cancel') && phase !== 'confirming' && (
          <Button className="secondary-button" data-testid="cancel-order" disabled={busy}
            onClick={() => void act(() => call('orders', 'cancel', { orderId }),
              { title: T.order.cancelConfirmTitle, content: T.order.cancelConfirm, confirmText: T.order.cancel })}>{T.order.cancel}</Button>
        )}
        {can('repay') && phase !== 'confirming' && (
          <Button className="primary-button" data-testid="repay" disabled={busy} onClick={() => void repay()}>{T.order.pay}</Button>
        )}
        {can('confirmReceipt') && (
          <Button className="primary-button" data-testid="confirm-receipt" disabled={busy}
            onClick={() => void act(() => call('orders', 'confirmReceipt', { orderId }),
              { title: T.order.confirmReceipt, content: T.order.confirmReceiptConfirm, confirmText: T.order.confirmReceipt, cancelText: T.common.cancel })}>{T.order.confirmReceipt}</Button>
        )}
      </View>
      {asking && <AfterSaleSheet order={order} onClose={() => setAsking(false)} onDone={() => { setAsking(false); void load(); }} />}
    </View>
  );
}
