// The cart of one shop (docs/product.md §9): a line per product or SKU, ticked for checkout (全选 or one
// by one), steppers kept within the stock the server reports (a line over it is cut down to what is
// left and says 仅剩 N 件), lines that became unavailable flagged with the server's reason, and the
// server's quote before checkout (the client never decides a price). A shop that cannot take payment
// says so here, before the buyer goes on.
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QuoteView } from '../../../core/contracts/views';
import { messageFor } from '../../../core/errors';
import { formatYuan, sumFen } from '../../../core/money';
import { CloudImage } from '../../components/CloudImage';
import { PageState } from '../../components/PageState';
import { Stepper } from '../../components/Stepper';
import { call, errorMessage } from '../../services/cloud';
import { clientPlatform } from '../../services/platform';
import { lineKey, MAX_LINE_QUANTITY, orderLines, useCart, useShopCart } from '../../stores/cart';
import { T } from '../../text';
import './index.scss';

export default function CartPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const items = useShopCart(shopId);
  const setQuantity = useCart((s) => s.setQuantity);
  const remove = useCart((s) => s.remove);
  const select = useCart((s) => s.select);
  const [quote, setQuote] = useState<QuoteView | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Lines cut down to the stock left, with what was left (仅剩 N 件). */
  const [clamped, setClamped] = useState<Record<string, number>>({});
  const seq = useRef(0);

  const requote = useCallback(async () => {
    const mine = ++seq.current;
    if (items.length === 0) {
      setQuote(null);
      return;
    }
    setError(null);
    try {
      const q = await call('confirmOrder', 'quote', { shopId, lines: orderLines(items), deliveryMethod: null, clientPlatform: clientPlatform() });
      if (mine !== seq.current) return;
      // More than is left, but some is: keep the line and its stepper at what is left.
      const held = (u: { productId: string; skuId: string | null }) => items.find((i) => lineKey(i) === lineKey(u))?.quantity ?? 0;
      const over = q.unavailable.filter((u) => u.reason === 'OUT_OF_STOCK' && (u.available ?? 0) > 0 && held(u) > (u.available ?? 0));
      if (over.length > 0) {
        setClamped((c) => ({ ...c, ...Object.fromEntries(over.map((u) => [lineKey(u), u.available as number])) }));
        for (const u of over) setQuantity(shopId, u, u.available as number);
        return;
      }
      setQuote(q);
    } catch (err) {
      if (mine === seq.current) setError(errorMessage(err));
    }
  }, [items, shopId, setQuantity]);

  useEffect(() => void requote(), [requote]);
  usePullDownRefresh(() => void requote().finally(() => Taro.stopPullDownRefresh()));

  const backToShop = () => Taro.redirectTo({ url: `/pages/shop/index?id=${shopId}` });
  if (items.length === 0) return <PageState kind="empty" message={T.cart.empty} action={{ label: T.cart.goShopping, onClick: backToShop }} />;
  if (error && !quote) return <PageState kind="error" message={error} onRetry={() => void requote()} />;
  if (!quote) return <PageState kind="loading" />;

  const itemOf = (ref: { productId: string; skuId: string | null }) => items.find((i) => lineKey(i) === lineKey(ref));
  const selectedLines = quote.lines.filter((l) => !itemOf(l)?.unselected);
  const allSelected = selectedLines.length === quote.lines.length && quote.lines.length > 0;
  const selectedUnavailable = quote.unavailable.filter((u) => !itemOf(u)?.unselected);
  const total = sumFen(selectedLines.map((l) => l.lineTotal));
  const count = selectedLines.reduce((n, l) => n + l.quantity, 0);
  const payable = quote.acceptsWechatPay;
  const canCheckout = selectedLines.length > 0 && selectedUnavailable.length === 0 && payable !== false;

  return (
    <View className="cart">
      {payable === false && <View className="cart__warn" data-testid="no-pay">{T.shop.noPay}</View>}
      {quote.lines.length > 0 && (
        <View className="section">
          {quote.lines.map((line) => {
            const key = lineKey(line);
            const item = itemOf(line);
            const max = line.kind === 'physical' ? Math.min(line.stock ?? MAX_LINE_QUANTITY, MAX_LINE_QUANTITY) : 1;
            const left = clamped[key];
            return (
              <View key={key} className="cart__line" data-testid="cart-line">
                <View className="cart__tick" data-testid="line-select" onClick={() => select(shopId, !!item?.unselected, [line])}>
                  <Text className={`cart__box ${item?.unselected ? '' : 'cart__box--on'}`}>{item?.unselected ? '' : '✓'}</Text>
                </View>
                <CloudImage className="cart__cover" src={line.cover} />
                <View className="cart__info">
                  <Text className="cart__name">{line.name}</Text>
                  {line.skuLabel && <Text className="cart__sku" data-testid="cart-sku">{line.skuLabel}</Text>}
                  <View className="cart__prices">
                    <Text className="cart__unit">{formatYuan(line.unitPrice)}</Text>
                    {line.memberPriceApplied && <Text className="cart__list">{formatYuan(line.listPrice)}</Text>}
                  </View>
                  {left !== undefined && <Text className="cart__reason" data-testid="line-left">{T.cart.available(left)}</Text>}
                  <View className="cart__controls">
                    <Stepper value={item?.quantity ?? line.quantity} max={max} onChange={(n) => setQuantity(shopId, line, n)} />
                    <Text className="cart__remove" onClick={() => remove(shopId, line)}>{T.cart.remove}</Text>
                  </View>
                </View>
              </View>
            );
          })}
        </View>
      )}
      {quote.unavailable.length > 0 && (
        <View className="section cart__unavailable" data-testid="unavailable">
          <Text className="section__title">{T.cart.unavailable}</Text>
          {quote.unavailable.map((u) => (
            <View key={lineKey(u)} className="cart__line cart__line--off" data-testid="unavailable-line">
              <View className="cart__info">
                <Text className="cart__name">{u.name ?? u.productId}{u.skuLabel ? `（${u.skuLabel}）` : ''}</Text>
                <Text className="cart__reason">
                  {messageFor(u.reason)}
                  {u.reason === 'OUT_OF_STOCK' && u.available !== null ? ` · ${T.cart.available(u.available)}` : ''}
                </Text>
              </View>
              <Text className="cart__remove" onClick={() => remove(shopId, u)}>{T.cart.remove}</Text>
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
        <View className="cart__tick cart__all" data-testid="select-all" onClick={() => select(shopId, !allSelected)}>
          <Text className={`cart__box ${allSelected ? 'cart__box--on' : ''}`}>{allSelected ? '✓' : ''}</Text>
          <Text className="cart__all-label">{T.cart.selectAll}</Text>
        </View>
        <View className="cart__total">
          <Text>{T.cart.total} </Text>
          <Text className="cart__total-amount" data-testid="quote-total">{formatYuan(total)}</Text>
        </View>
        <Button
          className="primary-button cart__go"
          disabled={!canCheckout}
          data-testid="go-checkout"
          onClick={() => Taro.navigateTo({ url: `/pages/checkout/index?shopId=${shopId}` })}
        >
          {T.cart.checkout}{count > 0 ? `(${count})` : ''}
        </Button>
      </View>
    </View>
  );
}
