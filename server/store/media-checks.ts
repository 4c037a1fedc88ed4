// Pictures under content-security review (docs/wechat-contracts.md §7a). A new photo or logo is saved
// with the document and listed in its `reviewing` (model.ts), which keeps it from buyers; then it is
// sent to security.mediaCheckAsync and a media_checks record is kept under the trace_id, so the verdict
// that arrives later (server/content-review) knows which document and picture it is about.
// If the request fails the picture simply stays under review (hidden, 审核中 for the owner): never shown
// unchecked. Saving the product again re-sends pictures still under review.
import { COLLECTIONS } from '../../core/collections';
import type { MediaCheckDoc } from '../../core/model';
import { requestImageChecks } from '../wechat/content-security';
import type { Database } from '../wechat/sdk';
import { insertOnce } from './insert-once';

/**
 * What a document's `reviewing` becomes when its pictures become `next`: pictures already passed stay
 * passed, pictures still under review stay so, pictures not seen before are new and go to review.
 * `send`: the pictures to send for a check (the new ones and those still waiting).
 */
export function reviewingAfter(before: readonly string[], beforeReviewing: readonly string[] | undefined, next: readonly string[]): { reviewing: string[]; send: string[] } {
  const waiting = new Set(beforeReviewing ?? []);
  const reviewing = [...new Set(next.filter((f) => waiting.has(f) || !before.includes(f)))];
  return { reviewing, send: reviewing };
}

export interface PhotoReviewInput {
  shopId: string;
  target: MediaCheckDoc['target'];
  targetId: string;
  /** The uploader: the check's openid, and who the owner is told about if a picture is removed. */
  by: string;
  fileIDs: readonly string[];
  now: number;
}

/** Best effort: never throws (the document is already saved with its pictures hidden). */
export async function startPhotoReview(db: Database, input: PhotoReviewInput): Promise<number> {
  try {
    const traces = await requestImageChecks(input.by, input.fileIDs);
    for (const [fileID, traceId] of traces) {
      const doc: MediaCheckDoc = {
        _id: traceId, shopId: input.shopId, target: input.target, targetId: input.targetId, fileID, by: input.by,
        status: 'pending', createdAt: input.now, decidedAt: null,
      };
      await insertOnce(db, COLLECTIONS.mediaChecks, doc);
    }
    return traces.size;
  } catch (err) {
    console.error(`[photo review] ${input.target} ${input.targetId} not sent`, err);
    return 0;
  }
}
