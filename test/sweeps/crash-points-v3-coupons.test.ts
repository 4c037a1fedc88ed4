// Crash points (test/integration/crash-sweep.ts) of the APIv3 payment notify, and of an order with a coupon and 满减:
// placed, paid, expired and refunded. Every database write fails, and separately kills the function's
// instance, in turn; retries and the sweeper recover; the shop audit finds nothing wrong.
import { crashSweep } from '../integration/crash-sweep';

crashSweep(['payNotifyV3', 'place with coupon', 'payNotify with coupon', 'expiry with coupon', 'refund notify with coupon']);
