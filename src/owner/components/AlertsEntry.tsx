// The dashboard's way to the shop's alerts: shown only when the shop has alerts, with a red badge for the
// unread ones. Loaded apart from the figures: an alert list that cannot be read never hides the dashboard.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { AlertRow } from '../../../core/contracts/views';
import { call } from '../../services/cloud';
import { ownerUrl } from '../lib/routes';
import { OT } from '../text';

interface Props {
  shopId: string;
}

export function AlertsEntry({ shopId }: Props) {
  const [page, setPage] = useState<{ items: AlertRow[]; hasMore: boolean } | null>(null);
  const load = useCallback(async () => {
    try {
      setPage(await call('shopAdmin', 'alerts', { shopId, limit: 20 }));
    } catch {
      setPage(null);
    }
  }, [shopId]);
  // Mounted once the dashboard has loaded (after the page showed): read now, and again on every return.
  useEffect(() => void load(), [load]);
  useDidShow(() => void load());

  if (!page || page.items.length === 0) return null;
  const unread = page.items.filter((a) => !a.read).length;
  return (
    <View className="section dashboard__alerts" data-testid="alerts-entry" onClick={() => void Taro.navigateTo({ url: ownerUrl('alerts', shopId) })}>
      <Text className="dashboard__alerts-title">{OT.dashboard.alerts}</Text>
      {unread > 0 && <Text className="dashboard__menu-badge dashboard__alerts-badge" data-testid="alerts-unread">{OT.dashboard.alertsUnread(unread, page.hasMore)}</Text>}
      <Text className="muted">›</Text>
    </View>
  );
}
