// The inbox tabs (: 待接单 / 待发货 / 已完成 / 退款, plus 待付款 for pay-on-pickup orders and 全部).
// shopAdmin.inbox filters by one status, so a tab of several statuses reads each one (newest first,
// paged) and merges them by time; "load more" continues every status that still has more.
import type { OrderSummaryView } from '../../../core/contracts/views';
import type { OrderStatus } from '../../../core/order-state';
import { call } from '../../services/cloud';
import { OT } from '../text';

export type TabKey = keyof typeof OT.orders.tabs;

export interface InboxTab {
  key: TabKey;
  label: string;
  /** Empty: every status. */
  statuses: OrderStatus[];
}

export const INBOX_TABS: readonly InboxTab[] = [
  { key: 'toAccept', label: OT.orders.tabs.toAccept, statuses: ['paid'] },
  // Fulfilled orders stay here until completed: picked up, delivered or received.
  { key: 'toFulfil', label: OT.orders.tabs.toFulfil, statuses: ['accepted', 'fulfilled'] },
  { key: 'unpaid', label: OT.orders.tabs.unpaid, statuses: ['unpaid'] },
  { key: 'done', label: OT.orders.tabs.done, statuses: ['completed'] },
  { key: 'refunds', label: OT.orders.tabs.refunds, statuses: ['refunding', 'refunded'] },
  { key: 'all', label: OT.orders.tabs.all, statuses: [] },
];

export function tabByKey(key: string | undefined): InboxTab {
  return INBOX_TABS.find((t) => t.key === key) ?? INBOX_TABS[0];
}

/** Where each status of a tab stands: next offset, and whether the server has more. */
export type Cursor = Record<string, { offset: number; hasMore: boolean }>;

const PAGE = 20;
const ALL = '*';

export interface InboxPage {
  items: OrderSummaryView[];
  cursor: Cursor;
  hasMore: boolean;
}

/** Reads the next page of every status of `tab` that has more, merged newest first after `before`. */
export async function readInbox(shopId: string, tab: InboxTab, before: OrderSummaryView[] = [], cursor: Cursor = {}): Promise<InboxPage> {
  const keys = tab.statuses.length === 0 ? [ALL] : tab.statuses;
  const next: Cursor = { ...cursor };
  const pages = await Promise.all(
    keys.filter((k) => next[k]?.hasMore !== false).map(async (k) => {
      const offset = next[k]?.offset ?? 0;
      const page = await call('shopAdmin', 'inbox', { shopId, offset, limit: PAGE, ...(k === ALL ? {} : { status: k as OrderStatus }) });
      next[k] = { offset: offset + page.items.length, hasMore: page.hasMore };
      return page.items;
    }),
  );
  const seen = new Set(before.map((o) => o.orderId));
  const items = [...before, ...pages.flat().filter((o) => !seen.has(o.orderId))].sort((a, b) => b.createdAt - a.createdAt);
  return { items, cursor: next, hasMore: Object.values(next).some((c) => c.hasMore) };
}
