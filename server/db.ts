// wx-server-sdk's typings declare `void | Result` (callback style); these read the results we rely on.
export function updatedCount(res: unknown): number {
  return (res as { stats?: { updated?: number } } | undefined)?.stats?.updated ?? 0;
}

export function removedCount(res: unknown): number {
  return (res as { stats?: { removed?: number } } | undefined)?.stats?.removed ?? 0;
}

/** `doc(id).get()` with throwOnNotFound: false → the document or null (WECHAT-CONTRACTS §2.4). */
export function docOf<T>(res: unknown): T | null {
  return ((res as { data?: T | null } | undefined)?.data ?? null) as T | null;
}

/** `where(…).get()` → the documents. */
export function docsOf<T>(res: unknown): T[] {
  return ((res as { data?: T[] } | undefined)?.data ?? []) as T[];
}

/** The duplicate-key error of a unique index or an existing `_id` (§2.12: match on the text, the code varies by layer). */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; errMsg?: unknown } | null;
  const text = `${String(e?.message ?? '')} ${String(e?.errMsg ?? '')}`;
  return e?.code === 'DATABASE_DUPLICATE_WRITE' || /E11000 duplicate key/.test(text) || /DATABASE_DUPLICATE_WRITE/.test(text);
}
