// shopAdmin, part 3: the shop's staff (core/roles.ts). The owner invites with a one-time code (a share
// card carries it), lists, renames, changes the role or the refund limit of, and removes staff; the
// invitee accepts with the code. A staff member who sees orders may ask for new-order messages.
import * as v from 'valibot';
import { MAX_ORDER_TOTAL_FEN } from '../money';
import { INVITE_CODE_PATTERN, STAFF_ROLES } from '../roles';
import { fen, id, name, openid } from './fields';
import type { InviteView, JoinedShop, StaffList, StaffRow } from './views';

const refundLimit = v.pipe(fen, v.maxValue(MAX_ORDER_TOTAL_FEN));
const inviteCode = v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(INVITE_CODE_PATTERN, 'invalid invitation code'));

export const staffActions = {
  /** A new one-time code, good for 24 hours (roles.ts INVITE_TTL_MS). */
  inviteStaff: v.strictObject({ shopId: id, role: v.picklist(STAFF_ROLES), name, refundLimit: v.optional(refundLimit, 0) }),
  listStaff: v.strictObject({ shopId: id }),
  /** Rename, change the role, or set the refund limit. */
  updateStaff: v.pipe(
    v.strictObject({ shopId: id, openid, name: v.optional(name), role: v.optional(v.picklist(STAFF_ROLES)), refundLimit: v.optional(refundLimit) }),
    v.check((p) => p.name !== undefined || p.role !== undefined || p.refundLimit !== undefined, 'the update must change at least one field'),
  ),
  /** Takes effect at the person's next call. */
  removeStaff: v.strictObject({ shopId: id, openid }),
  acceptInvite: v.strictObject({ code: inviteCode }),
  /** The caller wants (or no longer wants) the new-order subscribe message of this shop. */
  subscribeNewOrders: v.strictObject({ shopId: id, on: v.boolean() }),
};

export interface StaffResponses {
  inviteStaff: InviteView;
  listStaff: StaffList;
  updateStaff: StaffRow;
  removeStaff: { openid: string };
  acceptInvite: JoinedShop;
  subscribeNewOrders: { on: boolean };
}
