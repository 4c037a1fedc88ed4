// Many buyers at once for a few units (test/integration/concurrency.ts), seeds 3 to 5: each seed orders
// the buyers, their start jitter and what the winners then do differently. npm test runs seeds 1 and 2.
import { concurrencyCases } from '../integration/concurrency';

concurrencyCases([3, 4, 5]);
