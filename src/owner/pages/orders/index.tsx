// 订单 (docs/product.md §3): the inbox by tab (lib/inbox.ts), newest first, paged; a tap opens the
// order with its timeline and actions. Reloaded whenever the page shows, so a handled order moves tabs.
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { formatYuan } from '../../../../core/money';
import { FULFILMENT_LABELS, ORDER_STATUS_LABELS } from '../../../../core/order-state';
import { CloudImage } from '../../../components/CloudImage';
import { PageState } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/time';
import { errorMessage } from '../../../services/cloud';
import { OwnerGate } from '../../components/OwnerGate';
import { useOwnerLoad } from '../../components/useOwnerLoad';
import { INBOX_TABS, readInbox, tabByKey, type InboxPage, type InboxTab } from '../../lib/inbox';
import { ownerUrl } from '../../lib/routes';
import { OT } from '../../text';
import './index.scss';

export default function OrdersPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const [tab, setTab] = useState<InboxTab>(() => tabByKey(params.tab));
  const current = useRef(tab);
  const [more, setMore] = useState(false);
  const loaded = useOwnerLoad<InboxPage & { tab: InboxTab['key'] }>(async () => {
    const t = current.current;
    return { ...(await readInbox(shopId, t)), tab: t.key };
  });
  usePullDownRefresh(() => void loaded.reload().finally(() => Taro.stopPullDownRefresh()));

  const choose = (t: InboxTab) => {
    if (t.key === tab.key) return;
    current.current = t;
    setTab(t);
    void loaded.reload();
  };
  const loadMore = async () => {
    const page = loaded.data;
    if (!page || !page.hasMore || more) return;
    setMore(true);
    try {
      loaded.set({ ...(await readInbox(shopId, tab, page.items, page.cursor)), tab: tab.key });
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setMore(false);
    }
  };
  useReachBottom(() => void loadMore());

  return (
    <View className="inbox">
      <View className="owner-tabs">
        {INBOX_TABS.map((t) => (
          <Text key={t.key} className={`owner-tabs__tab ${t.key === tab.key ? 'owner-tabs__tab--on' : ''}`} data-testid={`tab-${t.key}`} onClick={() => choose(t)}>
            {t.label}
          </Text>
        ))}
      </View>
      <OwnerGate loaded={loaded}>
        {(page) =>
          page.tab !== tab.key ? <PageState kind="loading" /> : page.items.length === 0 ? (
            <PageState kind="empty" message={OT.orders.empty} />
          ) : (
            <View>
              {page.items.map((o) => (
                <View key={o.orderId} className="section inbox__order" data-testid="inbox-order"
                  onClick={() => Taro.navigateTo({ url: ownerUrl('order', shopId, { orderId: o.orderId }) })}>
                  <View className="row">
                    <Text className="muted">{formatDateTime(o.createdAt)}</Text>
                    <Text className={`inbox__status inbox__status--${o.status}`} data-testid="inbox-status">
                      {o.status === 'fulfilled' && o.fulfilmentKind ? FULFILMENT_LABELS[o.fulfilmentKind] : ORDER_STATUS_LABELS[o.status]}
                    </Text>
                  </View>
                  <View className="inbox__body">
                    <CloudImage className="inbox__cover" src={o.firstLine.cover} />
                    <View className="inbox__text">
                      <Text className="inbox__name">{o.firstLine.name}</Text>
                      <Text className="muted">
                        {OT.orders.items(o.itemCount)} · <Text className={`inbox__pay inbox__pay--${o.paymentMethod}`} data-testid="inbox-pay">{OT.order.paymentMethods[o.paymentMethod]}</Text>
                      </Text>
                    </View>
                    <Text className="inbox__total">{formatYuan(o.total)}</Text>
                  </View>
                </View>
              ))}
              {page.hasMore ? (
                <View className="inbox__more" onClick={() => void loadMore()}>{more ? OT.common.loading : OT.common.loadMore}</View>
              ) : (
                <View className="inbox__more inbox__more--end">{OT.common.noMore}</View>
              )}
            </View>
          )
        }
      </OwnerGate>
    </View>
  );
}
