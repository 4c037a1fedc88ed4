// Where a shop's files live in cloud storage, and which fileIDs a shop may reference. The mini-program
// uploads by this layout (src/owner/services/upload.ts) and the server refuses any other fileID on a
// product or a shop (server/catalogue/files.ts), so one shop can never sell, or show, another's file:
//   shops/<shopId>/logo/…       the logo        } pictures: buyers see them (temp URLs in views)
//   shops/<shopId>/products/…   product photos  }
//   shops/<shopId>/files/…      digital goods: never in a buyer's view; handed out only by
//                               orders.download, counted, as a short-lived link
// A new shop's logo is uploaded after createShop answers with the shop id (the weapp client does not
// know its openid, so there is no per-user folder to upload to before the shop exists).
// fileID format (docs/wechat-contracts.md §1.6): cloud://<envId>.<hex>-<envId>-<bucketAppId>/<cloudPath>.

export type ShopFolder = 'logo' | 'products' | 'files';

export function shopFolder(shopId: string, folder: ShopFolder): string {
  return `shops/${shopId}/${folder}`;
}

export interface ParsedFileId {
  envId: string;
  bucket: string;
  cloudPath: string;
}

/** The parts of a cloud:// fileID, or null when it is not one. */
export function parseFileId(fileID: string): ParsedFileId | null {
  const m = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileID);
  return m ? { envId: m[1], bucket: m[2], cloudPath: m[3] } : null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A bucket of env `envId` is named `<hex>-<envId>-<appId>` (§1.6). */
export function isBucketOf(bucket: string, envId: string): boolean {
  return new RegExp(`^[0-9a-f]+-${escapeRegExp(envId)}-\\d+$`).test(bucket);
}

/** COS keys are taken literally, but a `..`, `.` or empty segment has no business in our layout. */
function hasOddSegment(cloudPath: string): boolean {
  return cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..');
}

export type FileKind = 'picture' | 'digital';

/**
 * Whether `fileID` may be referenced by shop `shopId` as a picture (logo, photo) or a digital good in
 * environment `envId`: this env's bucket, under the shop's own folder; pictures never from `files/`
 * (a photo pointing at a digital file would hand it to every buyer as a temp URL).
 */
export function fileAllowed(fileID: string, envId: string, shopId: string, kind: FileKind): boolean {
  const f = parseFileId(fileID);
  if (!f || !envId || f.envId !== envId || !isBucketOf(f.bucket, envId) || hasOddSegment(f.cloudPath)) return false;
  const files = `${shopFolder(shopId, 'files')}/`;
  if (kind === 'digital') return f.cloudPath.startsWith(files);
  return f.cloudPath.startsWith(`shops/${shopId}/`) && !f.cloudPath.startsWith(files);
}

/**
 * A buyer's own pictures (avatar, after-sale photos) live under `buyers/<random>/…`: the weapp client
 * does not know its openid, so the folder is random; storage rules let only the uploader write the file
 * and anyone read it (database/storage-rules.json). The server accepts a buyer's fileID only there.
 */
export const BUYER_FOLDER = 'buyers';

export function buyerFileAllowed(fileID: string, envId: string): boolean {
  const f = parseFileId(fileID);
  if (!f || !envId || f.envId !== envId || !isBucketOf(f.bucket, envId) || hasOddSegment(f.cloudPath)) return false;
  return f.cloudPath.startsWith(`${BUYER_FOLDER}/`);
}
