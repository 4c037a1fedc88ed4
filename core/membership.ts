// Membership rules (docs/product.md §13 and §B). A membership is one
// (shop, buyer, tag); it is extended by grants, each keyed by the order line or gift that made it.
//
// Extending: expiry = max(now, current expiry) + days, or lifetime. A purchase while active stacks onto
// the remaining time; a purchase after expiry starts a new term from now.
//
// Taking back (refund of the order, or the owner revoking a gift) — exactly:
// - A lifetime grant: one fewer lifetime grant; the membership stays lifetime while another remains.
//   The day-based expiry underneath is untouched.
// - A day grant made in an EARLIER term (before a lapse; `startsAt < termStartedAt`) was used up in
//   full in that term: nothing changes.
// - A day grant of the current term: expiry = max(now, expiry − days). Later grants stacked on top
//   slide down by those days and keep their full length, so days already used in the term count against
//   the grants that remain. If the term has already run out (expiry ≤ now), nothing is left to take.
// Example: A 30d at day 0 (→30), B 30d stacked (→60); refund A at day 10 → expiry 30.
import { DAY_MS } from './time';

export const RENEWAL_REMINDER_WINDOW_MS = 3 * DAY_MS;
export const MAX_GRANT_DAYS = 3_650;

export interface MembershipTerm {
  expiresAt: number;
  termStartedAt: number;
  lifetimeGrants: number;
  lifetime: boolean;
}

export type GrantLength = { days: number; lifetime?: false } | { lifetime: true; days?: null };

export interface GrantSlice {
  startsAt: number;
  /** null for a lifetime grant. */
  endsAt: number | null;
}

export interface Extension {
  term: MembershipTerm;
  /** What this grant added; stored on the grant so it can be taken back exactly. */
  slice: GrantSlice;
}

function checkDays(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > MAX_GRANT_DAYS) throw new RangeError(`bad membership days: ${days}`);
}

export function isActive(m: Pick<MembershipTerm, 'expiresAt' | 'lifetime'>, now: number): boolean {
  return m.lifetime || m.expiresAt > now;
}

export function extendMembership(current: MembershipTerm | null, grant: GrantLength, now: number): Extension {
  const dayTermRunning = current !== null && current.expiresAt > now;
  const base: MembershipTerm = current ?? { expiresAt: now, termStartedAt: now, lifetimeGrants: 0, lifetime: false };
  if (grant.lifetime) {
    const lifetimeGrants = base.lifetimeGrants + 1;
    return { term: { ...base, lifetimeGrants, lifetime: true }, slice: { startsAt: now, endsAt: null } };
  }
  checkDays(grant.days);
  const startsAt = dayTermRunning ? base.expiresAt : now;
  const expiresAt = startsAt + grant.days * DAY_MS;
  return {
    term: { ...base, expiresAt, termStartedAt: dayTermRunning ? base.termStartedAt : now },
    slice: { startsAt, endsAt: expiresAt },
  };
}

export interface GrantToTakeBack {
  lifetime: boolean;
  days: number | null;
  startsAt: number;
  revokedAt: number | null;
}

/** The term after a grant is refunded or revoked (rules in the header). A revoked grant changes nothing. */
export function takeBackGrant(term: MembershipTerm, grant: GrantToTakeBack, now: number): MembershipTerm {
  if (grant.revokedAt !== null) return term;
  if (grant.lifetime) {
    const lifetimeGrants = Math.max(0, term.lifetimeGrants - 1);
    return { ...term, lifetimeGrants, lifetime: lifetimeGrants > 0 };
  }
  const days = grant.days ?? 0;
  checkDays(days);
  if (grant.startsAt < term.termStartedAt) return term;
  if (term.expiresAt <= now) return term;
  return { ...term, expiresAt: Math.max(now, term.expiresAt - days * DAY_MS) };
}

/** The owner revokes a member: the membership ends now, lifetime included. */
export function revokeMembership(term: MembershipTerm, now: number): MembershipTerm {
  return { ...term, expiresAt: Math.min(term.expiresAt, now), lifetimeGrants: 0, lifetime: false };
}

export type MembershipState = 'lifetime' | 'active' | 'expiring' | 'expired' | 'revoked';

/** Checked on read: a stored membership is never trusted to be active. Ended by the owner: revoked. */
export function membershipState(m: Pick<MembershipTerm, 'expiresAt' | 'lifetime'> & { revokedAt?: number | null }, now: number): MembershipState {
  if (m.lifetime) return 'lifetime';
  if (m.expiresAt <= now) return m.revokedAt != null ? 'revoked' : 'expired';
  return m.expiresAt - now <= RENEWAL_REMINDER_WINDOW_MS ? 'expiring' : 'active';
}

/** Whole days left, rounded up (a member with 2h left has "1 day"); null for lifetime, 0 when expired. */
export function daysLeft(m: Pick<MembershipTerm, 'expiresAt' | 'lifetime'>, now: number): number | null {
  if (m.lifetime) return null;
  return m.expiresAt <= now ? 0 : Math.ceil((m.expiresAt - now) / DAY_MS);
}

/** The timer sends one renewal reminder per expiry, inside the 3 days before it. */
export function renewalReminderDue(
  m: Pick<MembershipTerm, 'expiresAt' | 'lifetime'> & { reminderSentFor: number | null },
  now: number,
): boolean {
  return membershipState(m, now) === 'expiring' && m.reminderSentFor !== m.expiresAt;
}

/** The tags a buyer holds right now in one shop: what pricing.ts needs. */
export function activeTags(memberships: readonly { tag: string; expiresAt: number; lifetime: boolean }[], now: number): string[] {
  return [...new Set(memberships.filter((m) => isActive(m, now)).map((m) => m.tag))].sort();
}
