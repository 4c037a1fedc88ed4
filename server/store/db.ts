// wx-server-sdk's typings declare `void | Result` (callback style); these read the results we rely on.
export function updatedCount(res: unknown): number {
  return (res as { stats?: { updated?: number } } | undefined)?.stats?.updated ?? 0;
}

export function removedCount(res: unknown): number {
  return (res as { stats?: { removed?: number } } | undefined)?.stats?.removed ?? 0;
}

/** `doc(id).get()` with throwOnNotFound: false → the document or null (docs/wechat-contracts.md §2.4). */
export function docOf<T>(res: unknown): T | null {
  return ((res as { data?: T | null } | undefined)?.data ?? null) as T | null;
}

/** `where(…).get()` → the documents. */
export function docsOf<T>(res: unknown): T[] {
  return ((res as { data?: T[] } | undefined)?.data ?? []) as T[];
}

/** `aggregate()…end()` → the rows (docs/wechat-contracts.md §2.8). */
export function rowsOf<T>(res: unknown): T[] {
  return ((res as { list?: T[] } | undefined)?.list ?? []) as T[];
}

/** The duplicate-key error of a unique index or an existing `_id` (§2.12: match on the text, the code varies by layer). */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; errMsg?: unknown } | null;
  const text = `${String(e?.message ?? '')} ${String(e?.errMsg ?? '')}`;
  return e?.code === 'DATABASE_DUPLICATE_WRITE' || /E11000 duplicate key/.test(text) || /DATABASE_DUPLICATE_WRITE/.test(text);
}

// ---------- transactions (docs/wechat-contracts.md §2.9, §2.10) ----------

/** The single-document operations a transaction allows (§2.9); wx-server-sdk types them as `any`. */
export interface TxDoc {
  get(): Promise<unknown>;
  update(options: { data: Record<string, unknown> }): Promise<unknown>;
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
  remove(): Promise<unknown>;
}
export interface Tx {
  collection(name: string): { doc(id: string): TxDoc; add(options: { data: Record<string, unknown> }): Promise<unknown> };
}

const CONFLICT = /TransactionConflict|DATABASE_TRANSACTION_CONFLICT/;

function isConflict(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; errMsg?: unknown } | null;
  return e?.code === 'DATABASE_TRANSACTION_CONFLICT' || CONFLICT.test(`${String(e?.message ?? '')} ${String(e?.errMsg ?? '')}`);
}

/**
 * A transaction that is retried on conflict. Two things the SDK does not do for us (§2.9, §2.10): a
 * conflict met by one operation inside the callback arrives as a generic -501001 error without `.code`,
 * which runTransaction would not retry; and its retries are immediate, so contenders for one document
 * (a second transaction writing a locked document fails at once) collide again and again. Here each
 * attempt is one runTransaction, and a conflicted attempt waits a growing, jittered moment before the
 * next. The callback may run several times: it must only touch the database.
 */
export async function inTransaction<T>(
  db: { runTransaction(run: unknown, times?: number): Promise<unknown> },
  run: (tx: Tx) => Promise<T>,
  attempts = 10,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return (await db.runTransaction(run, 0)) as T;
    } catch (err) {
      if (attempt >= attempts || !isConflict(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, (5 + Math.random() * 20) * attempt));
    }
  }
}

/** A document read inside a transaction, or null: a transaction's doc.get rejects for a missing id (§2.4). */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  try {
    return docOf<T>(await tx.collection(collection).doc(id).get());
  } catch (err) {
    const e = err as { message?: unknown; errMsg?: unknown } | null;
    if (/does not exist/.test(`${String(e?.message ?? '')} ${String(e?.errMsg ?? '')}`)) return null;
    throw err;
  }
}
