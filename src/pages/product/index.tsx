// Product detail (PRODUCT.md item 8): photos, description, price / member price, stock, add to cart
// with a stepper; a members-only product the buyer cannot buy shows the way to join instead.
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
import { pictureSrc } from '../../services/images';
import { virtualPayBlocked } from '../../services/platform';
import { MAX_LINE_QUANTITY, useCart } from '../../stores/cart';
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

  const addToCart = () => {
    add(shopId, product.productId, quantity, max);
    Taro.showToast({ title: T.product.added, icon: 'success', duration: 800 });
  };

  return (
    <View className="product">
      {product.photos.length > 0 ? (
        <Swiper className="product__swiper" indicatorDots={product.photos.length > 1} circular>
          {product.photos.map((src, i) => (
            <SwiperItem key={src}><CloudImage className="product__photo" src={pictureSrc(src, product.photoUrls?.[i])} /></SwiperItem>
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
              {max > 1 && <Stepper value={quantity} max={max} onChange={setQuantity} label={T.product.quantity} />}
              <Button className="primary-button product__cta" data-testid="add-to-cart" onClick={addToCart}>{T.product.addToCart}</Button>
              <Button className="secondary-button product__cart" onClick={() => Taro.navigateTo({ url: `/pages/cart/index?shopId=${shopId}` })}>{T.cart.title}</Button>
            </>
          )}
        </View>
      )}
    </View>
  );
}
