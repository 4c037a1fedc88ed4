// Cloud file IDs in the real format (docs/wechat-contracts.md §1.6):
//   cloud://<envId>.<hex>-<envId>-<bucketAppId>/<cloudPath>
// e.g. cloud://test-9p1vk.7465-test-9p1vk-1302837475/WechatIMG6.jpeg. In real ids the <hex> part is the
// hex of the env id's first two characters ("te" → 7465) and the bucket app id a 10-digit Tencent Cloud
// app id [COMM: real ids seen in public projects]. We derive both from the env id so ids are stable.
import { createHash } from 'node:crypto';

export interface ParsedFileId {
  envId: string;
  bucket: string;
  cloudPath: string;
}

/** COS object keys are at most 850 bytes (Tencent COS object-key rules). */
export const MAX_CLOUD_PATH_BYTES = 850;

/** The `<hex>-<envId>-<appId>` bucket name of an env. */
export function bucketOf(envId: string): string {
  const hex = Buffer.from(envId.slice(0, 2), 'utf8').toString('hex');
  const digest = createHash('sha256').update(envId).digest();
  const appId = 1300000000 + (digest.readUInt32BE(0) % 100000000);
  return `${hex}-${envId}-${appId}`;
}

export function formatFileId(envId: string, cloudPath: string): string {
  return `cloud://${envId}.${bucketOf(envId)}/${cloudPath}`;
}

/**
 * Parse a fileID; undefined when it is not a cloud:// id whose bucket belongs to its env
 * (an id from another environment, a mistyped id, an http URL).
 */
export function parseFileId(fileId: unknown): ParsedFileId | undefined {
  if (typeof fileId !== 'string' || !fileId.startsWith('cloud://')) return undefined;
  const rest = fileId.slice('cloud://'.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  const host = rest.slice(0, slash);
  const cloudPath = rest.slice(slash + 1);
  const dot = host.indexOf('.');
  if (dot <= 0 || !cloudPath) return undefined;
  const envId = host.slice(0, dot);
  const bucket = host.slice(dot + 1);
  if (bucket !== bucketOf(envId)) return undefined;
  return { envId, bucket, cloudPath };
}

/**
 * Why a cloudPath cannot be stored, or undefined when it can. The real service takes any COS key;
 * we refuse only what cannot be a file: empty, a "folder" (trailing slash), over the key limit.
 */
export function invalidCloudPath(cloudPath: unknown): string | undefined {
  if (typeof cloudPath !== 'string' || cloudPath.length === 0) return 'cloudPath must be a non-empty string';
  if (cloudPath.endsWith('/')) return 'cloudPath must name a file, not a folder (it ends with "/")';
  if (Buffer.byteLength(cloudPath, 'utf8') > MAX_CLOUD_PATH_BYTES) {
    return `cloudPath is longer than ${MAX_CLOUD_PATH_BYTES} bytes`;
  }
  return undefined;
}
