// 店铺概况 (docs/product.md §5): today's paid orders and revenue, orders waiting, active members and
// the 7-day revenue chart; a new shop sees its first steps (add a product, share the shop, set up pay).
// The way into every other owner page.
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { formatYuan } from '../../../../core/money';
import { CloudImage } from '../../../components/CloudImage';
import { call } from '../../../services/cloud';
import { AlertsEntry } from '../../components/AlertsEntry';
import { NotifyBanner } from '../../components/NotifyBanner';
import { OwnerGate } from '../../components/OwnerGate';
import { RevenueChart } from '../../components/RevenueChart';
import { useOwnerLoad } from '../../components/useOwnerLoad';
import { ownerUrl } from '../../lib/routes';
import { OT } from '../../text';
import { useState } from 'react';
import { mayRun, ROLE_LABELS, type ShopOperation } from '../../../../core/roles';
import { requestOwnerSubscriptions } from '../../../services/subscribe';
import { PT } from '../../promotions-text';
import './index.scss';

export default function DashboardPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const loaded = useOwnerLoad(async () => {
    // The role comes with the shop (core/roles.ts); only what the role may see is asked for.
    const shop = await call('shopAdmin', 'getShop', { shopId });
    const [stats, products] = await Promise.all([
      mayRun(shop.role, 'dashboard') ? call('shopAdmin', 'dashboard', { shopId }) : Promise.resolve(null),
      call('shopAdmin', 'listProducts', { shopId, limit: 1 }),
    ]);
    return { shop, stats, hasProducts: products.items.length > 0 };
  });
  const [subscribed, setSubscribed] = useState(false);
  const subscribe = async () => {
    await requestOwnerSubscriptions();
    await call('shopAdmin', 'subscribeNewOrders', { shopId, on: true }).then(() => setSubscribed(true)).catch(() => undefined);
  };
  usePullDownRefresh(() => void loaded.reload().finally(() => Taro.stopPullDownRefresh()));
  const go = (page: Parameters<typeof ownerUrl>[0], extra?: Record<string, string>) => Taro.navigateTo({ url: ownerUrl(page, shopId, extra) });

  return (
    <OwnerGate loaded={loaded}>
      {({ shop, stats, hasProducts }) => {
        const payReady = shop.settings.subMchId !== null;
        const isOwner = shop.role === 'owner';
        const steps = [
          { key: 'product', done: hasProducts, title: OT.dashboard.addFirstProduct, hint: OT.dashboard.addFirstProductHint, go: () => go('product') },
          { key: 'share', done: false, title: OT.dashboard.shareShop, hint: OT.dashboard.shareShopHint, go: () => go('share') },
          { key: 'pay', done: payReady, title: OT.dashboard.setUpPay, hint: OT.dashboard.setUpPayHint, go: () => go('settings') },
        ];
        // Each entry shows only for a role that may run what the page needs (the server refuses the rest anyway).
        const allMenu: { key: Parameters<typeof ownerUrl>[0]; op: ShopOperation; label: string; icon: string; badge?: number }[] = [
          { key: 'orders', op: 'inbox', label: OT.dashboard.menu.orders, icon: '单', badge: stats?.waiting },
          { key: 'products', op: 'createProduct', label: OT.dashboard.menu.products, icon: '货' },
          { key: 'categories', op: 'createCategory', label: OT.dashboard.menu.categories, icon: '类' },
          { key: 'members', op: 'members', label: OT.dashboard.menu.members, icon: '会' },
          { key: 'share', op: 'qrCode', label: OT.dashboard.menu.share, icon: '享' },
          { key: 'promotions', op: 'listPromotions', label: PT.title, icon: '券' },
          { key: 'staff', op: 'listStaff', label: OT.staff.title, icon: '员' },
          { key: 'settings', op: 'updateSettings', label: OT.dashboard.menu.settings, icon: '设' },
        ];
        const menu = allMenu.filter((m) => mayRun(shop.role, m.op));
        return (
          <View className="dashboard">
            <NotifyBanner />
            <View className="dashboard__header">
              <CloudImage className="dashboard__logo" src={shop.logo} />
              <View className="dashboard__titles">
                <Text className="dashboard__name" data-testid="dashboard-shop-name">{shop.name}</Text>
                <Text className="dashboard__code">{OT.share.code(shop.code)}</Text>
                {!isOwner && <Text className="muted" data-testid="dashboard-role">{ROLE_LABELS[shop.role]}</Text>}
              </View>
              <Text className="dashboard__preview" onClick={() => Taro.navigateTo({ url: `/pages/shop/index?id=${shopId}` })}>
                {OT.dashboard.menu.storefront} ›
              </Text>
            </View>
            {mayRun(shop.role, 'alerts') && <AlertsEntry shopId={shopId} />}
            {!isOwner && mayRun(shop.role, 'subscribeNewOrders') && (
              <View className="section" data-testid="subscribe-new-orders" onClick={() => void subscribe()}>
                <Text>{subscribed ? OT.roles.subscribed : OT.roles.subscribe}</Text>
              </View>
            )}
            {isOwner && (!hasProducts || !payReady) && (
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
            {stats && <View className="section dashboard__stats">
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
            </View>}
            {stats && <RevenueChart days={stats.days} />}
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
