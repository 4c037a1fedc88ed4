// 店铺概况 (PRODUCT.md owner item 5): today's paid orders and revenue, orders waiting, active members and
// the 7-day revenue chart; a new shop sees its first steps (add a product, share the shop, set up pay).
// The way into every other owner page.
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { formatYuan } from '../../../../core/money';
import { CloudImage } from '../../../components/CloudImage';
import { pictureSrc } from '../../../services/images';
import { call } from '../../../services/cloud';
import { AlertsEntry } from '../../components/AlertsEntry';
import { NotifyBanner } from '../../components/NotifyBanner';
import { OwnerGate } from '../../components/OwnerGate';
import { RevenueChart } from '../../components/RevenueChart';
import { useOwnerLoad } from '../../components/useOwnerLoad';
import { ownerUrl } from '../../lib/routes';
import { OT } from '../../text';
import './index.scss';

export default function DashboardPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const loaded = useOwnerLoad(async () => {
    const [shop, stats, products] = await Promise.all([
      call('shopAdmin', 'getShop', { shopId }),
      call('shopAdmin', 'dashboard', { shopId }),
      call('shopAdmin', 'listProducts', { shopId, limit: 1 }),
    ]);
    return { shop, stats, hasProducts: products.items.length > 0 };
  });
  usePullDownRefresh(() => void loaded.reload().finally(() => Taro.stopPullDownRefresh()));
  const go = (page: Parameters<typeof ownerUrl>[0], extra?: Record<string, string>) => Taro.navigateTo({ url: ownerUrl(page, shopId, extra) });

  return (
    <OwnerGate loaded={loaded}>
      {({ shop, stats, hasProducts }) => {
        const payReady = shop.settings.subMchId !== null;
        const steps = [
          { key: 'product', done: hasProducts, title: OT.dashboard.addFirstProduct, hint: OT.dashboard.addFirstProductHint, go: () => go('product') },
          { key: 'share', done: false, title: OT.dashboard.shareShop, hint: OT.dashboard.shareShopHint, go: () => go('share') },
          { key: 'pay', done: payReady, title: OT.dashboard.setUpPay, hint: OT.dashboard.setUpPayHint, go: () => go('settings') },
        ];
        const menu: { key: Parameters<typeof ownerUrl>[0]; label: string; icon: string; badge?: number }[] = [
          { key: 'orders', label: OT.dashboard.menu.orders, icon: '单', badge: stats.waiting },
          { key: 'products', label: OT.dashboard.menu.products, icon: '货' },
          { key: 'categories', label: OT.dashboard.menu.categories, icon: '类' },
          { key: 'members', label: OT.dashboard.menu.members, icon: '会' },
          { key: 'share', label: OT.dashboard.menu.share, icon: '享' },
          { key: 'settings', label: OT.dashboard.menu.settings, icon: '设' },
        ];
        return (
          <View className="dashboard">
            <NotifyBanner />
            <View className="dashboard__header">
              <CloudImage className="dashboard__logo" src={pictureSrc(shop.logo, shop.logoUrl)} />
              <View className="dashboard__titles">
                <Text className="dashboard__name" data-testid="dashboard-shop-name">{shop.name}</Text>
                <Text className="dashboard__code">{OT.share.code(shop.code)}</Text>
              </View>
              <Text className="dashboard__preview" onClick={() => Taro.navigateTo({ url: `/pages/shop/index?id=${shopId}` })}>
                {OT.dashboard.menu.storefront} ›
              </Text>
            </View>
            <AlertsEntry shopId={shopId} />
            {(!hasProducts || !payReady) && (
              <View className="section dashboard__steps" data-testid="first-steps">
                <Text className="section__title">{OT.dashboard.firstSteps}</Text>
                {steps.map((s, i) => (
                  <View key={s.key} className={`dashboard__step ${s.done ? 'dashboard__step--done' : ''}`} data-testid={`step-${s.key}`} onClick={s.go}>
                    <Text className="dashboard__step-no">{s.done ? '✓' : i + 1}</Text>
                    <View className="dashboard__step-text">
                      <Text className="dashboard__step-title">{s.title}</Text>
                      <Text className="muted">{s.done ? OT.dashboard.stepDone : s.hint}</Text>
                    </View>
                    <Text className="muted">›</Text>
                  </View>
                ))}
              </View>
            )}
            <View className="section dashboard__stats">
              <View className="dashboard__stat">
                <Text className="dashboard__stat-value" data-testid="today-revenue">{formatYuan(stats.today.revenue)}</Text>
                <Text className="muted">{OT.dashboard.todayRevenue}</Text>
              </View>
              <View className="dashboard__stat">
                <Text className="dashboard__stat-value" data-testid="today-orders">{stats.today.paidOrders}</Text>
                <Text className="muted">{OT.dashboard.todayOrders}</Text>
              </View>
              <View className="dashboard__stat" onClick={() => go('orders')}>
                <Text className={`dashboard__stat-value ${stats.waiting > 0 ? 'dashboard__stat-value--alert' : ''}`} data-testid="waiting">{stats.waiting}</Text>
                <Text className="muted">{OT.dashboard.waiting}</Text>
              </View>
              <View className="dashboard__stat" onClick={() => go('members')}>
                <Text className="dashboard__stat-value" data-testid="active-members">{stats.activeMembers}</Text>
                <Text className="muted">{OT.dashboard.members}</Text>
              </View>
            </View>
            <RevenueChart days={stats.days} />
            <View className="section dashboard__menu">
              {menu.map((m) => (
                <View key={m.key} className="dashboard__menu-item" data-testid={`menu-${m.key}`} onClick={() => go(m.key)}>
                  <Text className="dashboard__menu-icon">{m.icon}</Text>
                  <Text className="dashboard__menu-label">{m.label}</Text>
                  {m.badge ? <Text className="dashboard__menu-badge">{m.badge}</Text> : null}
                </View>
              ))}
            </View>
          </View>
        );
      }}
    </OwnerGate>
  );
}
