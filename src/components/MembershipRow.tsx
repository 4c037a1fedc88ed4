// One membership: active, expired or taken back by the shop (已取消), expiry date in China time, days left.
import { Text, View } from '@tarojs/components';
import type { MembershipView } from '../../core/contracts/views';
import { formatDate } from '../lib/time';
import { T } from '../text';
import './MembershipRow.scss';

export function MembershipRow({ m }: { m: MembershipView }) {
  // Lifetime and soon-expiring memberships are active too; the tag is the owner's bookkeeping, not a name.
  const active = m.state !== 'expired' && m.state !== 'revoked';
  const ended = m.state === 'revoked' ? T.membership.revoked : T.membership.expired;
  return (
    <View className="membership-row" data-testid="membership-row">
      <View className="membership-row__main">
        <Text className="membership-row__tag">{m.lifetime ? T.membership.lifetime : ''}{T.membership.title}</Text>
        <Text className={`membership-row__state ${active ? '' : 'membership-row__state--off'}`}>{active ? T.membership.active : ended}</Text>
      </View>
      <Text className="muted">
        {m.lifetime ? T.membership.lifetime : T.membership.until(formatDate(m.expiresAt))}
        {active && m.daysLeft !== null ? ` · ${T.membership.daysLeft(m.daysLeft)}` : ''}
      </Text>
    </View>
  );
}
