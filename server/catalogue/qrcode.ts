// The shop's mini-program code for the poster (docs/product.md §6): wxacode.getUnlimited with the shop
// code as `scene` (ids.ts shopScene, ≤ 32 characters) opening pages/shop/index, stored in cloud storage
// under a path fixed per shop (so asking again overwrites the same file rather than piling up copies)
// and returned as fileID + temp URL. The image is drawn on every call: it is asked for rarely, and
// ShopDoc keeps no fileID for it.
import type { Payload } from '../../core/contracts/registry';
import type { QrCodeResult } from '../../core/contracts/views';
import { ok, type Result } from '../../core/errors';
import { shopScene } from '../../core/ids';
import type { ShopDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import { sdk } from '../wechat/sdk';
import { accessibleShop } from '../store/shops';
import { resolveImageUrls } from '../wechat/images';

export const SHOP_PAGE = 'pages/shop/index';
/** A poster is printed: the widest code the API draws (docs/wechat-contracts.md §1.7 clamps width to 280–1280). */
const QR_WIDTH = 1280;

export function qrCloudPath(shop: Pick<ShopDoc, '_id' | 'code'>): string {
  return `shops/${shop._id}/wxacode-${shop.code}.png`;
}

export async function qrCode(p: Payload<'shopAdmin', 'qrCode'>, ctx: OperationContext): Promise<Result<QrCodeResult>> {
  const owned = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'qrCode');
  if (!owned.ok) return owned;
  const shop = owned.data;
  const scene = shopScene(shop.code);
  const path = qrCloudPath(shop);
  const cloud = sdk();

  // checkPath false: the page need not be published yet (trial and development versions share the code).
  const code = (await cloud.openapi.wxacode.getUnlimited({ scene, page: SHOP_PAGE, width: QR_WIDTH, checkPath: false })) as {
    buffer: Buffer;
  };
  const uploaded = await cloud.uploadFile({ cloudPath: path, fileContent: Buffer.from(code.buffer) });
  const url = (await resolveImageUrls([uploaded.fileID])).get(uploaded.fileID);
  if (!url) throw new Error(`the uploaded QR code ${uploaded.fileID} has no temp URL`);
  return ok({ scene, page: SHOP_PAGE, fileID: uploaded.fileID, tempFileURL: url });
}
