// Product photos and logos are cloud:// fileIDs (model.ts). The mini-program's <Image> shows them as
// they are; the h5 build asks the local cloud for temp URLs, as wx.cloud.getTempFileURL would
// (docs/wechat-contracts.md §1.6), and caches them until shortly before they expire.
import { cloudUrl, isH5 } from '../env';

interface Cached {
  url: string;
  until: number;
}

const cache = new Map<string, Cached>();
const pending = new Map<string, Promise<string>>();

export function needsResolving(src: string | null | undefined): src is string {
  return isH5() && typeof src === 'string' && src.startsWith('cloud://');
}

export function cachedUrl(src: string): string | null {
  const hit = cache.get(src);
  return hit && hit.until > Date.now() ? hit.url : null;
}

export async function resolveImage(src: string): Promise<string> {
  if (!needsResolving(src)) return src;
  const hit = cachedUrl(src);
  if (hit) return hit;
  const inFlight = pending.get(src);
  if (inFlight) return inFlight;
  const request = (async () => {
    try {
      const res = await fetch(`${cloudUrl()}/gateway/temp-file-urls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fileList: [src] }),
      });
      const body = (await res.json()) as { fileList?: { fileID: string; tempFileURL: string; maxAge: number }[] };
      const item = body.fileList?.[0];
      if (!item?.tempFileURL) return '';
      cache.set(src, { url: item.tempFileURL, until: Date.now() + Math.max(0, item.maxAge - 60) * 1000 });
      return item.tempFileURL;
    } catch {
      return '';
    } finally {
      pending.delete(src);
    }
  })();
  pending.set(src, request);
  return request;
}

/**
 * The best source for a picture: views carry temp URLs beside the fileIDs (photoUrls, logoUrl) for the
 * h5 build; the mini-program keeps the fileID, which its <Image> loads itself.
 */
export function pictureSrc(fileID: string | null | undefined, url?: string | null): string | null {
  if (isH5() && url) return url;
  return fileID ?? null;
}
