// 选择规格: the option groups of a product as chips, the price and stock of the chosen combination, a
// quantity clamped to that stock, and the buttons that act on it (加入购物车 / 立即购买). Sold-out and
// switched-off combinations cannot be picked.
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ProductView } from '../../core/contracts/views';
import { chosenSku, initialChoice, toggleValue, valueEnabled, type Choice } from '../lib/spec';
import { MAX_LINE_QUANTITY } from '../stores/cart';
import { T } from '../text';
import { CloudImage } from './CloudImage';
import { Price } from './Price';
import { Stepper } from './Stepper';
import './SpecSheet.scss';

export type SpecAction = 'cart' | 'buy';

interface Props {
  product: ProductView;
  /** Which buttons to show: both, or only the one the buyer tapped. */
  actions: SpecAction[];
  onConfirm: (skuId: string, quantity: number, action: SpecAction) => void;
  onClose: () => void;
}

export function SpecSheet({ product, actions, onConfirm, onClose }: Props) {
  const [choice, setChoice] = useState<Choice>(() => initialChoice(product));
  const [quantity, setQuantity] = useState(1);
  const sku = chosenSku(product, choice);
  const max = sku ? Math.min(sku.stock ?? MAX_LINE_QUANTITY, MAX_LINE_QUANTITY) : MAX_LINE_QUANTITY;
  const shown = Math.max(1, Math.min(quantity, max));
  const firstValue = product.options[0]?.values.find((v) => v.id === choice[0]);
  const photo = firstValue?.photo ?? product.photos[0] ?? null;
  const missing = product.options.filter((_, g) => choice[g] === null).map((o) => o.name);

  return (
    <View className="spec" data-testid="spec-sheet">
      <View className="spec__mask" onClick={onClose} />
      <View className="spec__panel">
        <View className="spec__head">
          <CloudImage className="spec__photo" src={photo} />
          <View className="spec__summary">
            <Price pay={sku?.payPrice ?? product.payPrice} list={sku?.price ?? product.price} member={sku ? sku.memberPrice : product.memberPrice} size="large" />
            <Text className="muted" data-testid="spec-stock">
              {sku ? (sku.stock === null ? T.product.unlimited : T.product.stock(sku.stock)) : T.spec.choose(missing)}
            </Text>
            {sku && <Text className="spec__label">{T.spec.chosen(sku.label)}</Text>}
          </View>
          <Text className="spec__close" onClick={onClose}>✕</Text>
        </View>
        {product.options.map((group, g) => (
          <View key={group.name} className="spec__group">
            <Text className="spec__group-name">{group.name}</Text>
            <View>
              {group.values.map((value) => {
                const enabled = valueEnabled(product, choice, g, value.id);
                const on = choice[g] === value.id;
                return (
                  <Text
                    key={value.id}
                    className={`chip spec__value ${on ? 'chip--on' : ''} ${enabled ? '' : 'spec__value--off'}`}
                    data-testid="spec-value"
                    onClick={() => (enabled || on) && setChoice(toggleValue(choice, g, value.id))}
                  >
                    {value.name}
                  </Text>
                );
              })}
            </View>
          </View>
        ))}
        <View className="row spec__quantity">
          <Text>{T.product.quantity}</Text>
          {sku && sku.stock !== null && sku.stock <= 10 && <Text className="spec__left">{T.cart.available(sku.stock)}</Text>}
          <Stepper value={shown} max={max} onChange={setQuantity} label={T.product.quantity} />
        </View>
        <View className="spec__buttons">
          {actions.map((action) => (
            <Button
              key={action}
              className={`${action === 'buy' ? 'primary-button' : 'secondary-button'} spec__button`}
              data-testid={`spec-${action}`}
              disabled={!sku}
              onClick={() => sku && onConfirm(sku.skuId, shown, action)}
            >
              {action === 'buy' ? T.product.buyNow : T.product.addToCart}
            </Button>
          ))}
        </View>
      </View>
    </View>
  );
}
