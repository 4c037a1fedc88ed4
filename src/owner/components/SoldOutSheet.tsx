// Mark lines sold out: the owner ticks the lines they cannot supply and sees, before confirming, exactly
// the refund that will start (core/refund.ts planSoldOut, the server's own rule: every unit left on those
// lines; the delivery fee too when nothing is left to deliver).
import { lineTitle } from '../../../core/options';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OrderDetailView } from '../../../core/contracts/views';
import { formatYuan, type Fen } from '../../../core/money';
import { soldOutCandidates, soldOutRefund } from '../lib/order-money';
import { OT } from '../text';
import { Sheet } from './Sheet';

interface Props {
  order: OrderDetailView;
  busy?: boolean;
  onClose: () => void;
  onConfirm: (lineNos: number[], names: string, amount: Fen) => void;
}

export function SoldOutSheet({ order, busy, onClose, onConfirm }: Props) {
  const [picked, setPicked] = useState<number[]>([]);
  const candidates = soldOutCandidates(order);
  const preview = soldOutRefund(order, picked);
  const toggle = (lineNo: number) => setPicked((p) => (p.includes(lineNo) ? p.filter((n) => n !== lineNo) : [...p, lineNo].sort((a, b) => a - b)));
  const confirm = () => {
    if (!preview) return;
    const names = order.lines.filter((l) => picked.includes(l.lineNo)).map((l) => `“${lineTitle(l)}”`).join('、');
    onConfirm(picked, names, preview.amount);
  };
  return (
    <Sheet title={OT.order.soldOutTitle} confirmLabel={OT.order.actions.markSoldOut} busy={busy || !preview} onClose={onClose} onConfirm={confirm} testId="sold-out-sheet">
      <Text className="muted">{OT.order.soldOutHint}</Text>
      {candidates.map((l) => (
        <View key={l.lineNo} className={`choice ${picked.includes(l.lineNo) ? 'choice--on' : ''}`} data-testid="sold-out-line" onClick={() => toggle(l.lineNo)}>
          <View className="choice__box" />
          <Text className="choice__text">{lineTitle(l)} × {l.quantity - l.refundedQuantity}</Text>
          <Text>{formatYuan(l.lineTotal)}</Text>
        </View>
      ))}
      <View className="sheet__preview" data-testid="sold-out-preview">
        {preview ? OT.order.soldOutPreview(formatYuan(preview.amount)) : OT.order.soldOutNone}
        {preview?.full ? `（${OT.order.soldOutAll}）` : ''}
      </View>
    </Sheet>
  );
}
