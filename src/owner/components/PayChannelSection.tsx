// 收款方式 on the settings page (docs/wechat-contracts.md §3.0, §4): the owner names the goods the shop
// sells, then picks how WeChat Pay reaches the shop. Each choice says which goods it is for; Cloud Pay
// is greyed out for the categories WeChat forbids it for (the server refuses it too).
import { Text, View } from '@tarojs/components';
import { PAY_CHANNELS, type PayChannelKind } from '../../../core/model';
import { cloudPayAllowed, GOODS_CATEGORIES, GOODS_CATEGORY_NAMES, PAY_CHANNEL_HELP, PAY_CHANNEL_NAMES, type GoodsCategory } from '../../../core/pay-channels';
import { OT } from '../text';

interface Props {
  category: GoodsCategory;
  channel: PayChannelKind;
  error?: string;
  onCategory: (c: GoodsCategory) => void;
  onChannel: (c: PayChannelKind) => void;
}

export function PayChannelSection({ category, channel, error, onCategory, onChannel }: Props) {
  const cloudOk = cloudPayAllowed(category);
  return (
    <View data-testid="pay-channel">
      <Text className="field__label">{OT.settings.goodsCategory}</Text>
      <View>
        {GOODS_CATEGORIES.map((c) => (
          <Text key={c} className={`chip ${category === c ? 'chip--on' : ''}`} data-testid={`goods-${c}`} onClick={() => onCategory(c)}>
            {GOODS_CATEGORY_NAMES[c]}
          </Text>
        ))}
      </View>
      <Text className="muted">{OT.settings.goodsCategoryHint}</Text>
      <Text className="field__label">{OT.settings.payChannel}</Text>
      {PAY_CHANNELS.map((c) => {
        const disabled = c === 'cloudpay' && !cloudOk;
        return (
          <View
            key={c}
            className={`pay-channel ${channel === c ? 'pay-channel--on' : ''} ${disabled ? 'pay-channel--off' : ''}`}
            data-testid={`channel-${c}`}
            onClick={() => !disabled && onChannel(c)}
          >
            <Text className="pay-channel__name">{channel === c ? '● ' : '○ '}{PAY_CHANNEL_NAMES[c]}</Text>
            <Text className="pay-channel__help">{PAY_CHANNEL_HELP[c]}</Text>
          </View>
        );
      })}
      {error && <Text className="field__error">{error}</Text>}
      <Text className="muted">{OT.settings.merchantFor[channel]}</Text>
    </View>
  );
}
