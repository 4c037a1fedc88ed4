// One shop alert: what happened, when, and the way to its order when it has one.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AlertRow } from '../../../core/contracts/views';
import { formatDateTime } from '../../lib/time';
import { alertKindLabel } from '../lib/alerts';
import { ownerUrl } from '../lib/routes';
import { OT } from '../text';

interface Props {
  shopId: string;
  alert: AlertRow;
}

export function AlertItem({ shopId, alert }: Props) {
  const { orderId } = alert;
  const open = orderId ? () => void Taro.navigateTo({ url: ownerUrl('order', shopId, { orderId }) }) : undefined;
  return (
    <View className={`section alerts__row ${alert.read ? 'alerts__row--read' : ''}`} data-testid="alert" data-kind={alert.kind} onClick={open}>
      <View className="row">
        <Text className="alerts__kind" data-testid="alert-kind">{alertKindLabel(alert.kind)}</Text>
        <Text className="muted">{alert.read ? `${OT.alerts.read} · ` : ''}{formatDateTime(alert.at)}</Text>
      </View>
      <Text className="alerts__message" data-testid="alert-message">{alert.message}</Text>
      {orderId && <Text className="alerts__order" data-testid="alert-order">{OT.alerts.viewOrder} ›</Text>}
    </View>
  );
}
