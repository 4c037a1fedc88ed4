import {
  activeTags, daysLeft, extendMembership, isActive, membershipState, renewalReminderDue, revokeMembership,
  takeBackGrant, type MembershipTerm,
} from './membership';
import { DAY_MS, HOUR_MS } from './time';

const T0 = Date.UTC(2024, 0, 1);
const day = (n: number): number => T0 + n * DAY_MS;

function buy(term: MembershipTerm | null, days: number, at: number) {
  return extendMembership(term, { days }, at);
}

describe('extending a membership: expiry = max(now, current expiry) + days', () => {
  it('two 30-day purchases → 60 days from the first', () => {
    const a = buy(null, 30, day(0));
    const b = buy(a.term, 30, day(5));
    expect(a.slice).toEqual({ startsAt: day(0), endsAt: day(30) });
    expect(b.slice).toEqual({ startsAt: day(30), endsAt: day(60) });
    expect(b.term.expiresAt).toBe(day(60));
    expect(b.term.termStartedAt).toBe(day(0));
  });

  it('a purchase after expiry → 30 days from now, in a new term', () => {
    const a = buy(null, 30, day(0));
    const b = buy(a.term, 30, day(45));
    expect(b.term.expiresAt).toBe(day(75));
    expect(b.term.termStartedAt).toBe(day(45));
    // exactly at expiry counts as expired: the new term starts now
    expect(buy(a.term, 1, day(30)).term.termStartedAt).toBe(day(30));
  });

  it('lifetime makes it active forever; days bought on top still extend the term underneath', () => {
    const a = buy(null, 10, day(0));
    const life = extendMembership(a.term, { lifetime: true }, day(2));
    expect(life.term).toMatchObject({ lifetime: true, lifetimeGrants: 1, expiresAt: day(10) });
    expect(life.slice).toEqual({ startsAt: day(2), endsAt: null });
    expect(isActive(life.term, day(5000))).toBe(true);
    expect(buy(life.term, 5, day(3)).term).toMatchObject({ lifetime: true, expiresAt: day(15) });
  });

  it('rejects day counts outside 1..3650', () => {
    for (const days of [0, -1, 1.5, 3651, NaN]) expect(() => buy(null, days, day(0))).toThrow(RangeError);
  });
});

describe('taking back a refunded or revoked grant', () => {
  it('a refund takes the days back', () => {
    const a = buy(null, 30, day(0));
    const b = buy(a.term, 30, day(1));
    const grantB = { lifetime: false, days: 30, startsAt: b.slice.startsAt, revokedAt: null };
    expect(takeBackGrant(b.term, grantB, day(2)).expiresAt).toBe(day(30));
  });

  it('refunding the first of two stacked grants slides the second down: used days count against it', () => {
    const a = buy(null, 30, day(0));
    const b = buy(a.term, 30, day(1));
    const grantA = { lifetime: false, days: 30, startsAt: a.slice.startsAt, revokedAt: null };
    expect(takeBackGrant(b.term, grantA, day(10)).expiresAt).toBe(day(30));
  });

  it('never ends before now, and a lone refunded grant ends the membership now', () => {
    const a = buy(null, 30, day(0));
    const back = takeBackGrant(a.term, { lifetime: false, days: 30, startsAt: day(0), revokedAt: null }, day(10));
    expect(back.expiresAt).toBe(day(10));
    expect(isActive(back, day(10))).toBe(false);
  });

  it('a grant from an earlier, lapsed term takes nothing from the current term', () => {
    const a = buy(null, 30, day(0));
    const b = buy(a.term, 30, day(50));
    const grantA = { lifetime: false, days: 30, startsAt: a.slice.startsAt, revokedAt: null };
    expect(takeBackGrant(b.term, grantA, day(60))).toEqual(b.term);
  });

  it('after the term ran out there is nothing left to take (the expiry is not moved forward to now)', () => {
    const a = buy(null, 30, day(0));
    expect(takeBackGrant(a.term, { lifetime: false, days: 30, startsAt: day(0), revokedAt: null }, day(40))).toEqual(a.term);
  });

  it('a grant already revoked changes nothing (a duplicate refund notify)', () => {
    const a = buy(null, 30, day(0));
    expect(takeBackGrant(a.term, { lifetime: false, days: 30, startsAt: day(0), revokedAt: day(1) }, day(2))).toEqual(a.term);
  });

  it('refunding one of two lifetime grants keeps lifetime; refunding both returns to the day term', () => {
    const a = buy(null, 10, day(0));
    const l1 = extendMembership(a.term, { lifetime: true }, day(1));
    const l2 = extendMembership(l1.term, { lifetime: true }, day(2));
    const grant = { lifetime: true, days: null, startsAt: day(1), revokedAt: null };
    const once = takeBackGrant(l2.term, grant, day(3));
    expect(once).toMatchObject({ lifetime: true, lifetimeGrants: 1 });
    const twice = takeBackGrant(once, grant, day(3));
    expect(twice).toMatchObject({ lifetime: false, lifetimeGrants: 0, expiresAt: day(10) });
    expect(isActive(twice, day(11))).toBe(false);
  });

  it('the owner revoking a member ends it now, lifetime included', () => {
    const life = extendMembership(buy(null, 30, day(0)).term, { lifetime: true }, day(1)).term;
    const revoked = revokeMembership(life, day(5));
    expect(revoked).toMatchObject({ lifetime: false, expiresAt: day(5) });
    expect(isActive(revoked, day(5))).toBe(false);
  });
});

describe('state on read and the renewal reminder', () => {
  const m = { expiresAt: day(10), lifetime: false, reminderSentFor: null as number | null };

  it('is active until the instant of expiry, expiring in the last 3 days', () => {
    expect(membershipState(m, day(6))).toBe('active');
    expect(membershipState(m, day(7))).toBe('expiring');
    expect(membershipState(m, day(10) - 1)).toBe('expiring');
    expect(membershipState(m, day(10))).toBe('expired');
    expect(membershipState({ ...m, lifetime: true }, day(99))).toBe('lifetime');
    expect(daysLeft(m, day(10) - 2 * HOUR_MS)).toBe(1);
    expect(daysLeft(m, day(0))).toBe(10);
    expect(daysLeft(m, day(11))).toBe(0);
    expect(daysLeft({ ...m, lifetime: true }, day(0))).toBeNull();
  });

  it('a reminder is due once per expiry inside the window', () => {
    expect(renewalReminderDue(m, day(6))).toBe(false);
    expect(renewalReminderDue(m, day(8))).toBe(true);
    expect(renewalReminderDue({ ...m, reminderSentFor: day(10) }, day(8))).toBe(false);
    // renewed after the reminder: the new expiry gets its own reminder later
    expect(renewalReminderDue({ ...m, expiresAt: day(40), reminderSentFor: day(10) }, day(38))).toBe(true);
    expect(renewalReminderDue(m, day(11))).toBe(false);
  });

  it('activeTags lists the tags held now, once each', () => {
    expect(activeTags([
      { tag: 'vip', expiresAt: day(10), lifetime: false },
      { tag: 'gold', expiresAt: day(1), lifetime: false },
      { tag: 'life', expiresAt: day(0), lifetime: true },
    ], day(5))).toEqual(['life', 'vip']);
  });
});
