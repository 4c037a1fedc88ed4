// Membership in one shop (docs/product.md §13): my membership with its expiry, the shop's plans (products
// of kind `membership`), buy or renew (renewal stacks onto the remaining time, membership.ts). On iOS
// WeChat's rule replaces the pay button (no ordinary WeChat Pay for virtual goods).
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { MembershipRow } from '../../components/MembershipRow';
import { PageState } from '../../components/PageState';
import { Price } from '../../components/Price';
import { virtualPayBlocked } from '../../services/platform';
import { useShop } from '../../stores/shop';
import { askRenewalReminder } from '../../services/subscribe';
import { T } from '../../text';
import './index.scss';

export default function MembershipPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const { home, status, error, load } = useShop();
  const refresh = () => load({ shopId });
  useDidShow(() => void refresh());
  usePullDownRefresh(() => void refresh().finally(() => Taro.stopPullDownRefresh()));

  const current = home && home.shop.shopId === shopId ? home : null;
  if (status === 'error' && !current) return <PageState kind="error" message={error ?? undefined} onRetry={() => void refresh()} />;
  if (!current) return <PageState kind="loading" />;

  const plans = current.plans;
  const mine = current.memberships;
  const blocked = virtualPayBlocked();

  return (
    <View className="membership">
      <View className="section">
        <Text className="section__title">{current.shop.name} · {T.membership.mine}</Text>
        {mine.length === 0 ? <Text className="muted">{T.membership.none}</Text> : mine.map((m) => <MembershipRow key={m.tag} m={m} />)}
      </View>
      <View className="section">
        <Text className="section__title">{T.membership.plans}</Text>
        {plans.length === 0 && <PageState kind="empty" message={T.membership.plansEmpty} />}
        {plans.map((p) => {
          const held = mine.some((m) => m.state === 'active' && m.tag === p.membership?.tag);
          return (
            <View key={p.productId} className="membership__plan" data-testid="plan">
              <View className="membership__plan-info">
                <Text className="membership__plan-name">{p.name}</Text>
                <Text className="muted">{p.membership ? T.product.kindMembership(p.membership.days) : ''}{held ? ` · ${T.membership.renewHint}` : ''}</Text>
                <Price pay={p.payPrice} list={p.price} />
              </View>
              {!blocked && (
                <Button
                  className="primary-button membership__buy"
                  size="mini"
                  disabled={p.soldOut || p.locked}
                  data-testid="buy-plan"
                  onClick={() => { askRenewalReminder(); void Taro.navigateTo({ url: `/pages/checkout/index?shopId=${shopId}&buy=${p.productId}` }); }}
                >
                  {held ? T.membership.renew : T.membership.buy}
                </Button>
              )}
            </View>
          );
        })}
        {blocked && plans.length > 0 && <Text className="membership__ios" data-testid="ios-rule">{T.membership.iosRule}</Text>}
      </View>
    </View>
  );
}
