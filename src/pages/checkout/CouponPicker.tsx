// The checkout's promotions: the 满减 applied, the coupon chosen (the server's best by default; another
// or none by tapping), what they saved, and the stacking rule in one sentence (core/promotions.ts).
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { QuoteView } from '../../../core/contracts/views';
import { formatYuan } from '../../../core/money';
import { STACKING_RULE, type CouponChoice } from '../../../core/promotions';
import { chinaDayKey } from '../../../core/time';
import { CT } from '../../coupon-text';

interface Props {
  quote: QuoteView;
  onChoose: (choice: CouponChoice) => void;
}

export function CouponPicker({ quote, onChoose }: Props) {
  const [open, setOpen] = useState(false);
  const d = quote.discounts;
  const options = quote.couponOptions;
  const chosen = options.find((o) => o.chosen);
  const choose = (c: CouponChoice) => {
    setOpen(false);
    onChoose(c);
  };
  return (
    <View data-testid="coupon-picker">
      {d && d.activityOff > 0 && (
        <View className="row"><Text>{CT.activity} · {d.activityName}</Text><Text data-testid="activity-off">-{formatYuan(d.activityOff)}</Text></View>
      )}
      <View className="row coupon-picker__head" data-testid="coupon-row" onClick={() => setOpen(!open)}>
        <Text>{CT.coupon}{chosen ? ` · ${chosen.name}` : ''}</Text>
        <Text data-testid="coupon-off">{d && d.couponOff > 0 ? `-${formatYuan(d.couponOff)}` : options.length === 0 ? CT.noneAvailable : CT.pick} ›</Text>
      </View>
      {open && (
        <View className="coupon-picker__list">
          {options.map((o) => (
            <View key={o.couponId} className={`coupon-picker__option ${o.applicable ? '' : 'coupon-picker__option--off'} ${o.chosen ? 'coupon-picker__option--on' : ''}`}
              data-testid="coupon-option" onClick={() => o.applicable && choose(o.couponId)}>
              <Text>{o.name}</Text>
              <Text className="muted">{o.applicable ? `-${formatYuan(o.saving)}` : CT.notApplicable} · {CT.expires(chinaDayKey(o.validUntil))}</Text>
            </View>
          ))}
          <View className={`coupon-picker__option ${chosen ? '' : 'coupon-picker__option--on'}`} data-testid="coupon-none" onClick={() => choose('none')}>
            <Text>{CT.none}</Text>
          </View>
        </View>
      )}
      {quote.discount > 0 && <View className="row"><Text /><Text className="coupon-picker__saved" data-testid="discount-saved">{CT.saved(formatYuan(quote.discount))}</Text></View>}
      {(d || options.length > 0) && <Text className="muted coupon-picker__rule">{STACKING_RULE}</Text>}
    </View>
  );
}
