// Crash points (test/integration/crash-sweep.ts) of refunds — started by the owner or by an approved after-sale, settled
// by the refund notify — and of a membership gift. Every database write fails, and separately kills the
// function's instance, in turn; retries and the sweeper recover; the shop audit finds nothing wrong.
import { crashSweep } from '../integration/crash-sweep';

crashSweep(['refund start', 'after-sale approve', 'refund notify', 'membership grant']);
