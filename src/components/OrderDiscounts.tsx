// The promotions an order used (满减 and coupon), as rows under its subtotal: the buyer's and the owner's order pages.
import { Text, View } from '@tarojs/components';
import type { AppliedDiscounts } from '../../core/model';
import { formatYuan } from '../../core/money';
import { CT } from '../coupon-text';

export function OrderDiscounts({ discounts }: { discounts: AppliedDiscounts | null | undefined }) {
  if (!discounts) return null;
  return (
    <>
      {discounts.activityOff > 0 && (
        <View className="row" data-testid="order-activity-off"><Text className="muted">{CT.activity} · {discounts.activityName}</Text><Text>-{formatYuan(discounts.activityOff)}</Text></View>
      )}
      {discounts.couponOff > 0 && (
        <View className="row" data-testid="order-coupon-off"><Text className="muted">{CT.coupon} · {discounts.couponName}</Text><Text>-{formatYuan(discounts.couponOff)}</Text></View>
      )}
    </>
  );
}
