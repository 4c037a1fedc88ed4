// 我的: my memberships in every shop with their expiry (membership.mine), and the way to my orders.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import type { MembershipView } from '../../../core/contracts/views';
import { MembershipRow } from '../../components/MembershipRow';
import { PageState } from '../../components/PageState';
import { PersonaSwitcher } from '../../components/PersonaSwitcher';
import { call, errorMessage } from '../../services/cloud';
import { T } from '../../text';
import './index.scss';

export default function MePage() {
  const [memberships, setMemberships] = useState<MembershipView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      setMemberships(await call('membership', 'mine', {}));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const byShop = new Map<string, MembershipView[]>();
  for (const m of memberships ?? []) byShop.set(m.shopId, [...(byShop.get(m.shopId) ?? []), m]);

  return (
    <View className="me">
      <PersonaSwitcher />
      <View className="section" onClick={() => Taro.switchTab({ url: '/pages/orders/index' })}>
        <View className="row"><Text>{T.me.orders}</Text><Text className="muted">›</Text></View>
      </View>
      <View className="section">
        <Text className="section__title">{T.me.memberships}</Text>
        {error && !memberships ? (
          <PageState kind="error" message={error} onRetry={() => void load()} />
        ) : !memberships ? (
          <PageState kind="loading" />
        ) : memberships.length === 0 ? (
          <PageState kind="empty" message={T.me.membershipsEmpty} />
        ) : (
          [...byShop].map(([shopId, list]) => (
            <View key={shopId} className="me__shop" onClick={() => Taro.navigateTo({ url: `/pages/membership/index?shopId=${shopId}` })}>
              <Text className="me__shop-name">{list[0].shopName} ›</Text>
              {list.map((m) => <MembershipRow key={m.tag} m={m} />)}
            </View>
          ))
        )}
      </View>
    </View>
  );
}
