// Product photos and logos are cloud:// fileIDs (model.ts), and views carry nothing else: the
// mini-program's <Image> shows a fileID as it is, with no server round trip. The h5 build asks the local
// cloud for temp URLs, as wx.cloud.getTempFileURL would (docs/wechat-contracts.md §1.6): the pictures a
// screen asks for in the same moment go out in one request (at most 50 fileIDs each, §1.6), and the URLs
// are cached until shortly before they expire.
import { cloudUrl, isH5 } from '../env';

/** getTempFileURL's documented per-call maximum. */
const BATCH = 50;

interface Cached {
  url: string;
  until: number;
}

const cache = new Map<string, Cached>();
const pending = new Map<string, Promise<string>>();
let queued: { fileID: string; resolve: (url: string) => void }[] = [];

export function needsResolving(src: string | null | undefined): src is string {
  return isH5() && typeof src === 'string' && src.startsWith('cloud://');
}

export function cachedUrl(src: string): string | null {
  const hit = cache.get(src);
  return hit && hit.until > Date.now() ? hit.url : null;
}

async function fetchBatch(batch: { fileID: string; resolve: (url: string) => void }[]): Promise<void> {
  const urls = new Map<string, string>();
  try {
    const res = await fetch(`${cloudUrl()}/gateway/temp-file-urls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileList: batch.map((b) => b.fileID) }),
    });
    const body = (await res.json()) as { fileList?: { fileID: string; tempFileURL: string; maxAge: number }[] };
    for (const item of body.fileList ?? []) {
      if (!item.tempFileURL) continue;
      cache.set(item.fileID, { url: item.tempFileURL, until: Date.now() + Math.max(0, item.maxAge - 60) * 1000 });
      urls.set(item.fileID, item.tempFileURL);
    }
  } catch {
    // A picture is not worth an error: it shows the placeholder.
  }
  for (const b of batch) {
    pending.delete(b.fileID);
    b.resolve(urls.get(b.fileID) ?? '');
  }
}

function flush(): void {
  const all = queued;
  queued = [];
  for (let i = 0; i < all.length; i += BATCH) void fetchBatch(all.slice(i, i + BATCH));
}

export function resolveImage(src: string): Promise<string> {
  if (!needsResolving(src)) return Promise.resolve(src);
  const hit = cachedUrl(src);
  if (hit) return Promise.resolve(hit);
  const inFlight = pending.get(src);
  if (inFlight) return inFlight;
  const request = new Promise<string>((resolve) => {
    if (queued.length === 0) setTimeout(flush, 0);
    queued.push({ fileID: src, resolve });
  });
  pending.set(src, request);
  return request;
}

/** An avatar's source: the temp URL the profile carries in h5, else the fileID the mini-program loads itself. */
export function pictureSrc(fileID: string | null | undefined, url?: string | null): string | null {
  if (isH5() && url) return url;
  return fileID ?? null;
}
