// 我的优惠券: usable (with those an unpaid order holds, marked), used and expired; a code box to redeem a
// coupon code. A share card from the owner opens this page with ?code=, and the coupon is claimed at once.
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MyCoupon } from '../../../core/contracts/coupons';
import { chinaDayKey } from '../../../core/time';
import { PageState } from '../../components/PageState';
import { CT } from '../../coupon-text';
import { call, errorMessage } from '../../services/cloud';
import './index.scss';

type Tab = keyof typeof CT.tabs;
const TABS: Tab[] = ['usable', 'used', 'expired'];

export default function CouponsPage() {
  const { params } = useRouter();
  const [tab, setTab] = useState<Tab>('usable');
  const [list, setList] = useState<MyCoupon[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState(params.code ?? '');
  const [busy, setBusy] = useState(false);
  const redeemedFromCard = useRef(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      setList(await call('orders', 'myCoupons', { state: tab }));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [tab]);
  useDidShow(() => void load());
  useEffect(() => void load(), [load]);

  const redeem = useCallback(async (value: string) => {
    if (busy || !value.trim()) return;
    setBusy(true);
    try {
      await call('orders', 'claimCoupon', { code: value.trim() });
      Taro.showToast({ title: CT.claimedToast, icon: 'success', duration: 800 });
      setCode('');
      setTab('usable');
      await load();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  }, [busy, load]);
  useEffect(() => {
    if (params.code && !redeemedFromCard.current) {
      redeemedFromCard.current = true;
      void redeem(params.code);
    }
  }, [params.code, redeem]);

  return (
    <View className="coupons">
      <View className="coupons__tabs">
        {TABS.map((t) => (
          <View key={t} className={`coupons__tab ${tab === t ? 'coupons__tab--on' : ''}`} data-testid={`coupons-tab-${t}`} onClick={() => setTab(t)}>
            <Text>{CT.tabs[t]}</Text>
          </View>
        ))}
      </View>
      <View className="section coupons__redeem">
        <Input className="coupons__input" value={code} placeholder={CT.codePlaceholder} maxlength={8} data-testid="coupon-code"
          onInput={(e) => setCode(e.detail.value.toUpperCase())} />
        <Button size="mini" className="primary-button coupons__button" disabled={busy} data-testid="coupon-redeem" onClick={() => void redeem(code)}>{CT.redeem}</Button>
      </View>
      {error && !list && <PageState kind="error" message={error} onRetry={() => void load()} />}
      {!error && !list && <PageState kind="loading" />}
      {list && list.length === 0 && <PageState kind="empty" message={CT.empty[tab]} />}
      {list && list.length > 0 && (
        <View className="section">
          {list.map((c) => (
            <View key={c.couponId} className={`coupons__item ${tab === 'usable' ? '' : 'coupons__item--off'}`} data-testid="my-coupon"
              onClick={() => tab === 'usable' && Taro.navigateTo({ url: `/pages/shop/index?id=${c.shopId}` })}>
              <View className="coupons__what">
                <Text className="coupons__label">{c.label}</Text>
                <Text>{c.name}</Text>
                <Text className="muted">{c.state === 'held' ? CT.held : CT.validUntil(chinaDayKey(c.validUntil - 1))}</Text>
              </View>
              {tab === 'usable' && <Text className="muted">›</Text>}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
