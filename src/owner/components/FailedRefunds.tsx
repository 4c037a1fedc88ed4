// The order's refunds that WeChat Pay refused, each with 重试退款: asked again with its own outRefundNo
// (shopAdmin.retryRefund; WeChat then returns the first refund, never a second one). Confirmed first,
// since it moves money; the order reloads afterwards whatever the answer (the refund may have changed).
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { RefundRow } from '../../../core/contracts/views';
import { formatYuan } from '../../../core/money';
import { call, errorMessage } from '../../services/cloud';
import { OT } from '../text';

interface Props {
  shopId: string;
  refunds: readonly RefundRow[];
  onChanged: () => void;
}

export function FailedRefunds({ shopId, refunds, onChanged }: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const failed = refunds.filter((r) => r.status === 'failed');
  if (failed.length === 0) return null;

  const retry = async (r: RefundRow) => {
    if (busy) return;
    const { confirm } = await Taro.showModal({ title: '', content: OT.order.confirm.retryRefund(formatYuan(r.amount)) });
    if (!confirm) return;
    setBusy(r.outRefundNo);
    try {
      await call('shopAdmin', 'retryRefund', { shopId, outRefundNo: r.outRefundNo });
      Taro.showToast({ title: OT.order.done.retryRefund, icon: 'success', duration: 1000 });
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(null);
      onChanged();
    }
  };

  return (
    <View className="section failed-refunds" data-testid="failed-refunds">
      {failed.map((r) => (
        <View key={r.outRefundNo} className="row failed-refunds__row" data-testid="failed-refund">
          <View className="failed-refunds__text">
            <Text className="failed-refunds__title">{OT.order.failedRefund(formatYuan(r.amount))}</Text>
            <Text className="muted failed-refunds__no">{OT.order.failedRefundNo(r.outRefundNo)}</Text>
            {r.failReason && <Text className="muted failed-refunds__reason">{r.failReason}</Text>}
          </View>
          <Button size="mini" className="primary-button" data-testid="retry-refund" disabled={busy !== null} onClick={() => void retry(r)}>
            {busy === r.outRefundNo ? OT.common.loading : OT.order.actions.retryRefund}
          </Button>
        </View>
      ))}
    </View>
  );
}
