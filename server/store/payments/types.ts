// What applying a payment came to (apply.ts), in a leaf file so late.ts and the callers can name it
// without importing apply.ts.
import type { OrderDoc } from '../../../core/model';

/** `late_claimed`: a late payment was claimed on its cancelled order and is being settled (never returned to callers). */
export type ApplyVerdict = 'applied' | 'duplicate' | 'late_claimed' | 'late_reserved' | 'late_refunded' | 'transient';

export interface ApplyResult {
  verdict: ApplyVerdict;
  /** The order as this call left it (or found it). */
  order: OrderDoc;
  detail?: string;
}
