// The dashboard's 7-day revenue chart (docs/product.md §5), drawn with plain views — a bar per China day,
// its height proportional to the day's revenue — so it renders the same in the weapp build (no canvas
// needed) and in h5. Amounts come from the server's DashboardView in fen; yuan only on screen.
import { Text, View } from '@tarojs/components';
import type { DashboardView } from '../../../core/contracts/views';
import { formatYuan, type Fen } from '../../../core/money';
import { OT } from '../text';
import './RevenueChart.scss';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "2026-11-22" → "周日" (the key is already a China calendar day). */
export function weekdayOf(key: string): string {
  const [y, m, d] = key.split('-').map(Number);
  return `周${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
}

/** Short money for a bar's label, still read as money: ¥1234 → "¥1234", ¥185.70 → "¥186" (whole yuan; the total above is exact). */
export function shortYuan(amount: Fen): string {
  const yuan = Math.round(amount / 100);
  return yuan >= 10000 ? `¥${(yuan / 10000).toFixed(1).replace(/\.0$/, '')}万` : `¥${yuan}`;
}

/** Bar heights in percent of the tallest day; a day with revenue is at least visible (4%). */
export function barHeights(days: readonly { revenue: Fen }[]): number[] {
  const max = Math.max(0, ...days.map((d) => d.revenue));
  return days.map((d) => (max === 0 || d.revenue === 0 ? 0 : Math.max(4, Math.round((d.revenue / max) * 100))));
}

export function RevenueChart({ days }: { days: DashboardView['days'] }) {
  const heights = barHeights(days);
  const total = days.reduce((s, d) => s + d.revenue, 0) as Fen;
  return (
    <View className="section revenue-chart" data-testid="revenue-chart">
      <View className="revenue-chart__head">
        <Text className="section__title">{OT.dashboard.chart}</Text>
        <Text className="revenue-chart__total" data-testid="chart-total">{formatYuan(total)}</Text>
      </View>
      <View className="revenue-chart__plot">
        {days.map((d, i) => (
          <View key={d.key} className={`revenue-chart__col ${i === days.length - 1 ? 'revenue-chart__col--today' : ''}`}>
            <Text className="revenue-chart__value">{d.revenue > 0 ? shortYuan(d.revenue) : ''}</Text>
            <View className="revenue-chart__well">
              <View className="revenue-chart__bar" data-testid="chart-bar" data-revenue={d.revenue} style={{ height: `${heights[i]}%` }} />
            </View>
            <Text className="revenue-chart__day">{i === days.length - 1 ? '今天' : weekdayOf(d.key)}</Text>
          </View>
        ))}
      </View>
      {total === 0 && <Text className="muted revenue-chart__empty">{OT.dashboard.chartEmpty}</Text>}
    </View>
  );
}
