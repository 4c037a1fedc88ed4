// The staff part of shopAdmin (core/contracts/shop-admin-staff.ts). Shop-scoped operations start with
// shopAccess (core/roles.ts); acceptInvite is the invitee's, checked by the code itself.
import type { StaffResponses } from '../../core/contracts/shop-admin-staff';
import type { OperationMap } from '../handler';
import { acceptInvite, inviteStaff } from './invites';
import { listStaff, removeStaff, subscribeNewOrders, updateStaff } from './members';

export const staffOperations: OperationMap<'shopAdmin', keyof StaffResponses> = {
  inviteStaff,
  listStaff,
  updateStaff,
  removeStaff,
  acceptInvite,
  subscribeNewOrders,
};
