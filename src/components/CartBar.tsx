// The bar at the bottom of the shop page: how many items are in this shop's cart and what they cost at
// the prices the storefront showed. The server's quote on the cart page is the price that counts.
import { Button, Text, View } from '@tarojs/components';
import type { Fen } from '../../core/money';
import { formatYuan } from '../../core/money';
import { T } from '../text';
import './CartBar.scss';

interface Props {
  count: number;
  total: Fen;
  onOpen: () => void;
  disabled?: boolean;
}

export function CartBar({ count, total, onOpen, disabled }: Props) {
  return (
    <View className="cart-bar" data-testid="cart-bar">
      <View className="cart-bar__icon" onClick={onOpen}>
        <Text className="cart-bar__glyph">🛒</Text>
        {count > 0 && <Text className="cart-bar__badge" data-testid="cart-count">{count}</Text>}
      </View>
      <View className="cart-bar__info" onClick={onOpen}>
        {count > 0 ? (
          <>
            <Text className="cart-bar__total" data-testid="cart-total">{formatYuan(total)}</Text>
            <Text className="cart-bar__count">{T.cartBar.count(count)}</Text>
          </>
        ) : (
          <Text className="cart-bar__empty">{T.cartBar.empty}</Text>
        )}
      </View>
      <Button className="cart-bar__go" disabled={count === 0 || disabled} onClick={onOpen}>{T.cartBar.checkout}</Button>
    </View>
  );
}
