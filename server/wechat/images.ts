// Files are stored as cloud:// fileIDs (model.ts). Catalogue views carry only those (docs/decisions.md §D20);
// what needs an http(s) URL on the server — an avatar in a profile, a picture sent to content security, a
// poster's code — is resolved here in as few getTempFileURL calls as possible: distinct fileIDs, 50 per
// call ("一次最多取 50 个", docs/wechat-contracts.md §1.6), calls in parallel. A missing file comes back
// with a non-zero status and an empty URL (§1.6); it maps to ''.
import { sdk } from './sdk';

/** getTempFileURL's documented per-call maximum. */
export const TEMP_URL_BATCH = 50;
/** How long the URLs in a view work (seconds): long enough for a browsing session, at most a day (§1.6). */
export const IMAGE_URL_MAX_AGE_S = 2 * 60 * 60;

export type ImageUrls = ReadonlyMap<string, string>;

interface TempItem {
  fileID: string;
  tempFileURL: string;
  status: number;
}

/** fileID → temp URL for every distinct cloud:// fileID given ('' for files that do not exist). */
export async function resolveImageUrls(fileIDs: Iterable<string | null | undefined>): Promise<ImageUrls> {
  const distinct = [...new Set([...fileIDs].filter((f): f is string => typeof f === 'string' && f.startsWith('cloud://')))];
  const urls = new Map<string, string>();
  const batches: string[][] = [];
  for (let i = 0; i < distinct.length; i += TEMP_URL_BATCH) batches.push(distinct.slice(i, i + TEMP_URL_BATCH));
  // Pictures are not worth failing a page for: a storage error leaves the URLs empty (the weapp build
  // still shows the cloud:// fileIDs) and is logged.
  const results = await Promise.all(
    batches.map((batch) =>
      Promise.resolve(sdk().getTempFileURL({ fileList: batch.map((fileID) => ({ fileID, maxAge: IMAGE_URL_MAX_AGE_S })) }))
        .catch((err: unknown) => {
          console.error('[images] getTempFileURL failed', err);
          return undefined;
        }),
    ),
  );
  for (const res of results) {
    const items = ((res as { fileList?: TempItem[] } | undefined)?.fileList ?? []);
    for (const item of items) urls.set(item.fileID, item.status === 0 ? item.tempFileURL : '');
  }
  return urls;
}

export function urlOf(urls: ImageUrls, fileID: string | null): string | null {
  if (fileID === null) return null;
  return urls.get(fileID) || null;
}
