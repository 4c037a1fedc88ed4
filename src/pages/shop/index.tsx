// The shop page: the target of share cards (?id=) and poster codes (?scene=s=CODE) (docs/product.md §8).
// The first screen is one call (storefront.home); the shelf of 全部 or of the chosen category then comes
// 20 cards at a time as the buyer scrolls to the bottom (or taps 加载更多), so a shop of 5,000 products
// opens as fast as one of 10 and still shows every product.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import type { ProductCardView } from '../../../core/contracts/views';
import { parseShopScene } from '../../../core/ids';
import { CartBar } from '../../components/CartBar';
import { CloudImage } from '../../components/CloudImage';
import { PageState } from '../../components/PageState';
import { PersonaSwitcher } from '../../components/PersonaSwitcher';
import { ProductCard } from '../../components/ProductCard';
import { SearchBar, SearchResults, useSearch } from './SearchBox';
import { ShopCoupons } from '../../components/ShopCoupons';
import { formatDate } from '../../lib/time';
import { useCart, useShopCart } from '../../stores/cart';
import { useSession } from '../../stores/session';
import { cartSummary, SHELF_PAGE, shelfKey, shopRefFromParams, useShop, type Shelf } from '../../stores/shop';
import { T } from '../../text';
import './index.scss';

export default function ShopPage() {
  const { params } = useRouter();
  const ref = useMemo(() => shopRefFromParams(params, parseShopScene), [params]);
  const { home, status, error, load, shelves, more } = useShop();
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
  // A category chosen now, or whose shelf a new shop or a persona switch forgot: read its first page.
  const missing = home !== null && !shelves[shelfKey(category)];
  useEffect(() => {
    if (missing) void more(category);
  }, [missing, category, more]);
  useReachBottom(() => {
    if (home && !searching) void more(category);
  });
  useShareAppMessage(() => ({
    title: home ? T.shop.share(home.shop.name) : T.app.name,
    path: `/pages/shop/index?id=${encodeURIComponent(shopId)}`,
  }));

  if (!ref) return <PageState kind="error" message={T.shop.notFound} />;
  if (status === 'error' && !home) return <PageState kind="error" message={error ?? undefined} onRetry={() => void refresh()} />;
  if (!home) return <PageState kind="loading" />;

  const { shop, categories, plans, memberships } = home;
  const active = memberships.filter((m) => m.state === 'active');
  const shelf = shelves[shelfKey(category)];
  const summary = cartSummary(Object.values(shelves).flatMap((x) => x.items), items);

  const open = (p: ProductCardView) => {
    if (p.kind === 'membership') Taro.navigateTo({ url: `/pages/membership/index?shopId=${shop.shopId}` });
    else Taro.navigateTo({ url: `/pages/product/index?shopId=${shop.shopId}&id=${p.productId}` });
  };
  const addOne = (p: ProductCardView) => {
    // A product with options is bought by SKU: its page opens with the spec sheet.
    if (p.hasOptions) {
      Taro.navigateTo({ url: `/pages/product/index?shopId=${shop.shopId}&id=${p.productId}&spec=1` });
      return;
    }
    const most = p.kind === 'physical' ? p.stock ?? undefined : 1;
    const added = add(shop.shopId, p.productId, 1, most, p.payPrice);
    if (added === 0) Taro.showToast({ title: T.product.alreadyAtMost(most ?? 999), icon: 'none', duration: 1500 });
    else Taro.showToast({ title: T.product.added, icon: 'success', duration: 800 });
  };

  return (
    <View className="shop">
      <PersonaSwitcher />
      <View className="shop__header">
        <CloudImage className="shop__logo" src={shop.logo} />
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
      {active.length === 0 && plans.length > 0 && (
        <View className="shop__join" data-testid="join-banner" onClick={() => Taro.navigateTo({ url: `/pages/membership/index?shopId=${shop.shopId}` })}>
          <Text>{T.shop.joinBanner}</Text>
          <Text className="shop__join-go">{T.shop.join} ›</Text>
        </View>
      )}
      {!shop.acceptsWechatPay && <View className="shop__warn">{T.shop.noPay}</View>}
      <ShopCoupons shopId={shop.shopId} />
      <SearchBar onSearch={search.search} onClear={search.clear} active={searching} />
      {searching ? <SearchResults state={search} onOpen={open} onAdd={addOne} /> : <>
      {categories.length > 0 && (
        <View className="shop__categories" data-testid="category-bar">
          <Text className={`chip ${category === null ? 'chip--on' : ''}`} onClick={() => setCategory(null)}>{T.shop.all}</Text>
          {categories.map((c) => (
            <Text key={c.categoryId} className={`chip ${category === c.categoryId ? 'chip--on' : ''}`} data-testid="category" onClick={() => setCategory(c.categoryId)}>
              {c.name}
            </Text>
          ))}
        </View>
      )}
      <ShelfView shelf={shelf} whole={category === null} onMore={() => void more(category)} onOpen={open} onAdd={addOne} />
      </>}
      <View className="bottom-space" />
      <CartBar count={summary.count} total={summary.total} onOpen={() => Taro.navigateTo({ url: `/pages/cart/index?shopId=${shop.shopId}` })} />
    </View>
  );
}

interface ShelfProps {
  shelf: Shelf | undefined;
  /** The shelf of 全部 (its empty state says the shop has nothing yet). */
  whole: boolean;
  onMore: () => void;
  onOpen: (p: ProductCardView) => void;
  onAdd: (p: ProductCardView) => void;
}

/** One shelf as far as it has been read, and its foot: 加载更多, 加载中…, a retry, or 没有更多了. */
function ShelfView({ shelf, whole, onMore, onOpen, onAdd }: ShelfProps) {
  if (!shelf || (shelf.items.length === 0 && shelf.loading)) return <PageState kind="loading" />;
  if (shelf.items.length === 0 && shelf.error) return <PageState kind="error" message={shelf.error} onRetry={onMore} />;
  if (shelf.items.length === 0) return <PageState kind="empty" message={whole ? T.shop.empty : T.shop.categoryEmpty} />;
  return (
    <View data-testid="shelf">
      <View className="shop__grid">
        {shelf.items.map((p) => <ProductCard key={p.productId} product={p} onOpen={onOpen} onAdd={onAdd} />)}
      </View>
      {shelf.hasMore ? (
        <View className="shop__more" data-testid="shelf-more" onClick={() => !shelf.loading && onMore()}>
          {shelf.loading ? T.search.loading : shelf.error ? T.shop.moreFailed : T.search.more}
        </View>
      ) : shelf.items.length > SHELF_PAGE && <Text className="shop__end" data-testid="shelf-end">{T.shop.end}</Text>}
    </View>
  );
}
