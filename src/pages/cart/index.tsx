// The cart of one shop (PRODUCT.md item 9): steppers, lines that became unavailable flagged with the
// server's reason, and the server's quote before checkout (the client never decides a price).
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QuoteView } from '../../../core/contracts/views';
import { messageFor } from '../../../core/errors';
import { formatYuan } from '../../../core/money';
import { CloudImage } from '../../components/CloudImage';
import { PageState } from '../../components/PageState';
import { Stepper } from '../../components/Stepper';
import { call, errorMessage } from '../../services/cloud';
import { clientPlatform } from '../../services/platform';
import { useCart, useShopCart } from '../../stores/cart';
import { T } from '../../text';
import './index.scss';

export default function CartPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const items = useShopCart(shopId);
  const setQuantity = useCart((s) => s.setQuantity);
  const remove = useCart((s) => s.remove);
  const [quote, setQuote] = useState<QuoteView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  const requote = useCallback(async () => {
    const mine = ++seq.current;
    if (items.length === 0) {
      setQuote(null);
      return;
    }
    setError(null);
    try {
      const q = await call('confirmOrder', 'quote', { shopId, lines: items, deliveryMethod: null, clientPlatform: clientPlatform() });
      if (mine === seq.current) setQuote(q);
    } catch (err) {
      if (mine === seq.current) setError(errorMessage(err));
    }
  }, [items, shopId]);

  useEffect(() => void requote(), [requote]);
  usePullDownRefresh(() => void requote().finally(() => Taro.stopPullDownRefresh()));

  const backToShop = () => Taro.redirectTo({ url: `/pages/shop/index?id=${shopId}` });
  if (items.length === 0) return <PageState kind="empty" message={T.cart.empty} action={{ label: T.cart.goShopping, onClick: backToShop }} />;
  if (error && !quote) return <PageState kind="error" message={error} onRetry={() => void requote()} />;
  if (!quote) return <PageState kind="loading" />;

  const quantityOf = (productId: string) => items.find((i) => i.productId === productId)?.quantity ?? 0;
  const canCheckout = quote.lines.length > 0 && quote.unavailable.length === 0;

  return (
    <View className="cart">
      {quote.lines.length > 0 && (
        <View className="section">
          {quote.lines.map((line) => (
            <View key={line.productId} className="cart__line" data-testid="cart-line">
              <CloudImage className="cart__cover" src={line.cover} />
              <View className="cart__info">
                <Text className="cart__name">{line.name}</Text>
                <View className="cart__prices">
                  <Text className="cart__unit">{formatYuan(line.unitPrice)}</Text>
                  {line.memberPriceApplied && <Text className="cart__list">{formatYuan(line.listPrice)}</Text>}
                </View>
                <View className="cart__controls">
                  <Stepper
                    value={quantityOf(line.productId)}
                    max={line.kind === 'physical' ? 999 : 1}
                    onChange={(n) => setQuantity(shopId, line.productId, n)}
                  />
                  <Text className="cart__remove" onClick={() => remove(shopId, line.productId)}>{T.cart.remove}</Text>
                </View>
              </View>
            </View>
          ))}
        </View>
      )}
      {quote.unavailable.length > 0 && (
        <View className="section cart__unavailable" data-testid="unavailable">
          <Text className="section__title">{T.cart.unavailable}</Text>
          {quote.unavailable.map((u) => (
            <View key={u.productId} className="cart__line cart__line--off" data-testid="unavailable-line">
              <View className="cart__info">
                <Text className="cart__name">{u.name ?? u.productId}</Text>
                <Text className="cart__reason">
                  {messageFor(u.reason)}
                  {u.reason === 'OUT_OF_STOCK' && u.available !== null ? ` · ${T.cart.available(u.available)}` : ''}
                </Text>
              </View>
              <Text className="cart__remove" onClick={() => remove(shopId, u.productId)}>{T.cart.remove}</Text>
            </View>
          ))}
        </View>
      )}
      <View className="section" data-testid="quote">
        <View className="row"><Text>{T.cart.subtotal}</Text><Text>{formatYuan(quote.subtotal)}</Text></View>
        {quote.memberSavings > 0 && (
          <View className="row"><Text>{T.cart.memberSavings}</Text><Text className="cart__saving">-{formatYuan(quote.memberSavings)}</Text></View>
        )}
        <Text className="muted">{T.cart.quoteNote}</Text>
      </View>
      <View className="bottom-space" />
      <View className="bottom-bar">
        <View className="cart__total">
          <Text>{T.cart.total} </Text>
          <Text className="cart__total-amount" data-testid="quote-total">{formatYuan(quote.subtotal)}</Text>
        </View>
        <Button
          className="primary-button cart__go"
          disabled={!canCheckout}
          data-testid="go-checkout"
          onClick={() => Taro.navigateTo({ url: `/pages/checkout/index?shopId=${shopId}` })}
        >
          {T.cart.checkout}
        </Button>
      </View>
    </View>
  );
}
