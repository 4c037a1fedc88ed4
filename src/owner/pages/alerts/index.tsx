// 店铺提醒: the shop's alerts (late payments, refunds WeChat Pay refused, shipping uploads that failed),
// newest first and paged; an alert about an order opens that order, where a failed refund is retried.
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { PageState } from '../../../components/PageState';
import { errorMessage } from '../../../services/cloud';
import { AlertItem } from '../../components/AlertItem';
import { OwnerGate } from '../../components/OwnerGate';
import { useOwnerLoad } from '../../components/useOwnerLoad';
import { readAlerts } from '../../lib/alerts';
import { OT } from '../../text';
import './index.scss';

export default function AlertsPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const [more, setMore] = useState(false);
  const loaded = useOwnerLoad(() => readAlerts(shopId));
  usePullDownRefresh(() => void loaded.reload().finally(() => Taro.stopPullDownRefresh()));

  const loadMore = async () => {
    const page = loaded.data;
    if (!page || !page.hasMore || more) return;
    setMore(true);
    try {
      loaded.set(await readAlerts(shopId, page.items));
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setMore(false);
    }
  };
  useReachBottom(() => void loadMore());

  return (
    <OwnerGate loaded={loaded}>
      {(page) =>
        page.items.length === 0 ? (
          <PageState kind="empty" message={OT.alerts.empty} />
        ) : (
          <View className="alerts">
            {page.items.map((a) => <AlertItem key={a.alertId} shopId={shopId} alert={a} />)}
            {page.hasMore ? (
              <View className="alerts__more" data-testid="alerts-more" onClick={() => void loadMore()}>{more ? OT.common.loading : OT.common.loadMore}</View>
            ) : (
              <View className="alerts__more alerts__more--end">{OT.common.noMore}</View>
            )}
          </View>
        )
      }
    </OwnerGate>
  );
}
