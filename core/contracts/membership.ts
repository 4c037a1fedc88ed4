// membership: a buyer's memberships across shops, and the owner's member operations (list, gift, revoke).
import * as v from 'valibot';
import { emptyPayload, grantDays, id, LIMITS, openid, optionalText, paging, requestId, tag, text } from './fields';
import type { GiftResult, MemberRow, MembershipView, Page } from './views';

export const MEMBER_FILTERS = ['active', 'expired', 'all'] as const;

export const membershipActions = {
  /** The caller's memberships in every shop; expired ones shown as expired (checked on read). */
  mine: emptyPayload,
  members: v.strictObject({
    shopId: id,
    tag: v.optional(tag),
    state: v.optional(v.picklist(MEMBER_FILTERS), 'all'),
    ...paging,
  }),
  /**
   * Gift days (or lifetime) to one of the shop's customers. `giftId` is the idempotency key: the grant
   * is keyed by it (ids.ts grantKey), so a retried gift grants once.
   */
  gift: v.pipe(
    v.strictObject({
      shopId: id,
      giftId: requestId,
      buyerOpenid: openid,
      tag,
      days: v.optional(grantDays),
      lifetime: v.optional(v.literal(true)),
      note: optionalText(LIMITS.note),
    }),
    v.forward(
      v.check((p) => (p.days === undefined) !== (p.lifetime === undefined), 'give exactly one of days and lifetime'),
      ['days'],
    ),
  ),
  /** End a member's membership now (lifetime included). */
  revoke: v.strictObject({ shopId: id, buyerOpenid: openid, tag, reason: text(LIMITS.reason) }),
  /** Take back one gift's days (membership.ts takeBackGrant). */
  revokeGift: v.strictObject({ shopId: id, giftId: requestId, reason: text(LIMITS.reason) }),
};

export interface MembershipResponses {
  mine: MembershipView[];
  members: Page<MemberRow>;
  gift: GiftResult;
  revoke: MemberRow;
  revokeGift: MemberRow;
}
