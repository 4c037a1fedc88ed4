// Many buyers at once for a few units (test/integration/concurrency.ts), seeds 2 to 5: each seed orders
// the buyers, their start jitter and what the winners then do differently, through 10 instances of each
// function at once. npm test runs seed 1 through the harness's usual 4.
import { concurrencyCases } from '../integration/concurrency';

concurrencyCases([2, 3, 4, 5], 10);
