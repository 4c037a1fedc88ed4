import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DiskBlobs, MemoryBlobs, type BlobStore, type StoredFile } from './blobs';

const meta = (cloudPath: string, size = 2): StoredFile => ({ envId: 'local-env', cloudPath, size, uploadedAt: 1 });
let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blobs-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each([
  ['in memory', () => new MemoryBlobs()],
  ['on disk', () => new DiskBlobs(path.join(tmp, 'objects'))],
] as [string, () => BlobStore][])('the blob store %s', (_name, make) => {
  it('gives back exactly the bytes it was given', () => {
    const blobs = make();
    const bytes = Buffer.from([0, 255, 1, 254]);
    blobs.put(meta('a/b.bin', 4), bytes);
    expect(blobs.get('local-env', 'a/b.bin')?.content.equals(bytes)).toBe(true);
  });

  it('keeps a/b beside a/b/c and ../x as ordinary keys', () => {
    const blobs = make();
    blobs.put(meta('a/b'), Buffer.from('ab'));
    blobs.put(meta('a/b/c'), Buffer.from('abc'));
    blobs.put(meta('../x'), Buffer.from('up'));
    expect(blobs.get('local-env', 'a/b')?.content.toString()).toBe('ab');
    expect(blobs.get('local-env', 'a/b/c')?.content.toString()).toBe('abc');
    expect(blobs.get('local-env', '../x')?.content.toString()).toBe('up');
    expect(fs.existsSync(path.join(tmp, 'x'))).toBe(false);
  });

  it('separates environments', () => {
    const blobs = make();
    blobs.put(meta('same.txt'), Buffer.from('local'));
    expect(blobs.has('other-env', 'same.txt')).toBe(false);
  });

  it('replaces on a second put and forgets on remove (once)', () => {
    const blobs = make();
    blobs.put(meta('f.txt'), Buffer.from('v1'));
    blobs.put(meta('f.txt'), Buffer.from('v2'));
    expect(blobs.get('local-env', 'f.txt')?.content.toString()).toBe('v2');
    expect(blobs.list()).toHaveLength(1);
    expect(blobs.remove('local-env', 'f.txt')).toBe(true);
    expect(blobs.remove('local-env', 'f.txt')).toBe(false);
    expect(blobs.get('local-env', 'f.txt')).toBeUndefined();
  });

  it('is empty after clear', () => {
    const blobs = make();
    blobs.put(meta('1'), Buffer.from('1'));
    blobs.put(meta('2'), Buffer.from('2'));
    blobs.clear();
    expect(blobs.list()).toEqual([]);
  });
});

describe('the disk store', () => {
  it('still has every file after a restart (a new instance on the same folder)', () => {
    const dir = path.join(tmp, 'objects');
    const first = new DiskBlobs(dir);
    first.put(meta('kept.txt', 4), Buffer.from('kept'));
    first.put(meta('gone.txt'), Buffer.from('no'));
    first.remove('local-env', 'gone.txt');
    const second = new DiskBlobs(dir);
    expect(second.list().map((f) => f.cloudPath)).toEqual(['kept.txt']);
    expect(second.get('local-env', 'kept.txt')?.content.toString()).toBe('kept');
  });

  it('ignores a half-written sidecar left by a crash', () => {
    const dir = path.join(tmp, 'objects');
    new DiskBlobs(dir).put(meta('ok.txt'), Buffer.from('ok'));
    fs.writeFileSync(path.join(dir, 'deadbeef.json'), '{"envId":"local-en');
    expect(new DiskBlobs(dir).list().map((f) => f.cloudPath)).toEqual(['ok.txt']);
  });
});
