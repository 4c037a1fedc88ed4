// Home: shops I visited recently (kept on the phone), my shops — owned, or where I am staff — (shopAdmin.myShops), and
// the way into the owner console (the `owner` subpackage).
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import type { ShopSummary } from '../../../core/contracts/views';
import { CloudImage } from '../../components/CloudImage';
import { PageState } from '../../components/PageState';
import { PersonaSwitcher } from '../../components/PersonaSwitcher';
import { call, errorMessage } from '../../services/cloud';
import { useSession } from '../../stores/session';
import { T } from '../../text';
import { ROLE_LABELS } from '../../../core/roles';
import './index.scss';

export default function HomePage() {
  const recent = useSession((s) => s.recentShops);
  const [mine, setMine] = useState<ShopSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      setMine(await call('shopAdmin', 'myShops', {}));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));
  const openShop = (shopId: string) => Taro.navigateTo({ url: `/pages/shop/index?id=${shopId}` });

  return (
    <View className="home">
      <PersonaSwitcher />
      <View className="section">
        <Text className="section__title">{T.home.recent}</Text>
        {recent.length === 0 ? (
          <PageState kind="empty" message={T.home.recentEmpty} />
        ) : (
          recent.map((s) => (
            <View key={s.shopId} className="home__shop" data-testid="recent-shop" onClick={() => openShop(s.shopId)}>
              <CloudImage className="home__logo" src={s.logo} />
              <Text className="home__name">{s.name}</Text>
              <Text className="muted">›</Text>
            </View>
          ))
        )}
      </View>
      {error && !mine && (
        <View className="section"><PageState kind="error" message={error} onRetry={() => void load()} /></View>
      )}
      {mine && mine.length > 0 && (
        <View className="section">
          <Text className="section__title">{T.home.mine}</Text>
          {mine.map((s) => (
            <View key={s.shopId} className="home__shop" data-testid="my-shop"
              onClick={() => Taro.navigateTo({ url: `/owner/pages/dashboard/index?shopId=${s.shopId}` })}>
              <CloudImage className="home__logo" src={s.logo} />
              <Text className="home__name">{s.name}</Text>
              {s.role !== 'owner' && <Text className="muted" data-testid="my-shop-role">{ROLE_LABELS[s.role]}</Text>}
              {s.waiting > 0 && <Text className="home__waiting">{T.home.waiting(s.waiting)}</Text>}
            </View>
          ))}
        </View>
      )}
      <View className="section home__open" data-testid="open-shop" onClick={() => Taro.navigateTo({ url: '/owner/pages/open/index' })}>
        <Text className="home__open-title">{T.home.openShop}</Text>
        <Text className="muted">{T.home.openShopHint}</Text>
      </View>
      <View className="section home__open" data-testid="join-shop" onClick={() => Taro.navigateTo({ url: '/owner/pages/join/index' })}>
        <Text className="home__open-title">{T.home.joinShop}</Text>
        <Text className="muted">{T.home.joinShopHint}</Text>
      </View>
    </View>
  );
}
