// orders.download (docs/product.md §14): N downloads per purchase, each a short-lived link. The count is
// taken with one guarded increment (`downloads < limit`), so concurrent taps can never exceed the
// limit; the link is a getTempFileURL with maxAge (docs/wechat-contracts.md §1.6) that stops working after
// DOWNLOAD_LINK_MAX_AGE_S (a minute: checkout.ts says why that bounds re-use). This is the only way a
// buyer reaches a digital file: no view carries its fileID, and storage never serves shops/<id>/files/
// to clients. When the owner uploaded a newer file, the buyer gets the newer one.
import { DOWNLOAD_LINK_MAX_AGE_S } from '../../core/checkout';
import { COLLECTIONS } from '../../core/collections';
import type { DownloadResult } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import { entitlementId } from '../../core/ids';
import type { DigitalFile, EntitlementDoc, ProductDoc } from '../../core/model';
import { docOf, updatedCount } from '../store/db';
import type { OperationContext } from '../handler';
import { buyerOrder } from '../store/read';
import { sdk } from '../wechat/sdk';

/** The reason an entitlement is missing: not your order, no such digital line, or not paid yet. */
async function missingEntitlement(payload: { orderId: string; lineNo: number }, ctx: OperationContext): Promise<Result<never>> {
  const order = await buyerOrder(ctx.db, payload.orderId, ctx.openid);
  if (!order.ok) return order;
  const line = order.data.lines.find((l) => l.lineNo === payload.lineNo);
  if (!line || line.kind !== 'digital') return fail('LINE_NOT_FOUND', { lineNo: payload.lineNo });
  return fail('DOWNLOAD_NOT_AVAILABLE', { status: order.data.status });
}

/** The file to hand out: the product's current one when the owner has uploaded a newer version. */
async function currentFile(ctx: OperationContext, e: EntitlementDoc): Promise<Pick<DigitalFile, 'fileID' | 'fileName' | 'version'>> {
  const product = docOf<ProductDoc>(await ctx.db.collection(COLLECTIONS.products).doc(e.productId).get());
  const d = product?.digital;
  return d && !product.deleted && d.version > e.version ? d : e;
}

async function tempUrl(fileID: string): Promise<string | null> {
  const res = (await sdk().getTempFileURL({ fileList: [{ fileID, maxAge: DOWNLOAD_LINK_MAX_AGE_S }] })) as {
    fileList?: { tempFileURL?: string; status?: number }[];
  };
  const item = res.fileList?.[0];
  return item && item.status === 0 && item.tempFileURL ? item.tempFileURL : null;
}

export async function downloadOperation(payload: { orderId: string; lineNo: number }, ctx: OperationContext): Promise<Result<DownloadResult>> {
  const id = entitlementId(payload.orderId, payload.lineNo);
  const e = docOf<EntitlementDoc>(await ctx.db.collection(COLLECTIONS.entitlements).doc(id).get());
  if (!e || e.buyerOpenid !== ctx.openid) {
    // Someone else's order reads as not found, never as "exists but not yours".
    return e ? fail('ORDER_NOT_FOUND') : missingEntitlement(payload, ctx);
  }
  if (e.revokedAt !== null) return fail('DOWNLOAD_NOT_AVAILABLE', { reason: 'refunded' });
  if (e.downloads >= e.downloadLimit) return fail('DOWNLOAD_LIMIT', { limit: e.downloadLimit });
  const file = await currentFile(ctx, e);
  // The link first: a storage failure must not use up a download.
  const url = await tempUrl(file.fileID);
  if (!url) return fail('DOWNLOAD_NOT_AVAILABLE', { reason: 'file missing' });
  const _ = ctx.db.command;
  const res = await ctx.db.collection(COLLECTIONS.entitlements)
    .where({ _id: id, revokedAt: null, downloads: _.lt(e.downloadLimit) })
    .update({ data: { downloads: _.inc(1), lastDownloadAt: ctx.now, fileID: file.fileID, fileName: file.fileName, version: file.version } });
  if (updatedCount(res) !== 1) return fail('DOWNLOAD_LIMIT', { limit: e.downloadLimit });
  return ok({
    url,
    expiresAt: ctx.now + DOWNLOAD_LINK_MAX_AGE_S * 1000,
    fileName: file.fileName,
    version: file.version,
    // Another tap may have taken one meanwhile; this is the count as of this download.
    remaining: Math.max(0, e.downloadLimit - e.downloads - 1),
  });
}
