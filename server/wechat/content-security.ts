// Content security for what a shop publishes (docs/wechat-contracts.md §7a): WeChat holds the operator
// responsible for what others see, so shop and product text passes security.msgSecCheck (version 2, with
// the writer's openid and scene 1 资料) before it is saved, and every picture goes to
// security.mediaCheckAsync, whose verdict arrives later as a `wxa_media_check` push (server/content-review).
// The functions that call these need "security.msgSecCheck" and "security.mediaCheckAsync" in config.json.
import { sdk } from './sdk';
import { resolveImageUrls } from './images';

export type Suggest = 'pass' | 'review' | 'risky';
/** What a text check says: WeChat's suggestion, or `unavailable` when the check itself failed. */
export type TextVerdict = Suggest | 'unavailable';

/** scene 1 资料: shop and product information (§7a). */
const PROFILE_SCENE = 1;
/** The v2 check's content limit (§7a). */
export const MAX_CHECKED_CHARS = 2500;

type SecurityApi = {
  msgSecCheck(p: Record<string, unknown>): Promise<{ result?: { suggest?: string } }>;
  mediaCheckAsync(p: Record<string, unknown>): Promise<{ traceId?: string; trace_id?: string }>;
};
// index.d.ts does not declare the openapi proxy's methods (§1.7).
const security = () => (sdk() as unknown as { openapi: { security: SecurityApi } }).openapi.security;

const asSuggest = (s: unknown): Suggest => (s === 'pass' || s === 'review' ? s : 'risky');

/**
 * One check for all the texts of one write (name, description…), joined by line breaks. Empty texts are
 * skipped; nothing to check is a pass. A failed call is `unavailable`: the caller refuses to save rather
 * than publish unchecked text.
 */
export async function checkText(openid: string, texts: readonly (string | null | undefined)[]): Promise<TextVerdict> {
  const content = texts.filter((t): t is string => typeof t === 'string' && t.trim() !== '').join('\n').slice(0, MAX_CHECKED_CHARS);
  if (content === '') return 'pass';
  try {
    const res = await security().msgSecCheck({ content, version: 2, scene: PROFILE_SCENE, openid });
    return asSuggest(res.result?.suggest);
  } catch (err) {
    console.error('[msgSecCheck] failed', err);
    return 'unavailable';
  }
}

/**
 * Ask for an asynchronous check of each picture (media_type 2, through a temp URL WeChat can fetch).
 * fileID → trace_id for the ones WeChat accepted; a picture missing from the answer was not sent and
 * stays under review (logged).
 */
export async function requestImageChecks(openid: string, fileIDs: readonly string[]): Promise<Map<string, string>> {
  const traces = new Map<string, string>();
  if (fileIDs.length === 0) return traces;
  const urls = await resolveImageUrls(fileIDs);
  await Promise.all(fileIDs.map(async (fileID) => {
    const mediaUrl = urls.get(fileID);
    if (!mediaUrl) return;
    try {
      const res = await security().mediaCheckAsync({ mediaUrl, mediaType: 2, version: 2, scene: PROFILE_SCENE, openid });
      const traceId = res.traceId ?? res.trace_id;
      if (traceId) traces.set(fileID, traceId);
    } catch (err) {
      console.error(`[mediaCheckAsync] ${fileID} not sent`, err);
    }
  }));
  return traces;
}

/** The verdict of a `wxa_media_check` push: v2 `result.suggest`, v1 `isrisky`. null: not such an event. */
export function mediaVerdict(event: Record<string, unknown>): { traceId: string; suggest: Suggest } | null {
  if (event.Event !== 'wxa_media_check' || typeof event.trace_id !== 'string') return null;
  const result = event.result as { suggest?: unknown } | undefined;
  if (result && typeof result === 'object') return { traceId: event.trace_id, suggest: asSuggest(result.suggest) };
  if (event.isrisky !== undefined) return { traceId: event.trace_id, suggest: Number(event.isrisky) === 1 ? 'risky' : 'pass' };
  return null;
}
