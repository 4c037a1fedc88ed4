// Asks for the reason the buyer will read (reject, cancel): required by the contract (text 1..200).
import { Text, Textarea } from '@tarojs/components';
import { useState } from 'react';
import { LIMITS } from '../../../core/contracts/fields';
import { OT } from '../text';
import { Sheet } from './Sheet';

interface Props {
  title: string;
  confirmLabel: string;
  busy?: boolean;
  onClose: () => void;
  onConfirm: (reason: string) => void;
}

export function ReasonSheet({ title, confirmLabel, busy, onClose, onConfirm }: Props) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const confirm = () => {
    if (reason.trim() === '') return setMissing(true);
    onConfirm(reason.trim());
  };
  return (
    <Sheet title={title} confirmLabel={confirmLabel} busy={busy} onClose={onClose} onConfirm={confirm} testId="reason-sheet">
      <Textarea className="sheet__textarea" value={reason} placeholder={OT.order.reasonPlaceholder} maxlength={LIMITS.reason}
        data-testid="reason-input" onInput={(e) => setReason(e.detail.value)} />
      {missing && <Text className="field__error">{OT.order.reasonRequired}</Text>}
    </Sheet>
  );
}
