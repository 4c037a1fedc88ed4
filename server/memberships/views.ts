// A buyer's membership as the screen shows it (core/present.ts has the owner's memberRow); the state is computed from the clock on every read (seed 001's
// "check at login"): a stored membership is never trusted to be active.
import { daysLeft, membershipState } from '../../core/membership';
import type { MembershipDoc } from '../../core/model';
import type { MembershipView } from '../../core/contracts/views';

export function membershipView(m: MembershipDoc, shopName: string, now: number): MembershipView {
  return {
    shopId: m.shopId,
    shopName,
    tag: m.tag,
    state: membershipState(m, now),
    expiresAt: m.expiresAt,
    lifetime: m.lifetime,
    daysLeft: daysLeft(m, now),
  };
}
