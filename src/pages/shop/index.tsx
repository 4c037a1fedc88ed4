// The shop page: the target of share cards (?id=) and poster codes (?scene=s=CODE) (docs/product.md §8).
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useMemo, useState } from 'react';
import type { ProductView } from '../../../core/contracts/views';
import { parseShopScene } from '../../../core/ids';
import { CartBar } from '../../components/CartBar';
import { CloudImage } from '../../components/CloudImage';
import { PageState } from '../../components/PageState';
import { PersonaSwitcher } from '../../components/PersonaSwitcher';
import { ProductCard } from '../../components/ProductCard';
import { SearchBar, SearchResults, useSearch } from './SearchBox';
import { ShopCoupons } from '../../components/ShopCoupons';
import { formatDate } from '../../lib/time';
import { pictureSrc } from '../../services/images';
import { useCart, useShopCart } from '../../stores/cart';
import { useSession } from '../../stores/session';
import { cartSummary, shopRefFromParams, useShop } from '../../stores/shop';
import { T } from '../../text';
import './index.scss';

export default function ShopPage() {
  const { params } = useRouter();
  const ref = useMemo(() => shopRefFromParams(params, parseShopScene), [params]);
  const { home, status, error, load } = useShop();
  const shopId = home?.shop.shopId ?? ('shopId' in (ref ?? {}) ? (ref as { shopId: string }).shopId : '');
  const items = useShopCart(shopId);
  const add = useCart((s) => s.add);
  const visited = useSession((s) => s.visited);
  const [category, setCategory] = useState<string | null>(null);
  const search = useSearch(shopId);
  const searching = search.results !== null || search.busy || search.error !== null;

  const refresh = async () => {
    if (!ref) return;
    const loaded = await load(ref);
    if (loaded) {
      visited({ shopId: loaded.shop.shopId, name: loaded.shop.name, logo: loaded.shop.logo }, Date.now());
      Taro.setNavigationBarTitle({ title: loaded.shop.name }).catch(() => undefined);
    }
  };
  useDidShow(() => void refresh());
  usePullDownRefresh(() => void refresh().finally(() => Taro.stopPullDownRefresh()));
  useShareAppMessage(() => ({
    title: home ? T.shop.share(home.shop.name) : T.app.name,
    path: `/pages/shop/index?id=${encodeURIComponent(shopId)}`,
  }));

  if (!ref) return <PageState kind="error" message={T.shop.notFound} />;
  if (status === 'error' && !home) return <PageState kind="error" message={error ?? undefined} onRetry={() => void refresh()} />;
  if (!home) return <PageState kind="loading" />;

  const { shop, categories, products, memberships } = home;
  const active = memberships.filter((m) => m.state === 'active');
  const hasPlans = products.some((p) => p.kind === 'membership');
  const shown = category === null ? products : products.filter((p) => p.categoryId === category);
  const usedCategories = categories.filter((c) => products.some((p) => p.categoryId === c.categoryId));
  const summary = cartSummary(home, items);

  const open = (p: ProductView) => {
    if (p.kind === 'membership') Taro.navigateTo({ url: `/pages/membership/index?shopId=${shop.shopId}` });
    else Taro.navigateTo({ url: `/pages/product/index?shopId=${shop.shopId}&id=${p.productId}` });
  };
  const addOne = (p: ProductView) => {
    // A product with options is bought by SKU: its page opens with the spec sheet.
    if (p.options.length > 0) {
      Taro.navigateTo({ url: `/pages/product/index?shopId=${shop.shopId}&id=${p.productId}&spec=1` });
      return;
    }
    const most = p.kind === 'physical' ? p.stock ?? undefined : 1;
    const added = add(shop.shopId, p.productId, 1, most);
    if (added === 0) Taro.showToast({ title: T.product.alreadyAtMost(most ?? 999), icon: 'none', duration: 1500 });
    else Taro.showToast({ title: T.product.added, icon: 'success', duration: 800 });
  };

  return (
    <View className="shop">
      <PersonaSwitcher />
      <View className="shop__header">
        <CloudImage className="shop__logo" src={pictureSrc(shop.logo, shop.logoUrl)} />
        <View className="shop__titles">
          <Text className="shop__name" data-testid="shop-name">{shop.name}</Text>
          {shop.description && <Text className="shop__desc">{shop.description}</Text>}
          {active.map((m) => (
            <Text key={m.tag} className="shop__badge" data-testid="member-badge">
              {m.lifetime ? T.shop.memberLifetime(m.tag) : T.shop.memberBadge(m.tag, formatDate(m.expiresAt))}
            </Text>
          ))}
        </View>
      </View>
      {active.length === 0 && hasPlans && (
        <View className="shop__join" data-testid="join-banner" onClick={() => Taro.navigateTo({ url: `/pages/membership/index?shopId=${shop.shopId}` })}>
          <Text>{T.shop.joinBanner}</Text>
          <Text className="shop__join-go">{T.shop.join} ›</Text>
        </View>
      )}
      {!shop.acceptsWechatPay && <View className="shop__warn">{T.shop.noPay}</View>}
      <ShopCoupons shopId={shop.shopId} />
      <SearchBar onSearch={search.search} onClear={search.clear} active={searching} />
      {searching ? <SearchResults state={search} onOpen={open} onAdd={addOne} /> : <>
      {usedCategories.length > 0 && (
        <View className="shop__categories" data-testid="category-bar">
          <Text className={`chip ${category === null ? 'chip--on' : ''}`} onClick={() => setCategory(null)}>{T.shop.all}</Text>
          {usedCategories.map((c) => (
            <Text key={c.categoryId} className={`chip ${category === c.categoryId ? 'chip--on' : ''}`} data-testid="category" onClick={() => setCategory(c.categoryId)}>
              {c.name}
            </Text>
          ))}
        </View>
      )}
      {shown.length === 0 ? (
        <PageState kind="empty" message={products.length === 0 ? T.shop.empty : T.shop.categoryEmpty} />
      ) : (
        <View className="shop__grid">
          {shown.map((p) => <ProductCard key={p.productId} product={p} onOpen={open} onAdd={addOne} />)}
        </View>
      )}
      </>}
      <View className="bottom-space" />
      <CartBar count={summary.count} total={summary.total} onOpen={() => Taro.navigateTo({ url: `/pages/cart/index?shopId=${shop.shopId}` })} />
    </View>
  );
}
