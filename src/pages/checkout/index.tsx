// 确认订单 (PRODUCT.md item 10): delivery method, address, note; the server's quote for every amount;
// subscribe-message permission; `place` with one request id per payload, so a double tap or a retry
// returns the same order (STYLE.md §8); then pay (services/pay.ts).
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QuoteView } from '../../../core/contracts/views';
import type { Address } from '../../../core/model';
import { formatYuan } from '../../../core/money';
import type { DeliveryMethod } from '../../../core/order-state';
import { PageState } from '../../components/PageState';
import { newRequestId } from '../../lib/request-id';
import { PrivacySheet } from '../../privacy/PrivacySheet';
import { call, errorCode, errorMessage } from '../../services/cloud';
import { orderPagePath, requestPay } from '../../services/pay';
import { clientPlatform, virtualPayBlocked } from '../../services/platform';
import { requestSubscriptions } from '../../services/subscribe';
import { useCart, useShopCart, type CartItem } from '../../stores/cart';
import { T } from '../../text';
import { AddressForm, addressComplete } from './AddressForm';
import { CouponPicker } from './CouponPicker';
import type { CouponChoice } from '../../../core/promotions';
import './index.scss';

export default function CheckoutPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const buy = params.buy ?? null;
  const cartItems = useShopCart(shopId);
  const clearCart = useCart((s) => s.clear);
  // A direct purchase (a membership plan, a file) is one unit of one product and leaves the cart alone.
  const lines: CartItem[] = useMemo(() => (buy ? [{ productId: buy, quantity: 1 }] : cartItems), [buy, cartItems]);
  const [method, setMethod] = useState<DeliveryMethod | null>(null);
  const [address, setAddress] = useState<Address | null>(null);
  const [note, setNote] = useState('');
  const [quote, setQuote] = useState<QuoteView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [placeError, setPlaceError] = useState<string | null>(null);
  const [placing, setPlacing] = useState(false);
  const [coupon, setCoupon] = useState<CouponChoice>('auto');
  const request = useRef<{ fingerprint: string; id: string } | null>(null);

  const requote = useCallback(async () => {
    if (lines.length === 0) return;
    setLoadError(null);
    try {
      const q = await call('confirmOrder', 'quote', { shopId, lines, deliveryMethod: method, coupon, clientPlatform: clientPlatform() });
      setQuote(q);
      if (q.hasPhysical && method === null && q.deliveryMethods.length > 0) setMethod(q.deliveryMethods[0]);
    } catch (err) {
      setLoadError(errorMessage(err));
    }
  }, [lines, method, shopId, coupon]);
  useEffect(() => void requote(), [requote]);

  if (lines.length === 0) return <PageState kind="empty" message={T.checkout.empty} />;
  if (loadError && !quote) return <PageState kind="error" message={loadError} onRetry={() => void requote()} />;
  if (!quote) return <PageState kind="loading" />;

  const iosBlocked = quote.hasVirtual && virtualPayBlocked();

  const place = async () => {
    if (placing) return;
    setPlaceError(null);
    if (quote.hasPhysical && method === null) return setPlaceError(T.checkout.chooseDelivery);
    if (quote.requiresAddress && !addressComplete(address)) return setPlaceError(T.checkout.addressIncomplete);
    const payload = {
      shopId,
      lines,
      deliveryMethod: quote.hasPhysical ? method : null,
      address: quote.requiresAddress ? address : null,
      note: note.trim(),
      paymentMethod: 'wechat' as const,
      // Exactly the coupon this quote shows (the server refuses with COUPON_IN_USE if another order took it).
      coupon: quote.discounts?.couponId ?? 'none',
      clientPlatform: clientPlatform(),
    };
    // The same payload keeps its request id: a second tap or a retry gets the same order back.
    const fingerprint = JSON.stringify(payload);
    if (request.current?.fingerprint !== fingerprint) request.current = { fingerprint, id: newRequestId() };
    setPlacing(true);
    await requestSubscriptions();
    try {
      const placed = await call('confirmOrder', 'place', { ...payload, requestId: request.current.id });
      if (!buy) clearCart(shopId, lines.map((l) => l.productId));
      if (!placed.payment) {
        Taro.redirectTo({ url: orderPagePath(placed.orderId) });
        return;
      }
      const outcome = await requestPay(placed.payment, placed.orderId);
      if (outcome === 'redirected') return; // h5: the cashier takes over and comes back to the order page
      const flag = outcome === 'submitted' ? 'payResult=ok' : `payResult=${outcome === 'cancelled' ? 'cancel' : 'fail'}`;
      Taro.redirectTo({ url: `${orderPagePath(placed.orderId)}&${flag}` });
    } catch (err) {
      setPlaceError(errorMessage(err));
      setPlacing(false);
      if (errorCode(err) === 'COUPON_IN_USE') {
        if (coupon === 'auto') void requote();
        else setCoupon('auto');
      }
    }
  };

  return (
    <View className="checkout">
      <PrivacySheet />
      {quote.hasPhysical && (
        <View className="section">
          <Text className="section__title">{T.checkout.delivery}</Text>
          <View>
            {quote.deliveryMethods.map((m) => (
              <Text key={m} className={`chip ${method === m ? 'chip--on' : ''}`} data-testid={`delivery-${m}`} onClick={() => setMethod(m)}>
                {T.delivery[m]}
              </Text>
            ))}
          </View>
        </View>
      )}
      {quote.requiresAddress && (
        <View className="section">
          <Text className="section__title">{T.checkout.address}</Text>
          <AddressForm value={address} onChange={setAddress} />
        </View>
      )}
      <View className="section">
        {quote.lines.map((l) => (
          <View key={l.productId} className="row" data-testid="checkout-line">
            <Text className="checkout__name">{l.name} × {l.quantity}</Text>
            <Text>{formatYuan(l.lineTotal)}</Text>
          </View>
        ))}
        {quote.unavailable.map((u) => (
          <View key={u.productId} className="row checkout__off"><Text>{u.name ?? u.productId}</Text><Text>{T.shop.soldOut}</Text></View>
        ))}
      </View>
      <View className="section">
        <Text className="section__title">{T.checkout.note}</Text>
        <Textarea className="checkout__note" value={note} maxlength={200} placeholder={T.checkout.notePlaceholder} onInput={(e) => setNote(e.detail.value)} />
      </View>
      <View className="section" data-testid="checkout-totals">
        <View className="row"><Text>{T.checkout.subtotal}</Text><Text>{formatYuan(quote.subtotal)}</Text></View>
        {quote.memberSavings > 0 && <View className="row"><Text>{T.checkout.memberSavings}</Text><Text>-{formatYuan(quote.memberSavings)}</Text></View>}
        {quote.hasPhysical && <View className="row"><Text>{T.checkout.deliveryFee}</Text><Text>{formatYuan(quote.deliveryFee)}</Text></View>}
        <CouponPicker quote={quote} onChoose={setCoupon} />
      </View>
      {placeError && <View className="checkout__error" data-testid="place-error">{placeError}</View>}
      <View className="bottom-space" />
      <View className="bottom-bar">
        {iosBlocked ? (
          <Text className="checkout__ios" data-testid="ios-rule">{T.checkout.iosVirtual}</Text>
        ) : (
          <>
            <View className="checkout__total">
              <Text>{T.checkout.total} </Text>
              <Text className="checkout__amount" data-testid="checkout-total">{formatYuan(quote.total)}</Text>
            </View>
            <Button
              className="primary-button checkout__place"
              data-testid="place-order"
              disabled={placing || quote.lines.length === 0 || quote.unavailable.length > 0}
              onClick={() => void place()}
            >
              {placing ? T.checkout.placing : T.checkout.place}
            </Button>
          </>
        )}
      </View>
    </View>
  );
}
