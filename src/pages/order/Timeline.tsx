// The order's timeline: what happened and when, in China time; the shop's view also says who (byName).
import { Text, View } from '@tarojs/components';
import type { TimelineRow } from '../../../core/contracts/views';
import { formatShort } from '../../lib/time';
import { T } from '../../text';

export function Timeline({ entries }: { entries: readonly TimelineRow[] }) {
  if (entries.length === 0) return null;
  const newestFirst = [...entries].sort((a, b) => b.at - a.at);
  return (
    <View className="section timeline" data-testid="timeline">
      <Text className="section__title">{T.order.timeline}</Text>
      {newestFirst.map((e, i) => (
        <View key={`${e.at}-${e.event}-${i}`} className={`timeline__item ${i === 0 ? 'timeline__item--latest' : ''}`}>
          <View className="timeline__dot" />
          <View className="timeline__body">
            <Text className="timeline__event">{T.timeline[e.event] ?? e.event}{e.byName ? ` · ${e.byName}` : ''}</Text>
            {e.note && <Text className="timeline__note">{e.note}</Text>}
            <Text className="timeline__at">{formatShort(e.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
