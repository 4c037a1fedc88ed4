// The verdict of a picture's content-security check (security.mediaCheckAsync → a `wxa_media_check`
// push, docs/wechat-contracts.md §7a). Only a trace_id on record counts (store/media-checks.ts), so a
// forged push can name no picture. pass: the picture leaves `reviewing` and buyers see it. review or
// risky: it is taken off the product (or the logo cleared) and the owner is told by an alert naming who
// uploaded it. Every step is idempotent ($pull, a guarded clear, an insert-once alert, the record's status
// set last), so a repeated push changes nothing more.
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import { ok, type Result } from '../../core/errors';
import type { MediaCheckDoc, ProductDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import { raiseAlert } from '../store/alerts';
import { docOf } from '../store/db';
import { mediaVerdict } from '../wechat/content-security';
import type { Database } from '../wechat/sdk';

async function removePicture(db: Database, check: MediaCheckDoc, now: number): Promise<void> {
  const _ = db.command;
  let what = '店铺图标';
  if (check.target === 'product') {
    const product = docOf<ProductDoc>(await db.collection(COLLECTIONS.products).doc(check.targetId).get());
    if (product && product.shopId === check.shopId) {
      await db.collection(COLLECTIONS.products).where({ _id: check.targetId, shopId: check.shopId })
        .update({ data: { photos: _.pull(check.fileID), reviewing: _.pull(check.fileID), updatedAt: now } });
      what = `商品「${product.name}」的一张图片`;
    }
  } else {
    await db.collection(COLLECTIONS.shops).where({ _id: check.targetId, logo: check.fileID }).update({ data: { logo: null, updatedAt: now } });
    await db.collection(COLLECTIONS.shops).doc(check.targetId).update({ data: { reviewing: _.pull(check.fileID) } });
  }
  await raiseAlert(db, {
    shopId: check.shopId, kind: 'photo_removed', subject: check._id, orderId: null, at: now, by: check.by,
    message: `${what}未通过微信内容安全检查，已移除，买家看不到它；请换一张图片`,
  });
}

async function showPicture(db: Database, check: MediaCheckDoc): Promise<void> {
  const data = { reviewing: db.command.pull(check.fileID) };
  if (check.target === 'product') await db.collection(COLLECTIONS.products).where({ _id: check.targetId, shopId: check.shopId }).update({ data });
  else await db.collection(COLLECTIONS.shops).doc(check.targetId).update({ data });
}

export async function verdict(p: Payload<'contentCheck', 'verdict'>, ctx: OperationContext): Promise<Result<{ traceId: string; applied: boolean }>> {
  const v = mediaVerdict(p);
  if (!v) return ok({ traceId: p.trace_id, applied: false });
  const check = docOf<MediaCheckDoc>(await ctx.db.collection(COLLECTIONS.mediaChecks).doc(v.traceId).get());
  if (!check || check.status !== 'pending') {
    if (!check) console.warn(`[media check] no record of trace ${v.traceId}`);
    return ok({ traceId: v.traceId, applied: false });
  }
  if (v.suggest === 'pass') await showPicture(ctx.db, check);
  else await removePicture(ctx.db, check, ctx.now);
  await ctx.db.collection(COLLECTIONS.mediaChecks).where({ _id: check._id, status: 'pending' })
    .update({ data: { status: v.suggest, decidedAt: ctx.now } });
  return ok({ traceId: v.traceId, applied: true });
}
