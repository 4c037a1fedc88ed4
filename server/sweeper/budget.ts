// Every job works in batches and stops starting new items after a time budget, so one tick stays well
// inside the function's timeout (config.json 20 s); what is left is picked up by the next minute's tick.
export const BATCH = 50;
export const TIME_BUDGET_MS = 12_000;

export function inTime(startedAt: number): boolean {
  return Date.now() - startedAt < TIME_BUDGET_MS;
}
