// The shop poster (docs/product.md §6): shop name, logo and the mini-program code that shopAdmin.qrCode
// made with wxacode.getUnlimited (scene s=<code>, page pages/shop/index). One drawing routine for both
// builds: weapp draws on a Canvas 2D node and saves the picture to the album; h5 draws on an HTML canvas
// and offers it as a download.
import Taro from '@tarojs/taro';
import { callPrivate } from '../../privacy/privacy';
import { OT } from '../text';

export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1100;

/** The subset of CanvasRenderingContext2D used here (weapp's Canvas 2D context has the same methods). */
export interface Ctx2D {
  fillStyle: string | CanvasGradient | CanvasPattern;
  font: string;
  textAlign: CanvasTextAlign;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
  drawImage(image: CanvasImageSource, x: number, y: number, w: number, h: number): void;
  save(): void;
  restore(): void;
  beginPath(): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  clip(): void;
}

export interface PosterContent {
  shopName: string;
  shopCode: string;
  logo: CanvasImageSource | null;
  qr: CanvasImageSource;
}

const FONT = '"PingFang SC", "Noto Sans CJK SC", sans-serif';

export function drawPoster(ctx: Ctx2D, p: PosterContent): void {
  const W = POSTER_WIDTH;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, POSTER_HEIGHT);
  ctx.fillStyle = '#07c160';
  ctx.fillRect(0, 0, W, 380);
  // The logo in a white ring, or the shop's first character when there is no logo.
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  ctx.arc(W / 2, 150, 92, 0, Math.PI * 2);
  ctx.save();
  ctx.clip();
  ctx.fillRect(W / 2 - 92, 58, 184, 184);
  if (p.logo) ctx.drawImage(p.logo, W / 2 - 84, 66, 168, 168);
  else {
    ctx.fillStyle = '#07c160';
    ctx.font = `bold 96px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.fillText(p.shopName.slice(0, 1), W / 2, 184);
  }
  ctx.restore();
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold 48px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.fillText(p.shopName, W / 2, 318, W - 80);
  ctx.fillStyle = '#1d2129';
  ctx.font = `bold 36px ${FONT}`;
  ctx.fillText(OT.share.scanToShop, W / 2, 456);
  ctx.drawImage(p.qr, (W - 460) / 2, 500, 460, 460);
  ctx.fillStyle = '#8a8f99';
  ctx.font = `28px ${FONT}`;
  ctx.fillText(OT.share.code(p.shopCode), W / 2, 1020);
  ctx.fillText('开店 · 微信小程序', W / 2, 1066);
}

// ---------- h5 ----------

async function loadHtmlImage(url: string): Promise<HTMLImageElement> {
  // Fetched as a blob so the canvas stays exportable whatever the image's origin.
  const blob = await (await fetch(url)).blob();
  const src = URL.createObjectURL(blob);
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`cannot load ${url}`));
    img.src = src;
  });
}

/** Draws the poster in the page's document and returns it as a PNG data URL. */
export async function posterDataUrlH5(shopName: string, shopCode: string, logoUrl: string | null, qrUrl: string): Promise<string> {
  const [qr, logo] = await Promise.all([loadHtmlImage(qrUrl), logoUrl ? loadHtmlImage(logoUrl).catch(() => null) : Promise.resolve(null)]);
  const canvas = document.createElement('canvas');
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  drawPoster(canvas.getContext('2d') as unknown as Ctx2D, { shopName, shopCode, logo, qr });
  return canvas.toDataURL('image/png');
}

export function downloadH5(dataUrl: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

// ---------- weapp ----------

interface WeappCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): Ctx2D;
  createImage(): { src: string; onload: () => void; onerror: (e: unknown) => void };
}

async function localPath(fileID: string): Promise<string> {
  const res = await Taro.cloud.downloadFile({ fileID });
  return res.tempFilePath;
}

function weappImage(canvas: WeappCanvas, path: string): Promise<CanvasImageSource> {
  return new Promise((resolve, reject) => {
    const img = canvas.createImage();
    img.onload = () => resolve(img as unknown as CanvasImageSource);
    img.onerror = reject;
    img.src = path;
  });
}

/** Draws on the page's <Canvas type="2d" id={canvasId}> and returns the picture's temp file path. */
export async function posterFileWeapp(canvasId: string, shopName: string, shopCode: string, logoFileID: string | null, qrFileID: string): Promise<string> {
  const canvas = await new Promise<WeappCanvas>((resolve, reject) => {
    Taro.createSelectorQuery().select(`#${canvasId}`).fields({ node: true, size: true }).exec((res) => {
      const node = res?.[0]?.node as WeappCanvas | undefined;
      if (node) resolve(node);
      else reject(new Error('poster canvas not found'));
    });
  });
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const [qr, logo] = await Promise.all([
    localPath(qrFileID).then((p) => weappImage(canvas, p)),
    logoFileID ? localPath(logoFileID).then((p) => weappImage(canvas, p)).catch(() => null) : Promise.resolve(null),
  ]);
  drawPoster(canvas.getContext('2d'), { shopName, shopCode, logo, qr });
  const out = await Taro.canvasToTempFilePath({ canvas, fileType: 'png' } as unknown as Taro.canvasToTempFilePath.Option);
  return out.tempFilePath;
}

/** True when saved; false after callPrivate told the owner why not (or they backed out). */
export async function saveToAlbum(filePath: string): Promise<boolean> {
  return (await callPrivate('saveImageToPhotosAlbum', () => Taro.saveImageToPhotosAlbum({ filePath }))) !== null;
}
