// Gift membership days (or lifetime) to one of the shop's customers (membership.gift, docs/product.md
// §4). The gift id is made once per sheet, so a retry after a timeout grants once (the server keys
// the grant by it, ids.ts grantKey).
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { CustomerRow } from '../../../core/contracts/views';
import { MAX_GRANT_DAYS } from '../../../core/membership';
import { formatYuan } from '../../../core/money';
import { newRequestId } from '../../lib/request-id';
import { OT } from '../text';
import { Field } from './Field';
import { Sheet } from './Sheet';
import { Toggle } from './Toggle';

export interface GiftRequest {
  giftId: string;
  buyerOpenid: string;
  tag: string;
  days?: number;
  lifetime?: true;
  note: string;
}

interface Props {
  customers: CustomerRow[];
  tags: string[];
  busy?: boolean;
  onClose: () => void;
  onConfirm: (request: GiftRequest, summary: { who: string; what: string }) => void;
}

export function GiftSheet({ customers, tags, busy, onClose, onConfirm }: Props) {
  const giftId = useRef(newRequestId());
  const [buyer, setBuyer] = useState<string | null>(customers[0]?.openid ?? null);
  const [tag, setTag] = useState(tags[0] ?? 'vip');
  const [days, setDays] = useState('30');
  const [lifetime, setLifetime] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const confirm = () => {
    if (!buyer) return;
    const n = Number(days.trim());
    if (!lifetime && !(/^\d{1,4}$/.test(days.trim()) && n >= 1 && n <= MAX_GRANT_DAYS)) return setError(OT.members.giftDaysInvalid(MAX_GRANT_DAYS));
    setError(null);
    const what = lifetime ? `${tag} ${OT.members.giftLifetime}` : `${tag} ${n} 天`;
    onConfirm(
      { giftId: giftId.current, buyerOpenid: buyer, tag, ...(lifetime ? { lifetime: true as const } : { days: n }), note: note.trim() },
      { who: customers.find((c) => c.openid === buyer)?.name ?? '', what },
    );
  };

  return (
    <Sheet title={OT.members.giftTitle} confirmLabel={OT.members.gift} busy={busy || !buyer} onClose={onClose} onConfirm={confirm} testId="gift-sheet">
      <Text className="field__label">{OT.members.giftCustomer}</Text>
      {customers.length === 0 && <Text className="muted">{OT.members.giftCustomersEmpty}</Text>}
      {customers.map((c) => (
        <View key={c.openid} className={`choice ${buyer === c.openid ? 'choice--on' : ''}`} data-testid="gift-customer" onClick={() => setBuyer(c.openid)}>
          <View className="choice__box" />
          <Text className="choice__text" data-testid="gift-customer-name">{c.name}</Text>
          <Text className="muted">{c.phone ? `${c.phone} · ` : ''}{OT.members.customerStats(c.orderCount, formatYuan(c.paidTotal))}</Text>
        </View>
      ))}
      <Text className="field__label">{OT.members.giftTag}</Text>
      <View>
        {tags.map((t) => <Text key={t} className={`chip ${tag === t ? 'chip--on' : ''}`} onClick={() => setTag(t)}>{t}</Text>)}
      </View>
      <Toggle label={OT.members.giftLifetime} on={lifetime} onChange={setLifetime} />
      {!lifetime && <Field label={OT.members.giftDays} value={days} onInput={setDays} type="number" maxlength={4} error={error ?? undefined} testId="gift-days" />}
      <Field label={OT.members.giftNote} value={note} onInput={setNote} maxlength={200} />
    </Sheet>
  );
}
