// What the owner may do with an order now — the server's `actions` for the owner (core/present.ts) —
// and the step each needs before it is sent: a reason (reject, cancel, refund), the lines sold out with
// the refund they start shown BEFORE confirming (lib/order-money.ts runs core/refund.ts planSoldOut),
// the fulfilment kind with carrier and tracking number for express. Destructive steps are confirmed
// with Taro.showModal; every status change is the server's compare-and-set (a stale screen gets
// INVALID_TRANSITION, whose message asks to refresh).
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { OrderAction, OrderDetailView } from '../../../core/contracts/views';
import { formatYuan } from '../../../core/money';
import { formatDateTime } from '../../lib/time';
import { call, errorMessage } from '../../services/cloud';
import { askNewOrderNotices } from '../../services/subscribe';
import { OT } from '../text';
import { FulfilSheet } from './FulfilSheet';
import { ReasonSheet } from './ReasonSheet';
import { RefundSheet } from './RefundSheet';
import { SoldOutSheet } from './SoldOutSheet';
import { refundableNow } from '../lib/order-money';

type SheetKind = 'reject' | 'soldOut' | 'fulfil' | 'cancel' | 'refund' | 'declineAfterSale' | null;

interface Props {
  shopId: string;
  order: OrderDetailView;
  onChanged: () => void;
}

/** The buttons in the order they read best on the bottom bar: the main step last (rightmost). */
const ORDER: OrderAction[] = ['refund', 'cancel', 'reject', 'markSoldOut', 'complete', 'markPaid', 'accept', 'fulfil'];
const PRIMARY: OrderAction[] = ['accept', 'fulfil', 'markPaid', 'complete'];

export function OrderActions({ shopId, order, onChanged }: Props) {
  const [sheet, setSheet] = useState<SheetKind>(null);
  const [busy, setBusy] = useState(false);
  const ref = { shopId, orderId: order.orderId };

  /** Confirms (when asked), sends, tells the owner, reloads. Returns whether it went through. */
  const run = async (send: () => Promise<unknown>, done: string, confirmText?: string): Promise<boolean> => {
    if (busy) return false;
    if (confirmText) {
      // Money going back or an order ending is named on the button, in red; "再想想" changes nothing.
      const danger = [OT.order.done.reject, OT.order.done.cancel, OT.order.done.soldOut, OT.order.done.refund].includes(done);
      const { confirm } = await Taro.showModal({
        title: '', content: confirmText, cancelText: '再想想', confirmText: OT.order.confirmButton[done] ?? '确定', confirmColor: danger ? '#d9363e' : '#07c160',
      });
      if (!confirm) return false;
    }
    setBusy(true);
    try {
      await send();
      setSheet(null);
      Taro.showToast({ title: done, icon: 'success', duration: 1000 });
      onChanged();
      return true;
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const c = OT.order.confirm;
  const d = OT.order.done;
  const tap: Partial<Record<OrderAction, () => void>> = {
    accept: () => void run(() => call('shopAdmin', 'acceptOrder', ref), d.accept),
    reject: () => setSheet('reject'),
    markSoldOut: () => setSheet('soldOut'),
    fulfil: () => setSheet('fulfil'),
    complete: () => void run(() => call('shopAdmin', 'completeOrder', ref), d.complete, c.complete),
    markPaid: () => void run(() => call('shopAdmin', 'markPaid', ref), d.markPaid, c.markPaid(formatYuan(order.total))),
    cancel: () => setSheet('cancel'),
    refund: () => setSheet('refund'),
  };
  const a = order.afterSale;
  const approve = () => a && void run(() => call('shopAdmin', 'approveAfterSale', { ...ref, afterSaleId: a.afterSaleId }), OT.order.afterSaleApproved, OT.order.afterSaleApproveConfirm(formatYuan(a.amount)));

  const shown = ORDER.filter((a) => order.actions.includes(a));
  const label = (a: OrderAction) => (a === 'fulfil' && order.status === 'fulfilled' ? OT.order.actions.updateFulfil : OT.order.actions[a as keyof typeof OT.order.actions]);

  return (
    <>
      {a && a.status === 'open' && order.actions.includes('answerAfterSale') && (
        <View className="section aftersale-card" data-testid="owner-aftersale">
          <Text className="aftersale-card__title">{OT.order.afterSaleTitle}</Text>
          <Text>{OT.order.afterSaleLine(formatYuan(a.amount), a.reason)}</Text>
          <Text className="muted">{OT.order.afterSaleDue(formatDateTime(a.answerBy))}</Text>
          <View className="row">
            <Button className="danger-button" data-testid="aftersale-decline" disabled={busy} onClick={() => setSheet('declineAfterSale')}>{OT.order.afterSaleDecline}</Button>
            <Button className="primary-button" data-testid="aftersale-approve" disabled={busy} onClick={approve}>{OT.order.afterSaleApprove}</Button>
          </View>
        </View>
      )}
      {sheet === 'declineAfterSale' && a && (
        <ReasonSheet title={OT.order.afterSaleDeclineTitle} confirmLabel={OT.order.afterSaleDecline} busy={busy} onClose={() => setSheet(null)}
          onConfirm={(reason) => run(() => call('shopAdmin', 'declineAfterSale', { ...ref, afterSaleId: a.afterSaleId, reason }), OT.order.afterSaleDeclined)} />
      )}
      {shown.length > 0 && (
        <View className="bottom-bar order-actions" data-testid="order-actions">
          {shown.map((x) => (
            <Button key={x} data-testid={`action-${x}`} disabled={busy}
              className={PRIMARY.includes(x) ? 'primary-button' : 'secondary-button'} onClick={() => { askNewOrderNotices(); tap[x]?.(); }}>
              {label(x)}
            </Button>
          ))}
        </View>
      )}
      {sheet === 'reject' && (
        <ReasonSheet title={OT.order.reasonTitle.reject} confirmLabel={OT.order.actions.reject} busy={busy} onClose={() => setSheet(null)}
          onConfirm={(reason) => run(() => call('shopAdmin', 'rejectOrder', { ...ref, reason }), d.reject, c.reject(formatYuan(refundableNow(order))))} />
      )}
      {sheet === 'cancel' && (
        <ReasonSheet title={OT.order.reasonTitle.cancel} confirmLabel={OT.order.actions.cancel} busy={busy} onClose={() => setSheet(null)}
          onConfirm={(reason) => run(() => call('shopAdmin', 'cancelOrder', { ...ref, reason }), d.cancel, c.cancel)} />
      )}
      {sheet === 'soldOut' && (
        <SoldOutSheet order={order} busy={busy} onClose={() => setSheet(null)}
          onConfirm={(lineNos, names, amount) => run(() => call('shopAdmin', 'markSoldOut', { ...ref, lineNos, reason: '' }), d.soldOut, c.soldOut(names, formatYuan(amount)))} />
      )}
      {sheet === 'fulfil' && (
        <FulfilSheet order={order} busy={busy} onClose={() => setSheet(null)}
          onConfirm={(req, what) => run(() => call('shopAdmin', 'fulfilOrder', { ...ref, ...req }), d.fulfil, c.fulfil(what))} />
      )}
      {sheet === 'refund' && (
        <RefundSheet order={order} busy={busy} onClose={() => setSheet(null)}
          onConfirm={(req, amount) => run(() => call('shopAdmin', 'refundOrder', { ...ref, ...req }), d.refund, c.refund(formatYuan(amount)))} />
      )}
    </>
  );
}
