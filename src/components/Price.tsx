// Money on screen: always from fen through core's one helper (formatYuan).
import { Text, View } from '@tarojs/components';
import type { Fen } from '../../core/money';
import { formatYuan } from '../../core/money';
import { T } from '../text';
import './Price.scss';

interface Props {
  /** What this buyer pays. */
  pay: Fen;
  /** The list price, struck through when the member price applies. */
  list?: Fen;
  /** A member price the buyer does not (yet) get, shown as a hint. */
  member?: Fen | null;
  size?: 'normal' | 'large';
}

export function Price({ pay, list, member, size = 'normal' }: Props) {
  const discounted = list !== undefined && list > pay;
  return (
    <View className={`price price--${size}`}>
      <Text className="price__pay">{formatYuan(pay)}</Text>
      {discounted && <Text className="price__list">{formatYuan(list)}</Text>}
      {discounted && <Text className="price__tag">{T.shop.memberPrice}</Text>}
      {!discounted && member != null && member < pay && (
        <Text className="price__member">{T.shop.memberPrice} {formatYuan(member)}</Text>
      )}
    </View>
  );
}
