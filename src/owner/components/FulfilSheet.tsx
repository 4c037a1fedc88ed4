// Fulfil: ready for pickup, out for delivery, or shipped with carrier and tracking number (the shipping
// information WeChat needs, PRODUCT.md item 17). The default kind follows the order's delivery method.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { LIMITS, TRACKING_NO_PATTERN } from '../../../core/contracts/fields';
import type { OrderDetailView } from '../../../core/contracts/views';
import { fulfilmentKindFor } from '../../../core/order-state';
import { OT } from '../text';
import { Field } from './Field';
import { Sheet } from './Sheet';

export type FulfilRequest =
  | { kind: 'ready_for_pickup'; note: string }
  | { kind: 'out_for_delivery'; note: string }
  | { kind: 'shipped'; carrier: string; trackingNo: string; note: string };

type Kind = FulfilRequest['kind'];
const KINDS: Kind[] = ['ready_for_pickup', 'out_for_delivery', 'shipped'];

interface Props {
  order: OrderDetailView;
  busy?: boolean;
  onClose: () => void;
  onConfirm: (request: FulfilRequest, what: string) => void;
}

export function FulfilSheet({ order, busy, onClose, onConfirm }: Props) {
  const natural = fulfilmentKindFor(order.delivery.method);
  const current = order.fulfilment?.kind;
  const [kind, setKind] = useState<Kind>(current && current !== 'virtual' ? current : natural === 'virtual' ? 'ready_for_pickup' : natural);
  const [carrier, setCarrier] = useState(order.fulfilment?.carrier ?? '');
  const [trackingNo, setTrackingNo] = useState(order.fulfilment?.trackingNo ?? '');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ carrier?: string; trackingNo?: string }>({});

  const confirm = () => {
    const what = OT.order.fulfilKinds[kind];
    if (kind !== 'shipped') return onConfirm({ kind, note: note.trim() }, what);
    const found: typeof errors = {};
    if (carrier.trim() === '' || carrier.trim().length > LIMITS.name) found.carrier = OT.order.carrierRequired;
    if (!TRACKING_NO_PATTERN.test(trackingNo.trim())) found.trackingNo = OT.order.trackingNoInvalid;
    setErrors(found);
    if (Object.keys(found).length === 0) onConfirm({ kind, carrier: carrier.trim(), trackingNo: trackingNo.trim(), note: note.trim() }, what);
  };

  return (
    <Sheet title={OT.order.fulfilTitle} confirmLabel={OT.common.confirm} busy={busy} onClose={onClose} onConfirm={confirm} testId="fulfil-sheet">
      {KINDS.map((k) => (
        <View key={k} className={`choice ${kind === k ? 'choice--on' : ''}`} data-testid={`fulfil-${k}`} onClick={() => setKind(k)}>
          <View className="choice__box" />
          <Text className="choice__text">{OT.order.fulfilKinds[k]}</Text>
        </View>
      ))}
      {kind === 'shipped' && (
        <View>
          <Field label={OT.order.carrier} value={carrier} onInput={setCarrier} placeholder={OT.order.carrierPlaceholder} error={errors.carrier} testId="carrier" />
          <Field label={OT.order.trackingNo} value={trackingNo} onInput={setTrackingNo} placeholder={OT.order.trackingNoPlaceholder} error={errors.trackingNo} maxlength={40} testId="tracking-no" />
        </View>
      )}
      <Field label={OT.order.fulfilNote} value={note} onInput={setNote} maxlength={LIMITS.note} testId="fulfil-note" />
    </Sheet>
  );
}
