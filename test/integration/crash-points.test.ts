// Crash points, sampled (crash-sweep.ts): each money operation with the process killed right after its
// middle write, and with its last write failed; retries and the sweeper recover and the shop audit finds
// nothing wrong. `npm run test:sweeps` (and CI) faults every write in both modes.
import { crashSweep, CRASH_OPS } from './crash-sweep';

crashSweep(CRASH_OPS, 'sample');
