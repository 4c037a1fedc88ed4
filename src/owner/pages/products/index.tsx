// 商品管理 (docs/product.md §2): every product with its price, stock and shelf switch, in the order
// buyers see them; 上移 / 下移 rewrite the order (shopAdmin.reorder: `sort` becomes each id's position).
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { OwnerProductView } from '../../../../core/contracts/views';
import { formatYuan } from '../../../../core/money';
import { CloudImage } from '../../../components/CloudImage';
import { PageState } from '../../../components/PageState';
import { call, errorMessage } from '../../../services/cloud';
import { OwnerGate } from '../../components/OwnerGate';
import { Toggle } from '../../components/Toggle';
import { useOwnerLoad } from '../../components/useOwnerLoad';
import { swap } from '../../lib/list';
import { allProducts } from '../../lib/products';
import { ownerUrl } from '../../lib/routes';
import { OT } from '../../text';
import './index.scss';

export default function ProductsPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const [category, setCategory] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loaded = useOwnerLoad(async () => {
    const [products, categories] = await Promise.all([allProducts(shopId), call('shopAdmin', 'listCategories', { shopId })]);
    return { products, categories };
  });
  usePullDownRefresh(() => void loaded.reload().finally(() => Taro.stopPullDownRefresh()));

  const edit = (productId?: string) => Taro.navigateTo({ url: ownerUrl('product', shopId, productId ? { productId } : category ? { categoryId: category } : {}) });

  return (
    <OwnerGate loaded={loaded}>
      {({ products, categories }) => {
        const shown = category === null ? products : products.filter((p) => (category === '' ? p.categoryId === null : p.categoryId === category));
        const setShelf = async (p: OwnerProductView, onShelf: boolean) => {
          loaded.set({ categories, products: products.map((x) => (x.productId === p.productId ? { ...x, onShelf } : x)) });
          try {
            await call('shopAdmin', 'setShelf', { shopId, productIds: [p.productId], onShelf });
            Taro.showToast({ title: onShelf ? OT.products.shelfOn : OT.products.shelfOff, icon: 'none', duration: 800 });
          } catch (err) {
            Taro.showToast({ title: errorMessage(err), icon: 'none' });
            void loaded.reload();
          }
        };
        const move = async (index: number, by: -1 | 1) => {
          if (busy) return;
          const next = swap(products, index, index + by);
          loaded.set({ categories, products: next });
          setBusy(true);
          try {
            await call('shopAdmin', 'reorder', { shopId, target: 'products', ids: next.map((p) => p.productId) });
          } catch (err) {
            Taro.showToast({ title: errorMessage(err), icon: 'none' });
            void loaded.reload();
          } finally {
            setBusy(false);
          }
        };
        return (
          <View className="products">
            <View className="owner-add" data-testid="add-product" onClick={() => edit()}>＋ {OT.products.add}</View>
            {categories.length > 0 && (
              <View className="products__filter">
                <Text className={`chip ${category === null ? 'chip--on' : ''}`} onClick={() => setCategory(null)}>{OT.products.allCategories}</Text>
                {categories.map((c) => (
                  <Text key={c.categoryId} className={`chip ${category === c.categoryId ? 'chip--on' : ''}`} onClick={() => setCategory(c.categoryId)}>{c.name}</Text>
                ))}
                <Text className={`chip ${category === '' ? 'chip--on' : ''}`} onClick={() => setCategory('')}>{OT.products.uncategorised}</Text>
              </View>
            )}
            {shown.length === 0 ? (
              <PageState kind="empty" message={OT.products.empty} />
            ) : (
              <View className="section products__list">
                {shown.map((p) => {
                  const index = products.indexOf(p);
                  return (
                    <View key={p.productId} className={`products__row ${p.onShelf ? '' : 'products__row--off'}`} data-testid="owner-product">
                      <View className="products__main" onClick={() => edit(p.productId)}>
                        <CloudImage className="products__cover" src={p.photos[0]} />
                        <View className="products__info">
                          <Text className="products__name" data-testid="owner-product-name">{p.name}</Text>
                          <View>
                            <Text className="products__price">{formatYuan(p.price)}</Text>
                            {p.memberPrice !== null && <Text className="badge badge--gold">会员 {formatYuan(p.memberPrice)}</Text>}
                            {p.kind !== 'physical' && <Text className="badge">{OT.products.kind[p.kind]}</Text>}
                            {p.membersOnly && <Text className="badge badge--gold">{OT.products.membersOnly}</Text>}
                            {p.reviewing.length > 0 && <Text className="badge" data-testid="photo-reviewing">{OT.products.reviewing}</Text>}
                          </View>
                          <Text className="muted">
                            {unitsLine(p)}
                            {p.reserved > 0 ? ` · ${OT.products.reserved(p.reserved)}` : ''}
                          </Text>
                        </View>
                      </View>
                      <View className="products__side">
                        <Toggle on={p.onShelf} onChange={(on) => void setShelf(p, on)} label={p.onShelf ? OT.products.onShelf : OT.products.offShelf} testId="shelf-toggle" />
                        {category === null && (
                          <View className="products__moves">
                            <Text className={`products__move ${index === 0 ? 'products__move--off' : ''}`} onClick={() => index > 0 && void move(index, -1)}>↑</Text>
                            <Text className={`products__move ${index === products.length - 1 ? 'products__move--off' : ''}`}
                              onClick={() => index < products.length - 1 && void move(index, 1)}>↓</Text>
                          </View>
                        )}
                      </View>
                    </View>
                  );
                })}
              </View>
            )}
          </View>
        );
      }}
    </OwnerGate>
  );
}

/** 库存 · 已售: with options, summed over the SKUs (and the units the product held before it had options), and how many SKUs. */
/** Stock and 已售; sold is what paid orders hold less refunds (`sales`, every kind), else the stock counters. */
function unitsLine(p: OwnerProductView): string {
  const sold = p.sales ?? p.sold + p.skus.reduce((n, s) => n + s.sold, 0);
  if (p.skus.length === 0) return `${p.unlimited ? OT.products.unlimited : OT.products.stock(p.stock)} · ${OT.products.sold(sold)}`;
  const live = p.skus.filter((s) => !s.retired);
  const stock = live.some((s) => s.unlimited) ? OT.products.unlimited : OT.products.stock(p.stock + live.reduce((n, s) => n + s.stock, 0));
  return `${OT.products.skus(live.length)} · ${stock} · ${OT.products.sold(sold)}`;
}
