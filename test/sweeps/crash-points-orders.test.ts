// Crash points (test/integration/crash-sweep.ts) of an order's life: place, payNotify, confirmPaid, the buyer's cancel and
// the sweeper's expiry. Every database write fails, and separately kills the function's instance, in
// turn; retries and the sweeper recover; the shop audit finds nothing wrong.
import { crashSweep } from '../integration/crash-sweep';

crashSweep(['place', 'payNotify', 'confirmPaid', 'buyer cancel', 'sweeper expiry']);
