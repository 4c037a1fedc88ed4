// Where stored files live: in memory (tests) or on disk under the data dir (durable across restarts).
// On disk each object is `<sha256 of env/path>.bin` plus a `.json` sidecar with its metadata, so any
// cloudPath (Chinese names, `a/b` beside `a/b/c`, `..`) maps to a safe flat file name.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

export interface StoredFile {
  envId: string;
  cloudPath: string;
  size: number;
  /** Virtual-clock ms of the upload. */
  uploadedAt: number;
  /** The WeChat user whose function or client uploaded it, when known. */
  openid?: string;
}

export interface BlobStore {
  put(meta: StoredFile, content: Buffer): void;
  get(envId: string, cloudPath: string): { meta: StoredFile; content: Buffer } | undefined;
  has(envId: string, cloudPath: string): boolean;
  /** True when something was removed. */
  remove(envId: string, cloudPath: string): boolean;
  list(): StoredFile[];
  clear(): void;
}

function keyOf(envId: string, cloudPath: string): string {
  return `${envId}/${cloudPath}`;
}

export class MemoryBlobs implements BlobStore {
  private files = new Map<string, { meta: StoredFile; content: Buffer }>();

  put(meta: StoredFile, content: Buffer): void {
    this.files.set(keyOf(meta.envId, meta.cloudPath), { meta, content: Buffer.from(content) });
  }
  get(envId: string, cloudPath: string) {
    const file = this.files.get(keyOf(envId, cloudPath));
    return file && { meta: file.meta, content: Buffer.from(file.content) };
  }
  has(envId: string, cloudPath: string): boolean {
    return this.files.has(keyOf(envId, cloudPath));
  }
  remove(envId: string, cloudPath: string): boolean {
    return this.files.delete(keyOf(envId, cloudPath));
  }
  list(): StoredFile[] {
    return [...this.files.values()].map((f) => f.meta);
  }
  clear(): void {
    this.files.clear();
  }
}

export class DiskBlobs implements BlobStore {
  /** Metadata of every object, read from the sidecars once. */
  private index: Map<string, StoredFile> | null = null;

  constructor(readonly dir: string) {}

  private fileBase(envId: string, cloudPath: string): string {
    return path.join(this.dir, createHash('sha256').update(keyOf(envId, cloudPath)).digest('hex'));
  }

  private load(): Map<string, StoredFile> {
    if (this.index) return this.index;
    const index = new Map<string, StoredFile>();
    fs.mkdirSync(this.dir, { recursive: true });
    for (const name of fs.readdirSync(this.dir)) {
      if (!name.endsWith('.json')) continue;
      try {
        const meta = JSON.parse(fs.readFileSync(path.join(this.dir, name), 'utf8')) as StoredFile;
        if (fs.existsSync(path.join(this.dir, name.replace(/\.json$/, '.bin')))) index.set(keyOf(meta.envId, meta.cloudPath), meta);
      } catch {
        // A sidecar cut short by a crash: the object was never acknowledged, so it does not exist.
      }
    }
    return (this.index = index);
  }

  /** Write beside the target and rename over it, so a reader never sees half a file. */
  private writeAtomic(file: string, data: Buffer | string): void {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  }

  put(meta: StoredFile, content: Buffer): void {
    const index = this.load();
    const base = this.fileBase(meta.envId, meta.cloudPath);
    this.writeAtomic(`${base}.bin`, content);
    this.writeAtomic(`${base}.json`, JSON.stringify(meta));
    index.set(keyOf(meta.envId, meta.cloudPath), meta);
  }

  get(envId: string, cloudPath: string) {
    const meta = this.load().get(keyOf(envId, cloudPath));
    if (!meta) return undefined;
    try {
      return { meta, content: fs.readFileSync(`${this.fileBase(envId, cloudPath)}.bin`) };
    } catch {
      return undefined;
    }
  }

  has(envId: string, cloudPath: string): boolean {
    return this.load().has(keyOf(envId, cloudPath));
  }

  remove(envId: string, cloudPath: string): boolean {
    const index = this.load();
    if (!index.delete(keyOf(envId, cloudPath))) return false;
    const base = this.fileBase(envId, cloudPath);
    fs.rmSync(`${base}.json`, { force: true });
    fs.rmSync(`${base}.bin`, { force: true });
    return true;
  }

  list(): StoredFile[] {
    return [...this.load().values()];
  }

  clear(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
    this.index = new Map();
  }
}
