// Cloud storage (docs/wechat-contracts.md §1.6): what `cloud.uploadFile`, `downloadFile`, `getTempFileURL` and
// `deleteFile` of the real wx-server-sdk reach. The SDK (@cloudbase/node-sdk src/storage) sends three
// admin actions and then talks to "COS" over plain HTTP; this part answers both:
//   storage.getUploadMetadata   → {data: {url, token, authorization, fileId, cosFileId, download_url}}
//                                 then the SDK PUTs the bytes to `url` (served in ./routes.ts)
//   storage.batchGetDownloadUrl → {data: {download_list: [{fileID, tempFileURL, code, maxAge}]}}
//                                 (downloadFile is this with maxAge 600, then a GET of the URL)
//   storage.batchDeleteFile     → {data: {delete_list: [{fileID, code}]}}
// Per-item failures carry a TCB code string (`STORAGE_FILE_NONEXIST`) that the SDK maps to
// `status: -503003, errMsg: 'storage file not exists'`.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ActionMap, AdminCall, CloudModule } from '../types';
import { ServiceError } from '../types';
import type { Route } from '../http';
import { DiskBlobs, MemoryBlobs, type BlobStore, type StoredFile } from './blobs';
import { formatFileId, invalidCloudPath, parseFileId } from './fileid';
import { UrlSigner } from './signer';
import { storageRoutes } from './routes';
import { StorageRules } from './rules';

/** What storage needs from the local cloud (LocalCloud satisfies it; tests can pass less). */
export interface StorageHost {
  readonly envId: string;
  /** Base URL of the running server, e.g. http://127.0.0.1:9797 */
  readonly url: string;
  /** Virtual clock, ms. */
  now(): number;
}

/**
 * Temp-URL lifetime when the caller gives none, and the most it may ask for: "可自定义有效期，默认一天且
 * 最大不超过一天" and "maxAge … 默认86400" [DOC wx.cloud.getTempFileURL, wxcloudrun storage]. The current
 * Cloud.getTempFileURL page says private files get 10 minutes; we follow the explicit 86400 default and
 * clamp longer asks to a day, so a URL never outlives what the real service would grant.
 */
export const DEFAULT_TEMP_URL_MAX_AGE_SEC = 86400;
export const MAX_TEMP_URL_MAX_AGE_SEC = 86400;
/** "一次最多取 50 个" [DOC getTempFileURL]; deleteFile documents the same 50. */
export const MAX_FILES_PER_CALL = 50;
/** How long the signed upload URL from getUploadMetadata stays valid (COS upload signatures: minutes). */
export const UPLOAD_URL_TTL_MS = 10 * 60_000;

