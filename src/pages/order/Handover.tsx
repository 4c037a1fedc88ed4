// How the buyer gets the goods (docs/product.md §12): the pickup address and opening hours with 联系商家,
// the delivery address and the owner's note, or the carrier and tracking number. Shown from the shop's
// settings as the order detail carries them (OrderDetailView.shopContact).
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { OrderDetailView } from '../../../core/contracts/views';
import { T } from '../../text';

export function callShop(phone: string): void {
  if (!phone) return;
  void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);
}

export function Handover({ order }: { order: OrderDetailView }) {
  const { shopContact: c, delivery, fulfilment: f } = order;
  const addr = delivery.address;
  const done = order.status === 'cancelled' || order.status === 'refunded';
  return (
    <View className="section handover" data-testid="handover">
      {delivery.method === 'pickup' && (
        <>
          <Text className="section__title">{T.order.pickup}</Text>
          {!done && (order.status === 'fulfilled' || order.status === 'completed'
            ? <Text className="handover__hint handover__hint--ready">{T.order.pickupReady}</Text>
            : order.status !== 'unpaid' && <Text className="handover__hint">{T.order.pickupWaiting}</Text>)}
          <View className="handover__row"><Text className="muted">{T.order.pickupAddress}</Text><Text className="handover__value" data-testid="pickup-address">{c.pickupAddress || '—'}</Text></View>
          {c.pickupNote && <View className="handover__row"><Text className="muted">{T.order.pickupTime}</Text><Text className="handover__value" data-testid="pickup-note">{c.pickupNote}</Text></View>}
        </>
      )}
      {addr && (
        <>
          <Text className="section__title">{T.order.address}</Text>
          <Text className="order__addr">{addr.userName} {addr.telNumber}</Text>
          <Text className="order__addr muted">{addr.provinceName}{addr.cityName}{addr.countyName}{addr.detailInfo}</Text>
          {c.deliveryNote && <View className="handover__row"><Text className="muted">{T.order.deliveryInfo}</Text><Text className="handover__value" data-testid="delivery-note">{c.deliveryNote}</Text></View>}
        </>
      )}
      {f?.kind === 'shipped' && (
        <View className="handover__row"><Text className="muted">{T.order.tracking}</Text>
          <Text className="handover__value" data-testid="tracking">{f.carrier} {f.trackingNo}</Text>
        </View>
      )}
      {f && f.note && f.kind !== 'shipped' && <Text className="handover__hint">{f.note}</Text>}
      {c.phone && (
        <Button className="secondary-button handover__call" data-testid="contact-shop" onClick={() => callShop(c.phone)}>
          {T.order.contact} {c.phone}
        </Button>
      )}
    </View>
  );
}
