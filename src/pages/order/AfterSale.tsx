// 申请退款/售后 (docs/product.md §3): the state of the buyer's request on the order, and the sheet that
// makes one — everything still refundable or a part of it, a reason, and optional photos. The server
// checks every rule again (core/aftersale.ts); this only shows what it allows.
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { AfterSaleView, OrderDetailView } from '../../../core/contracts/views';
import { formatYuan, type Fen } from '../../../core/money';
import { formatDateTime } from '../../lib/time';
import { call, errorMessage } from '../../services/cloud';
import { T } from '../../text';

export function AfterSaleState({ a }: { a: AfterSaleView }) {
  const text = a.status === 'open'
    ? T.order.afterSaleOpen(formatYuan(a.amount), formatDateTime(a.answerBy))
    : a.status === 'approved' ? T.order.afterSaleApproved(formatYuan(a.amount)) : T.order.afterSaleDeclined(a.declineReason ?? '');
  return (
    <View className={`section aftersale aftersale--${a.status}`} data-testid="aftersale-state">
      <Text>{text}</Text>
    </View>
  );
}

/** "12.5" → 1250 fen; null when it is not an amount. */
export function parseYuan(text: string): Fen | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return (Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))) as Fen;
}

interface Props {
  order: OrderDetailView;
  onClose: () => void;
  onDone: () => void;
}

export function AfterSaleSheet({ order, onClose, onDone }: Props) {
  const refundable = (order.paidFen - order.refundedFen - order.refundPendingFen) as Fen;
  const [all, setAll] = useState(true);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const fen = all ? refundable : parseYuan(amount);
    if (!reason.trim()) return setError(T.order.afterSaleReasonPlaceholder);
    if (fen === null || fen <= 0 || fen > refundable) return setError(T.order.afterSaleAmountHint(formatYuan(refundable)));
    setBusy(true);
    try {
      const base = { orderId: order.orderId, reason: reason.trim(), photos: [] };
      await call('orders', 'requestAfterSale', all ? { ...base, mode: 'full' } : { ...base, mode: 'amount', amount: fen });
      Taro.showToast({ title: T.order.afterSaleSent, icon: 'success' });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="sheet-mask" onClick={onClose}>
      <View className="sheet" data-testid="aftersale-sheet" onClick={(e) => e.stopPropagation()}>
        <Text className="section__title">{T.order.afterSaleTitle}</Text>
        <View className="sheet__choices">
          <Text className={`chip tap ${all ? 'chip--on' : ''}`} onClick={() => setAll(true)}>{T.order.afterSaleAll(formatYuan(refundable))}</Text>
          <Text className={`chip tap ${!all ? 'chip--on' : ''}`} onClick={() => setAll(false)}>{T.order.afterSaleAmount}</Text>
        </View>
        {!all && (
          <Input className="sheet__input" type="digit" placeholder={T.order.afterSaleAmountHint(formatYuan(refundable))} value={amount}
            onInput={(e) => { setAmount(e.detail.value); setError(null); }} />
        )}
        <Text className="muted">{T.order.afterSaleReason}</Text>
        <Textarea className="sheet__textarea" data-testid="aftersale-reason" maxlength={200} placeholder={T.order.afterSaleReasonPlaceholder} value={reason}
          onInput={(e) => { setReason(e.detail.value); setError(null); }} />
        {error && <Text className="sheet__error" data-testid="aftersale-error">{error}</Text>}
        <View className="sheet__actions">
          <Button className="secondary-button" onClick={onClose}>{T.common.cancel}</Button>
          <Button className="primary-button" data-testid="aftersale-submit" disabled={busy} onClick={() => void submit()}>{T.order.afterSaleSubmit}</Button>
        </View>
      </View>
    </View>
  );
}
