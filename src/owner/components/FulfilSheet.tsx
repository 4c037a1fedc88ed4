// Fulfil: ready for pickup, out for delivery, or shipped with carrier and tracking number (the shipping
// information WeChat needs, docs/product.md §17). The default kind follows the order's delivery method.
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { LIMITS, TRACKING_NO_PATTERN } from '../../../core/contracts/fields';
import type { OrderDetailView } from '../../../core/contracts/views';
import { fulfilmentKindFor } from '../../../core/order-state';
import { isH5 } from '../../env';
import { T } from '../../text';
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

  // Only what fits how the buyer asked to receive it: a pickup order is handed over at the counter, a
  // 同城配送 order delivered; changing it is possible (express when a courier is all there is) but warned.
  const offered: Kind[] = natural === 'virtual' ? KINDS : [natural];
  const [showAll, setShowAll] = useState(false);
  const kinds = showAll ? KINDS : offered;
  const mismatch = natural !== 'virtual' && kind !== natural;

  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: false, scanType: ['barCode', 'qrCode'] });
      if (r.result) setTrackingNo(r.result.trim());
    } catch {
      // closed
    }
  };

  const confirm = () => {
    const what = mismatch && order.delivery.method
      ? OT.order.methodMismatch(OT.order.fulfilKinds[kind], T.delivery[order.delivery.method])
      : OT.order.fulfilKinds[kind];
    if (kind !== 'shipped') return onConfirm({ kind, note: note.trim() }, what);
    const found: typeof errors = {};
    if (carrier.trim() === '' || carrier.trim().length > LIMITS.name) found.carrier = OT.order.carrierRequired;
    if (!TRACKING_NO_PATTERN.test(trackingNo.trim())) found.trackingNo = OT.order.trackingNoInvalid;
    setErrors(found);
    if (Object.keys(found).length === 0) onConfirm({ kind, carrier: carrier.trim(), trackingNo: trackingNo.trim(), note: note.trim() }, what);
  };

  return (
    <Sheet title={OT.order.fulfilTitle} confirmLabel={OT.common.confirm} busy={busy} onClose={onClose} onConfirm={confirm} testId="fulfil-sheet">
      {kinds.map((k) => (
        <View key={k} className={`choice ${kind === k ? 'choice--on' : ''}`} data-testid={`fulfil-${k}`} onClick={() => setKind(k)}>
          <View className="choice__box" />
          <Text className="choice__text">{OT.order.fulfilKinds[k]}</Text>
        </View>
      ))}
      {!showAll && offered.length < KINDS.length && (
        <Text className="muted tap" data-testid="fulfil-other" onClick={() => setShowAll(true)}>{OT.order.fulfilOther}</Text>
      )}
      {mismatch && order.delivery.method && (
        <Text className="fulfil-warning" data-testid="fulfil-warning">{OT.order.methodMismatch(OT.order.fulfilKinds[kind], T.delivery[order.delivery.method])}</Text>
      )}
      {kind === 'shipped' && (
        <View>
          <View className="carriers">
            {OT.order.carriers.map((c) => (
              <Text key={c} className={`chip tap ${carrier === c ? 'chip--on' : ''}`} onClick={() => setCarrier(c)}>{c}</Text>
            ))}
          </View>
          <Field label={OT.order.carrier} value={carrier} onInput={setCarrier} placeholder={OT.order.carrierPlaceholder} error={errors.carrier} testId="carrier" />
          <Field label={OT.order.trackingNo} value={trackingNo} onInput={setTrackingNo} placeholder={OT.order.trackingNoPlaceholder} error={errors.trackingNo} maxlength={40} testId="tracking-no" />
          {!isH5() && <Button className="secondary-button scan-button" onClick={() => void scan()}>{OT.order.scan}</Button>}
        </View>
      )}
      <Field label={OT.order.fulfilNote} value={note} onInput={setNote} maxlength={LIMITS.note} testId="fulfil-note" />
    </Sheet>
  );
}
