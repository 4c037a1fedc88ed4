// 领券: the coupons a shop hands out and its running 满减, on the shop page and a product's page (only
// what counts for that product there). Claiming is the server's (orders.claimCoupon: the quantity and
// the per-buyer limit hold under any number of taps). Nothing shows when the shop runs no promotion.
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { ClaimableCoupon, ShopPromotionsView } from '../../core/contracts/coupons';
import { chinaDayKey, DAY_MS } from '../../core/time';
import { CT } from '../coupon-text';
import { call, errorMessage } from '../services/cloud';
import './ShopCoupons.scss';

function validity(c: ClaimableCoupon): string {
  return c.validity.kind === 'days' ? CT.validDays(c.validity.days) : CT.validUntil(chinaDayKey(c.validity.until - DAY_MS));
}

export function ShopCoupons({ shopId, productId }: { shopId: string; productId?: string }) {
  const [view, setView] = useState<ShopPromotionsView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = useCallback(async () => {
    if (!shopId) return;
    try {
      const v = await call('orders', 'shopPromotions', productId ? { shopId, productId } : { shopId });
      setView(Array.isArray(v?.coupons) ? v : null);
    } catch {
      setView(null); // promotions are extra: the page works without them
    }
  }, [shopId, productId]);
  useEffect(() => void load(), [load]);

  if (!view || (view.coupons.length === 0 && view.activities.length === 0)) return null;
  const claim = async (c: ClaimableCoupon) => {
    if (busy) return;
    setBusy(c.couponId);
    try {
      await call('orders', 'claimCoupon', { couponId: c.couponId });
      Taro.showToast({ title: CT.claimedToast, icon: 'success', duration: 800 });
      await load();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className="shop-coupons" data-testid="shop-coupons">
      {view.activities.map((a) => (
        <View key={a.activityId} className="shop-coupons__activity" data-testid="shop-activity">
          <Text className="shop-coupons__tag">{CT.running}</Text>
          <Text>{a.label}</Text>
        </View>
      ))}
      {view.coupons.map((c) => (
        <View key={c.couponId} className="shop-coupons__coupon" data-testid="shop-coupon">
          <View className="shop-coupons__what">
            <Text className="shop-coupons__label">{c.label}</Text>
            <Text className="muted">{c.name}{c.membersOnly ? ` · ${CT.membersOnly}` : ''} · {validity(c)}</Text>
          </View>
          <Button size="mini" className={c.canClaim ? 'primary-button' : 'secondary-button'} data-testid="claim-coupon"
            disabled={!c.canClaim || busy === c.couponId} onClick={() => void claim(c)}>
            {c.soldOut && c.claimed === 0 ? CT.soldOut : c.canClaim ? CT.claim : CT.claimed}
          </Button>
        </View>
      ))}
    </View>
  );
}
