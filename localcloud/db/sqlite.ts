// The durable half of the document store: one SQLite file (better-sqlite3, synchronous API).
// Layout: `docs(seq, coll, id, doc)` with UNIQUE(coll, id) — the primary-key index serves point
// reads by _id, `seq` (the rowid, kept by upserts) preserves insertion order, which is MongoDB's
// natural order for queries without orderBy. `collections(name)` lists collections that exist.
//
// Durability: journal_mode=WAL with synchronous=NORMAL. A write is acknowledged only after its
// transaction's COMMIT returned, and by then SQLite has write()n the frames to the WAL file: they
// sit in the kernel's page cache, which a `kill -9` of this process does not touch. So every
// acknowledged write survives kill -9 (test/durability.test.ts proves it). NORMAL skips the fsync
// per commit that FULL does; that fsync only matters if the whole machine loses power, which an
// emulator does not need to survive, and it would cost most of the insert throughput.
import Database from 'better-sqlite3';

export type StoredRow = { coll: string; id: string; doc: string };
export type WriteOp =
  | { kind: 'put'; coll: string; id: string; doc: string }
  | { kind: 'delete'; coll: string; id: string };

export class SqliteFile {
  private readonly db: Database.Database;
  private readonly stmts: {
    put: Database.Statement;
    del: Database.Statement;
    addColl: Database.Statement;
    dropColl: Database.Statement;
    clearColl: Database.Statement;
  };

  constructor(readonly file: string) {
    this.db = new Database(file);
    if (file !== ':memory:') {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS docs (
        seq INTEGER PRIMARY KEY,
        coll TEXT NOT NULL,
        id TEXT NOT NULL,
        doc TEXT NOT NULL,
        UNIQUE (coll, id)
      );
    `);
    this.stmts = {
      put: this.db.prepare('INSERT INTO docs (coll, id, doc) VALUES (?, ?, ?) ON CONFLICT (coll, id) DO UPDATE SET doc = excluded.doc'),
      del: this.db.prepare('DELETE FROM docs WHERE coll = ? AND id = ?'),
      addColl: this.db.prepare('INSERT OR IGNORE INTO collections (name, created_at) VALUES (?, ?)'),
      dropColl: this.db.prepare('DELETE FROM collections WHERE name = ?'),
      clearColl: this.db.prepare('DELETE FROM docs WHERE coll = ?'),
    };
  }

  collections(): string[] {
    return (this.db.prepare('SELECT name FROM collections ORDER BY created_at, name').all() as { name: string }[]).map((r) => r.name);
  }

  /** Every document, collection by collection, in insertion order. */
  *rows(): IterableIterator<StoredRow> {
    yield* this.db.prepare('SELECT coll, id, doc FROM docs ORDER BY coll, seq').iterate() as IterableIterator<StoredRow>;
  }

  /** Apply a batch atomically: all of it is on disk when this returns, or none of it. */
  write(ops: WriteOp[]): void {
    if (ops.length === 0) return;
    this.db.transaction(() => {
      for (const op of ops) {
        if (op.kind === 'put') this.stmts.put.run(op.coll, op.id, op.doc);
        else this.stmts.del.run(op.coll, op.id);
      }
    })();
  }

  addCollection(name: string, at: number): void {
    this.stmts.addColl.run(name, at);
  }

  /** Empty a collection; `drop` also forgets it. */
  clearCollection(name: string, drop: boolean): void {
    this.db.transaction(() => {
      this.stmts.clearColl.run(name);
      if (drop) this.stmts.dropColl.run(name);
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
