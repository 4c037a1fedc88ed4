// 添加 / 编辑商品: loads the product (when editing) and the shop's categories, then the editor
// (components/ProductEditor.tsx). Back to the list after saving or deleting.
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { PRODUCT_KINDS, type ProductKind } from '../../../../core/model';
import { call } from '../../../services/cloud';
import { OwnerGate } from '../../components/OwnerGate';
import { ProductEditor } from '../../components/ProductEditor';
import { useOwnerLoad } from '../../components/useOwnerLoad';
import { OT } from '../../text';
import './index.scss';

export default function ProductPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const productId = params.productId ?? '';
  const loaded = useOwnerLoad(async () => {
    const [categories, product] = await Promise.all([
      call('shopAdmin', 'listCategories', { shopId }),
      productId ? call('shopAdmin', 'getProduct', { shopId, productId }) : Promise.resolve(undefined),
    ]);
    return { categories, product };
  });
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: productId ? OT.editor.editTitle : OT.editor.newTitle }).catch(() => undefined);
  }, [productId]);

  return (
    <OwnerGate loaded={loaded}>
      {({ categories, product }) => (
        <View>
          <ProductEditor
            key={product?.productId ?? 'new'}
            shopId={shopId}
            product={product}
            categories={categories}
            initialCategoryId={params.categoryId ?? null}
            initialKind={(PRODUCT_KINDS as readonly string[]).includes(params.kind ?? '') ? (params.kind as ProductKind) : 'physical'}
            onSaved={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/owner/pages/products/index?shopId=${shopId}` }))}
          />
        </View>
      )}
    </OwnerGate>
  );
}
