// The service's limits as named constants (docs/wechat-contracts.md §2.3, §6). One place, so a test can
// cite them and a reader can check them against the contract.

/** `get()` without `.limit()`: the SDK sends 100; a raw request without a limit gets the same. §2.3 */
export const DEFAULT_QUERY_LIMIT = 100;
/** Server-side cap on `limit` (the SDK also clamps to this). §2.3 */
export const MAX_QUERY_LIMIT = 1000;
/**
 * `aggregate().end()` without any `$limit` stage returns at most 20 rows on the real service
 * (§2.3, §6 "aggregate default 20 rows", [COMM, several reports]). We reproduce it so app code that
 * forgets `.limit(n)` fails here first, not in production.
 */
export const DEFAULT_AGGREGATE_LIMIT = 20;
/** A query reply larger than this fails with the -602001 text (§2.3, §6). Measured on the EJSON list. */
export const MAX_RESULT_BYTES = 1024 * 1024;
/** The underlying MongoDB document cap (§6 "underlying MongoDB hard cap 16 MB"). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
/** Collections per environment (§6). */
export const MAX_COLLECTIONS = 100;
/**
 * An abandoned transaction is aborted (and its locks released) after this long. Not documented by
 * WeChat; MongoDB-style backends abort after ~10 s (§2.10 [INF]).
 */
export const TRANSACTION_TIMEOUT_MS = 10_000;
/**
 * How long a plain write waits for a transaction lock before giving up (§2.9: "普通的更新操作会被阻塞，
 * 直到事务锁释放或者超时"). Longer than the transaction timeout, so in practice the lock is released first.
 */
export const LOCK_WAIT_MS = 15_000;
