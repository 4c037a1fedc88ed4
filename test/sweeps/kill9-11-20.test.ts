// kill -9 of the local cloud mid-traffic (test/durability/kill9.ts), runs 11 to 20 of 20: each dies at its own seeded
// moment, restarts on the same database and pay sandbox, and the shop audit finds nothing wrong.
import { kill9Runs } from '../durability/kill9';

kill9Runs(11, 20);
