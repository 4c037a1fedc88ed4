// Many buyers at once for a few units (concurrency.ts), seeds 1 and 2: no oversell, and every unit
// accounted for on every snapshot. `npm run test:sweeps` (and CI) runs seeds 3 to 5 as well.
import { concurrencyCases } from './concurrency';

concurrencyCases([1, 2]);
