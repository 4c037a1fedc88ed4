// My orders (PRODUCT.md item 12): tabs by status, newest first, paged (orders.list).
import { Text, View } from '@tarojs/components';
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

  useDidShow(() => void load(tab, 0));
  usePullDownRefresh(() => void load(tab, 0).finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => {
    if (!hasMore || loadingMore || !items) return;
    setLoadingMore(true);
    void load(tab, items.length).finally(() => setLoadingMore(false));
  });

  const choose = (status: OrderStatus | null) => {
    setTab(status);
    setItems(null);
    void load(status, 0);
  };

  let body;
  if (error && !items) body = <PageState kind="error" message={error} onRetry={() => void load(tab, 0)} />;
  else if (!items) body = <PageState kind="loading" />;
  else if (items.length === 0) body = <PageState kind="empty" message={T.orders.empty} />;
  else
    body = (
      <View>
        {items.map((o) => (
          <View key={o.orderId} className="section orders__item" data-testid="order-item"
            onClick={() => Taro.navigateTo({ url: `/pages/order/index?id=${o.orderId}` })}>
            <View className="row">
              <Text className="orders__shop">{o.shopName}</Text>
              <Text className="orders__status">{ORDER_STATUS_LABELS[o.status]}</Text>
            </View>
            <View className="orders__main">
              <CloudImage className="orders__cover" src={o.firstLine.cover} />
              <View className="orders__info">
                <Text>{o.firstLine.name}</Text>
                <Text className="muted">{T.orders.items(o.itemCount)} · {formatDateTime(o.createdAt)}</Text>
              </View>
              <Text className="orders__total">{formatYuan(o.total)}</Text>
            </View>
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
          <Text key={s ?? 'all'} className={`orders__tab ${tab === s ? 'orders__tab--on' : ''}`} onClick={() => choose(s)}>
            {s ? ORDER_STATUS_LABELS[s] : T.orders.all}
          </Text>
        ))}
      </View>
      {body}
    </View>
  );
}
