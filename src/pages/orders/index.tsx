// My orders (docs/product.md §12): tabs by status, newest first, paged (orders.list).
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { OrderSummaryView } from '../../../core/contracts/views';
import { formatYuan } from '../../../core/money';
import { ORDER_STATUS_LABELS, type OrderStatus } from '../../../core/order-state';
import { CloudImage } from '../../components/CloudImage';
import { PageState } from '../../components/PageState';
import { PersonaSwitcher } from '../../components/PersonaSwitcher';
import { formatDateTime } from '../../lib/time';
import { call, errorMessage } from '../../services/cloud';
import { T } from '../../text';
import './index.scss';

const TABS: (OrderStatus | null)[] = [null, 'unpaid', 'paid', 'accepted', 'fulfilled', 'completed', 'cancelled'];
const PAGE = 10;
import { ORDERS_TAB_KEY } from '../../lib/orders-tab';

export default function OrdersPage() {
  const [tab, setTab] = useState<OrderStatus | null>(null);
  const [items, setItems] = useState<OrderSummaryView[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const seq = useRef(0);

  const load = async (status: OrderStatus | null, offset: number) => {
    const mine = ++seq.current;
    try {
      const page = await call('orders', 'list', { ...(status ? { status } : {}), offset, limit: PAGE });
      if (mine !== seq.current) return;
      setItems((prev) => (offset === 0 || !prev ? page.items : [...prev, ...page.items]));
      setHasMore(page.hasMore);
      setError(null);
    } catch (err) {
      if (mine === seq.current) setError(errorMessage(err));
    }
  };

  useDidShow(() => {
    // 我的 → 待付款 etc.: a tab page takes no query, so the wanted tab is handed over in storage.
    const wanted = String(Taro.getStorageSync(ORDERS_TAB_KEY) ?? '');
    if (wanted) {
      Taro.removeStorageSync(ORDERS_TAB_KEY);
      const next = wanted === 'all' ? null : (wanted as OrderStatus);
      if (TABS.includes(next)) return choose(next);
    }
    void load(tab, 0);
  });
  usePullDownRefresh(() => void load(tab, 0).finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => {
    if (!hasMore || loadingMore || !items) return;
    setLoadingMore(true);
    void load(tab, items.length).finally(() => setLoadingMore(false));
  });

  const confirmReceipt = async (orderId: string) => {
    const { confirm } = await Taro.showModal({ title: T.orders.confirmReceipt, content: T.order.confirmReceiptConfirm, confirmText: T.orders.confirmReceipt, cancelText: T.common.cancel });
    if (!confirm) return;
    try {
      await call('orders', 'confirmReceipt', { orderId });
      await load(tab, 0);
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  };
  const open = (orderId: string) => Taro.navigateTo({ url: `/pages/order/index?id=${orderId}` });

  const choose = (status: OrderStatus | null) => {
    setTab(status);
    setItems(null);
    void load(status, 0);
  };

  let body;
  if (error && !items) body = <PageState kind="error" message={error} onRetry={() => void load(tab, 0)} />;
  else if (!items) body = <PageState kind="loading" />;
  else if (items.length === 0) {
    body = <PageState kind="empty" message={tab ? T.orders.emptyTab(ORDER_STATUS_LABELS[tab]) : T.orders.empty}
      action={{ label: T.orders.goShopping, onClick: () => void Taro.switchTab({ url: '/pages/home/index' }) }} />;
  }
  else
    body = (
      <View>
        {items.map((o) => (
          <View key={o.orderId} className="section orders__item" data-testid="order-item" onClick={() => open(o.orderId)}>
            <View className="row">
              <Text className="orders__shop">{o.shopName}</Text>
              <Text className="orders__status" data-testid="order-item-status">{o.statusLabel}</Text>
            </View>
            <View className="orders__main">
              <View className="orders__covers">
                {o.covers.map((c, i) => <CloudImage key={i} className="orders__cover" src={c} />)}
              </View>
              {o.covers.length <= 1 && (
                <View className="orders__info">
                  <Text>{o.firstLine.name}</Text>
                </View>
              )}
            </View>
            <View className="row">
              <Text className="muted">{T.orders.items(o.itemCount)} · {formatDateTime(o.createdAt)}</Text>
              <Text className="orders__total">{o.paidFen > 0 ? T.orders.paid : T.orders.due} {formatYuan(o.paidFen > 0 ? o.paidFen : o.total)}</Text>
            </View>
            {(o.actions.includes('repay') || o.actions.includes('confirmReceipt')) && (
              <View className="orders__actions">
                {o.actions.includes('repay') && (
                  <Button className="primary-button" data-testid="order-item-pay" onClick={(e) => { e.stopPropagation(); open(o.orderId); }}>{T.orders.pay}</Button>
                )}
                {o.actions.includes('confirmReceipt') && (
                  <Button className="primary-button" data-testid="order-item-receive" onClick={(e) => { e.stopPropagation(); void confirmReceipt(o.orderId); }}>{T.orders.confirmReceipt}</Button>
                )}
              </View>
            )}
          </View>
        ))}
        <Text className="orders__more muted">{hasMore ? T.common.loadMore : T.common.noMore}</Text>
      </View>
    );

  return (
    <View className="orders">
      <PersonaSwitcher />
      <View className="orders__tabs">
        {TABS.map((s) => (
          <Text key={s ?? 'all'} className={`orders__tab ${tab === s ? 'orders__tab--on' : ''}`} data-testid={`orders-tab-${s ?? 'all'}`} onClick={() => choose(s)}>
            {s ? ORDER_STATUS_LABELS[s] : T.orders.all}
          </Text>
        ))}
      </View>
      {body}
    </View>
  );
}
