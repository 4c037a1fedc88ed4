// The shop's alerts (shopAdmin.alerts, newest first, paged): things the owner must see that are not an
// order status — a late payment, a refund WeChat Pay refused, a shipping upload that failed.
import type { AlertRow } from '../../../core/contracts/views';
import { call } from '../../services/cloud';
import { OT } from '../text';

export const ALERTS_PAGE = 20;

export interface AlertsPage {
  items: AlertRow[];
  hasMore: boolean;
}

/** The next page after `before` (an alert refreshed meanwhile is not shown twice). */
export async function readAlerts(shopId: string, before: AlertRow[] = []): Promise<AlertsPage> {
  const page = await call('shopAdmin', 'alerts', { shopId, offset: before.length, limit: ALERTS_PAGE });
  const seen = new Set(before.map((a) => a.alertId));
  return { items: [...before, ...page.items.filter((a) => !seen.has(a.alertId))], hasMore: page.hasMore };
}

export function alertKindLabel(kind: string): string {
  return OT.alerts.kinds[kind] ?? OT.alerts.other;
}
