// Membership grants (docs/product.md §13). A grant is keyed by what made it —
// the order line or the gift (ids.ts grantKey) — and its `_id` is that key, so a duplicate notify or a
// retried gift finds the grant already there and grants nothing (docs/wechat-contracts.md §7.1). The grant and
// the membership change commit together in one transaction (§2.9), so a crash can never leave days
// granted without their grant record, or the reverse.
import { extendMembership, MAX_GRANT_DAYS, takeBackGrant, type GrantLength, type MembershipTerm } from '../../core/membership';
import type { GrantSource, MembershipDoc, MembershipGrantDoc, OrderDoc } from '../../core/model';
import { grantKey, membershipId } from '../../core/ids';
import { COLLECTIONS } from '../../core/collections';
import { inTransaction, isDuplicateKey, txGet } from './db';
import type { Database } from '../wechat/sdk';

export interface GrantRequest {
  shopId: string;
  buyerOpenid: string;
  tag: string;
  length: GrantLength;
  source: GrantSource;
  sourceKey: string;
}

export type GrantOutcome =
  /** `replayed`: the same grant existed already and nothing changed. */
  | { status: 'granted' | 'replayed'; membership: MembershipDoc }
  /** The key already made a grant of another buyer, tag or length: an idempotency key reused for another request. */
  | { status: 'mismatch'; grant: MembershipGrantDoc };

/** Whether a stored grant is what `req` asks for (Stripe-style: same key, same request). */
export function sameGrant(g: MembershipGrantDoc, req: Omit<GrantRequest, 'source' | 'sourceKey'>): boolean {
  const lifetime = req.length.lifetime === true;
  return g.shopId === req.shopId && g.buyerOpenid === req.buyerOpenid && g.tag === req.tag
    && g.lifetime === lifetime && g.days === (lifetime ? null : req.length.days);
}

export const termOf = (m: MembershipDoc): MembershipTerm => ({
  expiresAt: m.expiresAt, termStartedAt: m.termStartedAt, lifetimeGrants: m.lifetimeGrants, lifetime: m.lifetime,
});

/**
 * Extend (shop, buyer, tag) by one grant, exactly once per sourceKey. Two first grants racing both try
 * to add the membership (or the same grant): the loser's duplicate key is retried, and the retry sees
 * the winner's commit — the same grant (replayed) or, when the key was sent with another tag or buyer,
 * a mismatch (it used to read the other tag's membership and fail, or answer ok for a tag that got nothing).
 */
export async function applyGrant(db: Database, req: GrantRequest, now: number): Promise<GrantOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await applyGrantOnce(db, req, now);
    } catch (err) {
      if (attempt >= 3 || !isDuplicateKey(err)) throw err;
    }
  }
}

async function applyGrantOnce(db: Database, req: GrantRequest, now: number): Promise<GrantOutcome> {
  const mid = membershipId(req.shopId, req.buyerOpenid, req.tag);
  return inTransaction(db, async (tx) => {
    const existing = await txGet<MembershipGrantDoc>(tx, COLLECTIONS.membershipGrants, req.sourceKey);
    const current = await txGet<MembershipDoc>(tx, COLLECTIONS.memberships, mid);
    if (existing) {
      if (!sameGrant(existing, req)) return { status: 'mismatch', grant: existing };
      if (!current) throw new Error(`grant ${req.sourceKey} has no membership ${mid}`);
      return { status: 'replayed', membership: current };
    }
    const { term, slice } = extendMembership(current ? termOf(current) : null, req.length, now);
    const membership: MembershipDoc = current
      ? { ...current, ...term, expiredAt: null, revokedAt: null, updatedAt: now }
      : {
        _id: mid, shopId: req.shopId, buyerOpenid: req.buyerOpenid, tag: req.tag, ...term,
        reminderSentFor: null, expiredAt: null, createdAt: now, updatedAt: now,
      };
    if (current) {
      await tx.collection(COLLECTIONS.memberships).doc(mid).update({
        data: { ...term, expiredAt: null, revokedAt: null, updatedAt: now },
      });
    } else {
      const { _id, ...fields } = membership;
      await tx.collection(COLLECTIONS.memberships).add({ data: { _id, ...fields } });
    }
    const grant: MembershipGrantDoc = {
      _id: req.sourceKey, sourceKey: req.sourceKey, membershipId: mid, shopId: req.shopId, buyerOpenid: req.buyerOpenid,
      tag: req.tag, source: req.source, days: req.length.lifetime ? null : req.length.days, lifetime: req.length.lifetime === true,
      startsAt: slice.startsAt, endsAt: slice.endsAt, createdAt: now, revokedAt: null, revokeReason: null,
    };
    await tx.collection(COLLECTIONS.membershipGrants).add({ data: { ...grant } });
    return { status: 'granted', membership };
  });
}

