// The order's status as a buyer reads it, and the payment state: "支付确认中" from the moment the
// buyer says they paid until the server reports the order paid (the client never decides, docs/wechat-contracts.md §7.2).
import { Text, View } from '@tarojs/components';
import type { OrderDetailView } from '../../core/contracts/views';
import { ORDER_STATUS_LABELS } from '../../core/order-state';
import { formatDateTime } from '../lib/time';
import { T } from '../text';
import './OrderStatusView.scss';

export type PaymentPhase = 'idle' | 'confirming' | 'pending' | 'cancelled' | 'failed';

interface Props {
  order: Pick<OrderDetailView, 'status' | 'fulfilment' | 'expiresAt' | 'paymentMethod'> & { statusLabel?: string };
  phase: PaymentPhase;
}

export function OrderStatusView({ order, phase }: Props) {
  const unpaid = order.status === 'unpaid';
  const label = unpaid && phase === 'confirming'
    ? T.order.paying
    : order.statusLabel ?? ORDER_STATUS_LABELS[order.status];
  let hint: string | null = null;
  if (unpaid && phase === 'confirming') hint = T.order.payingHint;
  else if (unpaid && phase === 'pending') hint = T.order.payPending;
  else if (unpaid && phase === 'cancelled') hint = T.order.payCancelled;
  else if (unpaid && phase === 'failed') hint = T.order.payFailed;
  else if (unpaid && order.paymentMethod === 'wechat') hint = T.order.expiresAt(formatDateTime(order.expiresAt));
  return (
    <View className={`order-status order-status--${unpaid && phase === 'confirming' ? 'confirming' : order.status}`} data-testid="order-status">
      <Text className="order-status__label" data-testid="order-status-label">{label}</Text>
      {hint && <Text className="order-status__hint">{hint}</Text>}
    </View>
  );
}
