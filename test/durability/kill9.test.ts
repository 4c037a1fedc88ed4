// kill -9 of the local cloud mid-traffic (kill9.ts), run 2 of 20, one whose kill lands among paid and
// cancelled orders: it dies at its seeded moment, restarts on the same database and pay sandbox, and the
// shop audit finds nothing wrong. `npm run test:sweeps` (and CI) runs all 20.
import { kill9Runs } from './kill9';

kill9Runs(2, 2);
