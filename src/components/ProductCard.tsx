// One product in the shop's grid: photo, name, the price this buyer pays, member price, marks.
import { Text, View } from '@tarojs/components';
import type { ProductCardView } from '../../core/contracts/views';
import { T } from '../text';
import { CloudImage } from './CloudImage';
import { Price } from './Price';
import './ProductCard.scss';

interface Props {
  product: ProductCardView;
  onOpen: (product: ProductCardView) => void;
  onAdd: (product: ProductCardView) => void;
}

export function ProductCard({ product, onOpen, onAdd }: Props) {
  const addable = !product.soldOut && !product.locked && product.kind === 'physical';
  return (
    <View className={`product-card ${product.soldOut ? 'product-card--sold-out' : ''}`} data-testid="product-card">
      <View className="product-card__photo" onClick={() => onOpen(product)}>
        <CloudImage className="product-card__img" src={product.photo} />
        {product.soldOut && <Text className="product-card__mark product-card__mark--sold-out">{T.shop.soldOut}</Text>}
        {product.membersOnly && <Text className="product-card__mark product-card__mark--members">{T.shop.membersOnly}</Text>}
      </View>
      <View className="product-card__body">
        <Text className="product-card__name" onClick={() => onOpen(product)}>{product.name}</Text>
        <View className="product-card__row">
          <Price pay={product.payPrice} list={product.price} member={product.memberPrice} />
          {addable && product.hasOptions && (
            <View className="product-card__pick" data-testid="pick-spec" onClick={() => onAdd(product)}>{T.spec.pick} ›</View>
          )}
          {addable && !product.hasOptions && (
            <View className="product-card__add" data-testid="add-to-cart" onClick={() => onAdd(product)}>+</View>
          )}
        </View>
      </View>
    </View>
  );
}
