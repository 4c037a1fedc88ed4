// Refund after the fact (after-sales): everything still refundable, or an amount typed in yuan (exact fen
// through core/money yuanToFen, checked against what is refundable by core/refund.ts), with a reason.
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { LIMITS } from '../../../core/contracts/fields';
import type { OrderDetailView } from '../../../core/contracts/views';
import { formatYuan, yuanToFen, type Fen } from '../../../core/money';
import { amountRefundAllowed, refundableNow } from '../lib/order-money';
import { OT } from '../text';
import { Field } from './Field';
import { Sheet } from './Sheet';

export type RefundRequest = { mode: 'full'; reason: string } | { mode: 'amount'; amount: Fen; reason: string };

interface Props {
  order: OrderDetailView;
  busy?: boolean;
  onClose: () => void;
  onConfirm: (request: RefundRequest, amount: Fen) => void;
}

export function RefundSheet({ order, busy, onClose, onConfirm }: Props) {
  const max = refundableNow(order);
  const [mode, setMode] = useState<'full' | 'amount'>('full');
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string }>({});

  const confirm = () => {
    const found: typeof errors = {};
    if (reason.trim() === '') found.reason = OT.order.reasonRequired;
    let amount = max;
    if (mode === 'amount') {
      const parsed = yuanToFen(amountText.trim());
      if (!parsed.ok || parsed.data < 1 || !amountRefundAllowed(order, parsed.data)) found.amount = OT.order.refundAmountInvalid(formatYuan(max));
      else amount = parsed.data;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onConfirm(mode === 'full' ? { mode, reason: reason.trim() } : { mode, amount, reason: reason.trim() }, amount);
  };

  return (
    <Sheet title={OT.order.refundTitle} confirmLabel={OT.order.actions.refund} busy={busy} onClose={onClose} onConfirm={confirm} testId="refund-sheet">
      <Text className="muted">{OT.order.refundable(formatYuan(max))}</Text>
      <View className={`choice ${mode === 'full' ? 'choice--on' : ''}`} data-testid="refund-full" onClick={() => setMode('full')}>
        <View className="choice__box" />
        <Text className="choice__text">{OT.order.refundAll(formatYuan(max))}</Text>
      </View>
      <View className={`choice ${mode === 'amount' ? 'choice--on' : ''}`} data-testid="refund-partial" onClick={() => setMode('amount')}>
        <View className="choice__box" />
        <Text className="choice__text">{OT.order.refundAmount}</Text>
      </View>
      {mode === 'amount' && (
        <Field label={OT.order.refundAmount} value={amountText} onInput={setAmountText} type="digit" maxlength={12} error={errors.amount} testId="refund-amount" />
      )}
      <Textarea className="sheet__textarea" value={reason} placeholder={OT.order.reasonPlaceholder} maxlength={LIMITS.reason}
        data-testid="reason-input" onInput={(e) => setReason(e.detail.value)} />
      {errors.reason && <Text className="field__error">{errors.reason}</Text>}
    </Sheet>
  );
}
