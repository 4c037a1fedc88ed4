// 确认订单 (docs/product.md §10): delivery method, address, note; the server's quote for every amount;
// subscribe-message permission; `place` with one request id per payload, so a double tap or a retry
// returns the same order (docs/style.md §8); then pay (services/pay.ts). The lines are the cart's ticked
// ones, or one product / SKU bought at once (立即购买: ?buy=&sku=&qty=), which leaves the cart alone.
// A problem is shown where it is (the address, the delivery choice, the line) and scrolled to.
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QuoteView } from '../../../core/contracts/views';
import type { Address } from '../../../core/model';
import { messageFor } from '../../../core/errors';
import { formatYuan } from '../../../core/money';
import type { DeliveryMethod } from '../../../core/order-state';
import { PageState } from '../../components/PageState';
import { newRequestId } from '../../lib/request-id';
import { PrivacySheet } from '../../privacy/PrivacySheet';
import { call, CloudError, errorCode, errorMessage } from '../../services/cloud';
import { addressProblem, placeProblem, type Problem } from '../../lib/checkout-errors';
import { orderPagePath, requestPay } from '../../services/pay';
import { clientPlatform, virtualPayBlocked } from '../../services/platform';
import { requestSubscriptions } from '../../services/subscribe';
import { lineKey, orderLines, useCart, useShopCart } from '../../stores/cart';
import { T } from '../../text';
import { AddressForm } from './AddressForm';
import { CouponPicker } from './CouponPicker';
import type { CouponChoice } from '../../../core/promotions';
import './index.scss';

export default function CheckoutPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const buy = params.buy ?? null;
  const buySku = params.sku ?? null;
  const buyQty = Math.max(1, Math.floor(Number(params.qty ?? 1)) || 1);
  const cartItems = useShopCart(shopId);
  const clearCart = useCart((s) => s.clear);
  // A direct purchase (立即购买, a membership plan, a file) leaves the cart alone.
  const lines = useMemo(
    () => (buy ? [{ productId: buy, skuId: buySku, quantity: buyQty }] : orderLines(cartItems.filter((i) => !i.unselected))),
    [buy, buySku, buyQty, cartItems],
  );
  const [method, setMethod] = useState<DeliveryMethod | null>(null);
  const [address, setAddress] = useState<Address | null>(null);
  const [note, setNote] = useState('');
  const [quote, setQuote] = useState<QuoteView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
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

  const payable = quote.acceptsWechatPay;
  const iosBlocked = quote.hasVirtual && virtualPayBlocked();

  /** Show a problem where it belongs, scroll to it, and say it in a toast too (the bottom bar hides the page's end). */
  const report = (p: Problem) => {
    setProblem(p);
    const id = p.place.at === 'line' ? `line-${p.place.key.replace(/[^A-Za-z0-9]/g, '_')}` : `checkout-${p.place.at}`;
    Taro.pageScrollTo({ selector: `#${id}`, duration: 200 }).catch(() => undefined);
    Taro.showToast({ title: p.message, icon: 'none', duration: 2500 });
  };
  const problemAt = (at: string, key?: string) =>
    problem && problem.place.at === at && (key === undefined || (problem.place as { key?: string }).key === key) ? problem.message : null;

  const place = async () => {
    if (placing) return;
    setProblem(null);
    if (quote.hasPhysical && method === null) return report({ place: { at: 'delivery' }, message: T.checkout.chooseDelivery });
    const bad = quote.requiresAddress ? addressProblem(address) : null;
    if (bad) return report({ place: { at: 'address' }, message: bad });
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
      if (!buy) clearCart(shopId, lines);
      if (!placed.payment) {
        Taro.redirectTo({ url: orderPagePath(placed.orderId) });
        return;
      }
      const outcome = await requestPay(placed.payment, placed.orderId);
      if (outcome === 'redirected') return; // h5: the cashier takes over and comes back to the order page
      const flag = outcome === 'submitted' ? 'payResult=ok' : `payResult=${outcome === 'cancelled' ? 'cancel' : 'fail'}`;
      Taro.redirectTo({ url: `${orderPagePath(placed.orderId)}&${flag}` });
    } catch (err) {
      const e = err instanceof CloudError ? err : null;
      report(placeProblem(e?.code ?? null, errorMessage(err), e?.details));
      setPlacing(false);
      // A line that just sold out: the quote shows what is left now.
      if (e?.code === 'OUT_OF_STOCK') void requote();
      if (errorCode(err) === 'COUPON_IN_USE') {
        if (coupon === 'auto') void requote();
        else setCoupon('auto');
      }
    }
  };

  return (
    <View className="checkout">
      <PrivacySheet />
      {payable === false && <View className="checkout__error" data-testid="no-pay">{T.checkout.noPay}</View>}
      {quote.hasPhysical && (
        <View className="section" id="checkout-delivery">
          <Text className="section__title">{T.checkout.delivery}</Text>
          <View>
            {quote.deliveryMethods.map((m) => (
              <Text key={m} className={`chip ${method === m ? 'chip--on' : ''}`} data-testid={`delivery-${m}`} onClick={() => setMethod(m)}>
                {T.delivery[m]}
              </Text>
            ))}
          </View>
          {problemAt('delivery') && <Text className="checkout__field-error">{problemAt('delivery')}</Text>}
        </View>
      )}
      {quote.requiresAddress && (
        <View className="section" id="checkout-address">
          <Text className="section__title">{T.checkout.address}</Text>
          <AddressForm value={address} onChange={setAddress} />
          {problemAt('address') && <Text className="checkout__field-error" data-testid="address-error">{problemAt('address')}</Text>}
        </View>
      )}
      <View className="section">
        {quote.lines.map((l) => {
          const key = lineKey(l);
          return (
            <View key={key} id={`line-${key.replace(/[^A-Za-z0-9]/g, '_')}`} data-testid="checkout-line">
              <View className="row">
                <Text className="checkout__name">{l.name}{l.skuLabel ? `（${l.skuLabel}）` : ''} × {l.quantity}</Text>
                <Text>{formatYuan(l.lineTotal)}</Text>
              </View>
              {problemAt('line', key) && <Text className="checkout__field-error" data-testid="line-error">{problemAt('line', key)}</Text>}
            </View>
          );
        })}
        {quote.unavailable.map((u) => {
          const key = lineKey(u);
          return (
            <View key={key} id={`line-${key.replace(/[^A-Za-z0-9]/g, '_')}`} className="row checkout__off" data-testid="checkout-line-off">
              <Text>{u.name ?? u.productId}{u.skuLabel ? `（${u.skuLabel}）` : ''}</Text>
              <Text className="checkout__field-error">
                {u.reason === 'OUT_OF_STOCK' && u.available ? T.checkout.onlyLeft(u.available) : u.reason === 'OUT_OF_STOCK' ? T.shop.soldOut : messageFor(u.reason)}
              </Text>
            </View>
          );
        })}
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
      {problemAt('general') && <View className="checkout__error" id="checkout-general" data-testid="place-error">{problemAt('general')}</View>}
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
              disabled={placing || payable === false || quote.lines.length === 0 || quote.unavailable.length > 0}
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
