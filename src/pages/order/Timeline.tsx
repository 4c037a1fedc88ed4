// The order's timeline: what happened and when, in China time, newest first; the shop's view also says
// who (byName). Steps of the same millisecond (支付成功, then 已接单 and 已发放 by the server) keep the order
// they were written in, reversed: the last written is the latest step. Internal refund numbers stay out of it.
import { Text, View } from '@tarojs/components';
import type { TimelineRow } from '../../../core/contracts/views';
import { formatShort } from '../../lib/time';
import { T } from '../../text';

/** Newest first; ties by the order they were appended (the array order), never by chance. */
export function newestFirst<E extends Pick<TimelineRow, 'at'>>(entries: readonly E[]): E[] {
  return entries.map((e, i) => ({ e, i })).sort((a, b) => b.e.at - a.e.at || b.i - a.i).map(({ e }) => e);
}

/** "拿错了（¥12.00，O2026…-R1）" → "拿错了（¥12.00）": the refund number is bookkeeping, not news. */
export function buyerNote(note: string | null): string | null {
  if (!note) return null;
  return note.replace(/[，,]\s*[A-Za-z0-9]+-R\d+(?=）)/g, '');
}

export function Timeline({ entries }: { entries: readonly TimelineRow[] }) {
  if (entries.length === 0) return null;
  return (
    <View className="section timeline" data-testid="timeline">
      <Text className="section__title">{T.order.timeline}</Text>
      {newestFirst(entries).map((e, i) => (
        <View key={`${e.at}-${e.event}-${i}`} className={`timeline__item ${i === 0 ? 'timeline__item--latest' : ''}`} data-testid="timeline-item">
          <View className="timeline__dot" />
          <View className="timeline__body">
            <Text className="timeline__event">{T.timeline[e.event] ?? e.event}{e.byName ? ` · ${e.byName}` : ''}</Text>
            {buyerNote(e.note) && <Text className="timeline__note">{buyerNote(e.note)}</Text>}
            <Text className="timeline__at">{formatShort(e.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
