// Product detail (docs/product.md §8): photos, description, price / member price, stock, add to cart
// with a stepper, and 立即购买 straight to checkout without touching the cart; a product with options
// opens the spec sheet (选择规格) first; a members-only product the buyer cannot buy shows the way to
// join instead; a shop that cannot take payment says so before anything is chosen.
import { Button, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import type { ProductView } from '../../../core/contracts/views';
import { CloudImage } from '../../components/CloudImage';
import { PageState } from '../../components/PageState';
import { ShopCoupons } from '../../components/ShopCoupons';
import { Price } from '../../components/Price';
import { Stepper } from '../../components/Stepper';
import { call, errorMessage } from '../../services/cloud';
import { virtualPayBlocked } from '../../services/platform';
import { MAX_LINE_QUANTITY, useCart } from '../../stores/cart';
import { useShopPayable } from '../../stores/shop';
import { SpecSheet, type SpecAction } from '../../components/SpecSheet';
import { T } from '../../text';
import './index.scss';

export default function ProductPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const productId = params.id ?? '';
  const [product, setProduct] = useState<ProductView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [quantity, setQuantity] = useState(1);
  const add = useCart((s) => s.add);
  const payable = useShopPayable(shopId);
  const [sheet, setSheet] = useState<SpecAction[] | null>(params.spec ? ['cart', 'buy'] : null);

  const load = async () => {
    setError(null);
    try {
      const p = await call('storefront', 'product', { shopId, productId });
      setProduct(p);
      Taro.setNavigationBarTitle({ title: p.name }).catch(() => undefined);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  useDidShow(() => void load());
  useShareAppMessage(() => ({
    title: product?.name ?? T.app.name,
    path: `/pages/product/index?shopId=${encodeURIComponent(shopId)}&id=${encodeURIComponent(productId)}`,
  }));

  if (error && !product) return <PageState kind="error" message={error} onRetry={() => void load()} />;
  if (!product) return <PageState kind="loading" />;

  const max = product.kind === 'physical' ? Math.min(product.stock ?? MAX_LINE_QUANTITY, MAX_LINE_QUANTITY) : 1;
  const buyable = !product.soldOut && !product.locked;
  const joinUrl = `/pages/membership/index?shopId=${shopId}`;
  const virtual = product.kind !== 'physical';

  const options = product.options.length > 0;
  const addToCart = (skuId: string | null, n: number, most: number) => {
    const price = skuId ? product.skus.find((s) => s.skuId === skuId)?.payPrice : product.payPrice;
    const added = add(shopId, { productId: product.productId, skuId }, n, most, price);
    // Nothing added: the line is already at the most one may buy (a file is bought once).
    if (added === 0) Taro.showToast({ title: T.product.alreadyAtMost(most), icon: 'none', duration: 1500 });
    else Taro.showToast({ title: T.product.added, icon: 'success', duration: 800 });
  };
  const buyNow = (skuId: string | null, n: number) => {
    const sku = skuId ? `&sku=${encodeURIComponent(skuId)}` : '';
    Taro.navigateTo({ url: `/pages/checkout/index?shopId=${shopId}&buy=${encodeURIComponent(product.productId)}${sku}&qty=${n}` });
  };
  const onSpec = (skuId: string, n: number, action: SpecAction) => {
    const sku = product.skus.find((x) => x.skuId === skuId);
    setSheet(null);
    if (action === 'buy') buyNow(skuId, n);
    else addToCart(skuId, n, Math.min(sku?.stock ?? MAX_LINE_QUANTITY, MAX_LINE_QUANTITY));
  };

  return (
    <View className="product">
      {product.photos.length > 0 ? (
        <Swiper className="product__swiper" indicatorDots={product.photos.length > 1} circular>
          {product.photos.map((src) => (
            <SwiperItem key={src}><CloudImage className="product__photo" src={src} /></SwiperItem>
          ))}
        </Swiper>
      ) : (
        <View className="product__swiper product__swiper--empty" />
      )}
      <View className="section">
        <Text className="product__name" data-testid="product-name">{product.name}</Text>
        <Price pay={product.payPrice} list={product.price} member={product.memberPrice} size="large" />
        <Text className="muted product__stock">
          {product.soldOut ? T.product.soldOut : product.stock === null ? T.product.unlimited : T.product.stock(product.stock)}
        </Text>
        {product.membership && <Text className="product__kind">{T.product.kindMembership(product.membership.days)}</Text>}
        {product.digital && <Text className="product__kind">{T.product.kindDigital(product.digital.downloadLimit)}</Text>}
      </View>
      {payable === false && <View className="section product__warn" data-testid="no-pay">{T.shop.noPay}</View>}
      {options && buyable && (
        <View className="section row product__spec" data-testid="open-spec" onClick={() => setSheet(['cart', 'buy'])}>
          <Text>{T.spec.title}</Text>
          <Text className="muted">{product.options.map((o) => `${o.values.length} 种${o.name}`).join(' · ')} ›</Text>
        </View>
      )}
      <ShopCoupons shopId={shopId} productId={product.productId} />
      {product.locked && (
        <View className="section product__lock" data-testid="members-only-lock">
          <Text className="section__title">🔒 {T.product.lockedTitle}</Text>
          <Text className="muted">{T.product.lockedHint}</Text>
          <Button className="primary-button product__join" onClick={() => Taro.navigateTo({ url: joinUrl })}>{T.product.join}</Button>
        </View>
      )}
      <View className="section">
        <Text className="product__desc">{product.description || T.product.noDescription}</Text>
      </View>
      <View className="bottom-space" />
      {buyable && (
        <View className="bottom-bar">
          {virtual && virtualPayBlocked() ? (
            <Text className="muted" data-testid="ios-rule">{T.membership.iosRule}</Text>
          ) : product.kind === 'membership' ? (
            <Button className="primary-button product__cta" onClick={() => Taro.navigateTo({ url: joinUrl })}>{T.product.buyNow}</Button>
          ) : (
            <>
              <Button className="secondary-button product__cart" onClick={() => Taro.navigateTo({ url: `/pages/cart/index?shopId=${shopId}` })}>{T.cart.title}</Button>
              {!options && max > 1 && <Stepper value={quantity} max={max} onChange={setQuantity} label={T.product.quantity} />}
              <Button
                className="secondary-button product__cta" data-testid="add-to-cart"
                onClick={() => (options ? setSheet(['cart']) : addToCart(null, quantity, max))}
              >
                {T.product.addToCart}
              </Button>
              <Button
                className="primary-button product__cta" data-testid="buy-now" disabled={payable === false}
                onClick={() => (options ? setSheet(['buy']) : buyNow(null, quantity))}
              >
                {T.product.buyNow}
              </Button>
            </>
          )}
        </View>
      )}
      {sheet && <SpecSheet product={product} actions={payable === false ? sheet.filter((a) => a !== 'buy') : sheet} onConfirm={onSpec} onClose={() => setSheet(null)} />}
    </View>
  );
}
