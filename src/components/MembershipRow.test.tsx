// A membership row says what the buyer needs: still good, ended by time, or taken back by the shop.
import { render, screen } from '@testing-library/react';
import type { MembershipView } from '../../core/contracts/views';
import { MembershipRow } from './MembershipRow';

const base: MembershipView = { shopId: 'S1', shopName: '街角小店', tag: 'vip', state: 'active', expiresAt: Date.UTC(2026, 11, 31), lifetime: false, daysLeft: 30 };

test('active shows 有效 and the days left; expired reads 已过期; revoked by the shop reads 已取消 — never the internal tag', () => {
  const { rerender } = render(<MembershipRow m={base} />);
  expect(screen.getByTestId('membership-row').textContent).toMatch(/有效.*剩余 30 天/);
  rerender(<MembershipRow m={{ ...base, state: 'expired', daysLeft: 0 }} />);
  expect(screen.getByTestId('membership-row').textContent).toContain('已过期');
  rerender(<MembershipRow m={{ ...base, state: 'revoked', daysLeft: 0 }} />);
  expect(screen.getByTestId('membership-row').textContent).toContain('已取消');
  expect(screen.getByTestId('membership-row').textContent).not.toContain('vip');
});
