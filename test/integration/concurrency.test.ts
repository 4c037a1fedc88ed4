// Many buyers at once for a few units (concurrency.ts), seed 1: no oversell, and every unit accounted
// for on every snapshot. `npm run test:sweeps` (and CI) runs seeds 2 to 5 as well.
import { concurrencyCases } from './concurrency';

concurrencyCases([1]);