/** The grant length a membership line buys: the plan's days per unit (capped), or lifetime. */
export function lineGrantLength(plan: NonNullable<OrderDoc['lines'][number]['membership']>, quantity: number): GrantLength {
  if (plan.lifetime) return { lifetime: true };
  return { days: Math.min(MAX_GRANT_DAYS, plan.days * Math.max(1, quantity)) };
}

/** Idempotent: grants the membership lines of a paid order (one grant per line), extending per core/membership.ts. */
export async function grantForPaidOrder(db: Database, order: OrderDoc, now: number): Promise<void> {
  for (const line of order.lines) {
    if (line.kind !== 'membership' || !line.membership) continue;
    const source: GrantSource = { type: 'order', orderId: order._id, lineNo: line.lineNo };
    const outcome = await applyGrant(db, {
      shopId: order.shopId, buyerOpenid: order.buyerOpenid, tag: line.membership.tag,
      length: lineGrantLength(line.membership, line.quantity), source, sourceKey: grantKey(source),
    }, now);
    // An order line's key is derived from the order itself: another grant under it is a bug, not a request.
    if (outcome.status === 'mismatch') throw new Error(`grant ${grantKey(source)} exists with other terms`);
  }
}

export interface TakeBackOutcome {
  membership: MembershipDoc | null;
  /** false: no such grant, or it was taken back before. */
  changed: boolean;
}

/** Take back one grant (refund of its order line, or the owner revoking a gift); once per grant. */
export async function takeBack(db: Database, sourceKey: string, reason: string, now: number): Promise<TakeBackOutcome | null> {
  return inTransaction(db, async (tx) => {
    const grant = await txGet<MembershipGrantDoc>(tx, COLLECTIONS.membershipGrants, sourceKey);
    if (!grant) return null;
    const membership = await txGet<MembershipDoc>(tx, COLLECTIONS.memberships, grant.membershipId);
    if (grant.revokedAt !== null || !membership) return { membership, changed: false };
    const term = takeBackGrant(termOf(membership), grant, now);
    await tx.collection(COLLECTIONS.memberships).doc(membership._id).update({ data: { ...term, updatedAt: now } });
    await tx.collection(COLLECTIONS.membershipGrants).doc(sourceKey).update({ data: { revokedAt: now, revokeReason: reason } });
    return { membership: { ...membership, ...term, updatedAt: now }, changed: true };
  });
}

/** A refund gave back the whole of these membership lines: their days go back (membership.ts takeBackGrant). */
export async function takeBackOrderGrants(db: Database, order: OrderDoc, lineNos: readonly number[], now: number): Promise<number> {
  let changed = 0;
  for (const line of order.lines) {
    if (line.kind !== 'membership' || !lineNos.includes(line.lineNo)) continue;
    const outcome = await takeBack(db, grantKey({ type: 'order', orderId: order._id, lineNo: line.lineNo }), 'refunded', now);
    if (outcome?.changed) changed += 1;
  }
  return changed;
}