export const FILE_NOT_EXISTS = { code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exists' } as const;

export class FileStorage implements CloudModule {
  readonly blobs: BlobStore;
  readonly signer: UrlSigner;
  /** Client requests only (the gateway); admin calls never consult them. */
  rules: StorageRules;

  constructor(readonly cloud: StorageHost, readonly options: { dir: string | null; rulesFile?: string }) {
    this.blobs = options.dir ? new DiskBlobs(path.join(options.dir, 'objects')) : new MemoryBlobs();
    this.signer = new UrlSigner(options.dir ? path.join(options.dir, 'url-secret') : undefined);
    this.rules = StorageRules.load(options.rulesFile);
  }

  /** Would the rules let this client user read (getTempFileURL/downloadFile) or write (upload/delete) the file? */
  clientMay(op: 'read' | 'write', openid: string | undefined, fileID: string, uploader?: string): boolean {
    const id = parseFileId(fileID);
    if (!id) return false;
    const owner = this.blobs.get(id.envId, id.cloudPath)?.meta.openid ?? uploader;
    return this.rules.allows(op, { openid }, { path: id.cloudPath, owner });
  }

  // --- in-process API for the other parts (digital downloads, seeding, control) ---

  /** Store `content` at `cloudPath`, replacing any file there; returns the fileID. */
  write(cloudPath: string, content: Buffer, opts: { envId?: string; openid?: string } = {}): string {
    const problem = invalidCloudPath(cloudPath);
    if (problem) throw new RangeError(problem);
    const envId = opts.envId || this.cloud.envId;
    const meta: StoredFile = { envId, cloudPath, size: content.length, uploadedAt: this.cloud.now(), openid: opts.openid };
    this.blobs.put(meta, content);
    return formatFileId(envId, cloudPath);
  }

  /** The bytes of a stored file, or undefined when there is no such file. */
  read(fileID: string): Buffer | undefined {
    const id = parseFileId(fileID);
    return id ? this.blobs.get(id.envId, id.cloudPath)?.content : undefined;
  }

  exists(fileID: string): boolean {
    const id = parseFileId(fileID);
    return !!id && this.blobs.has(id.envId, id.cloudPath);
  }

  /** True when a file was removed. */
  remove(fileID: string): boolean {
    const id = parseFileId(fileID);
    return !!id && this.blobs.remove(id.envId, id.cloudPath);
  }

  list(): (StoredFile & { fileID: string })[] {
    return this.blobs.list().map((f) => ({ ...f, fileID: formatFileId(f.envId, f.cloudPath) }));
  }

  /**
   * A temp URL served by this server that stops working `maxAgeSec` seconds from now on the virtual
   * clock; undefined when the file does not exist (as getTempFileURL gives no URL for a missing file).
   */
  tempUrl(fileID: string, maxAgeSec = DEFAULT_TEMP_URL_MAX_AGE_SEC): string | undefined {
    const id = parseFileId(fileID);
    if (!id || !this.blobs.has(id.envId, id.cloudPath)) return undefined;
    return this.downloadUrl(id.envId, id.cloudPath, clampMaxAge(maxAgeSec));
  }

  private downloadUrl(envId: string, cloudPath: string, maxAgeSec: number): string {
    const token = this.signer.sign({ purpose: 'download', envId, cloudPath, expiresAt: this.cloud.now() + maxAgeSec * 1000 });
    // The path after the token is for people reading the URL; the token alone names the file. It stays
    // raw like a real tempFileURL (the SDK encodeURI()s it before fetching), except for the characters
    // that would end the path or start a bad escape.
    return `${this.cloud.url}/storage/${token}/${cloudPath.replace(/[%?#]/g, encodeURIComponent)}`;
  }

  // --- the wire protocol ---

  actions(): ActionMap {
    return {
      'storage.getUploadMetadata': (call) => this.getUploadMetadata(call),
      'storage.batchGetDownloadUrl': (call) => this.batchGetDownloadUrl(call),
      'storage.batchDeleteFile': (call) => this.batchDeleteFile(call),
    };
  }

  routes(): Route[] {
    return storageRoutes(this);
  }

  reset(): void {
    this.blobs.clear();
    this.rules = StorageRules.load(this.options.rulesFile);
  }

  private getUploadMetadata(call: AdminCall) {
    const cloudPath = call.params.path;
    const problem = invalidCloudPath(cloudPath);
    if (problem) throw new ServiceError('INVALID_PARAM', problem);
    const envId = call.env || this.cloud.envId;
    const token = this.signer.sign({
      purpose: 'upload', envId, cloudPath: cloudPath as string, expiresAt: this.cloud.now() + UPLOAD_URL_TTL_MS, openid: call.invocation?.openid,
    });
    const fileId = formatFileId(envId, cloudPath as string);
    return {
      data: {
        url: `${this.cloud.url}/storage/upload/${token}`,
        token,
        authorization: 'q-sign-algorithm=sha1&localcloud',
        fileId,
        cosFileId: randomBytes(24).toString('base64'),
        download_url: this.downloadUrl(envId, cloudPath as string, DEFAULT_TEMP_URL_MAX_AGE_SEC),
      },
    };
  }

  private batchGetDownloadUrl(call: AdminCall) {
    const list = fileList(call.params.file_list, 'file_list');
    const items = list.map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>) : {}));
    for (const item of items) {
      if (item.max_age !== undefined && !(typeof item.max_age === 'number' && item.max_age > 0)) {
        throw new ServiceError('INVALID_PARAM', 'max_age must be a positive number of seconds');
      }
    }
    const download_list = items.map((item) => {
      const fileID = typeof item.fileid === 'string' ? item.fileid : String(item.fileid);
      const maxAge = clampMaxAge(typeof item.max_age === 'number' ? item.max_age : DEFAULT_TEMP_URL_MAX_AGE_SEC);
      const id = parseFileId(fileID);
      if (!id || !this.blobs.has(id.envId, id.cloudPath)) return { fileID, tempFileURL: '', maxAge, ...FILE_NOT_EXISTS };
      return { fileID, tempFileURL: this.downloadUrl(id.envId, id.cloudPath, maxAge), maxAge, code: 'SUCCESS' };
    });
    return { data: { download_list } };
  }

  private batchDeleteFile(call: AdminCall) {
    const list = fileList(call.params.fileid_list, 'fileid_list');
    const delete_list = list.map((fileID) => {
      const id = parseFileId(fileID);
      if (!id || !this.blobs.remove(id.envId, id.cloudPath)) return { fileID, ...FILE_NOT_EXISTS };
      return { fileID, code: 'SUCCESS' };
    });
    return { data: { delete_list } };
  }

  /** Called by the upload route once the bytes arrived under a valid upload token. */
  acceptUpload(token: string, content: Buffer): { ok: true; fileID: string } | { ok: false; reason: 'invalid' | 'expired' } {
    const claims = this.signer.verify(token);
    if (!claims || claims.purpose !== 'upload') return { ok: false, reason: 'invalid' };
    if (this.cloud.now() >= claims.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, fileID: this.write(claims.cloudPath, content, { envId: claims.envId, openid: claims.openid }) };
  }
}

function clampMaxAge(sec: number): number {
  return Math.min(Math.max(sec, 0), MAX_TEMP_URL_MAX_AGE_SEC);
}

function fileList(value: unknown, name: string): unknown[] {
  // The SDK checks the list before sending; this guards other callers of the wire protocol.
  if (!Array.isArray(value) || value.length === 0) throw new ServiceError('INVALID_PARAM', `${name} must be a non-empty array`);
  if (value.length > MAX_FILES_PER_CALL) {
    throw new ServiceError('INVALID_PARAM', `${name} has ${value.length} files; at most ${MAX_FILES_PER_CALL} per call`);
  }
  return value;
}
