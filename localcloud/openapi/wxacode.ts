// wxacode.getUnlimited: the real service draws a 小程序码 that opens `page` with `scene`; the local
// cloud draws a real QR code (PNG) carrying the same two values, so a test or a phone can read them.
// Parameter rules of the official API: scene ≤ 32 visible chars of a fixed set (40169), page without
// a leading slash (41030), width clamped to 280–1280 (default 430).
import QRCode from 'qrcode';
import { WxApiError, isObject } from './errors';
import { matrixToPng } from './png';

export const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];

export interface WxacodeRequest {
  scene: string;
  page: string;
  envVersion: string;
  width: number;
  lineColor: string;
  hyaline: boolean;
}

/** What the QR code says: the mini-program, the page and the scene (tests rebuild it to compare). */
export function wxacodeText(appId: string, req: Pick<WxacodeRequest, 'page' | 'scene' | 'envVersion'>): string {
  const q = new URLSearchParams({ page: req.page, scene: req.scene, env_version: req.envVersion });
  return `wxacode://${appId}?${q}`;
}

function hexByte(v: unknown): string {
  const n = Math.max(0, Math.min(255, Math.round(Number(v) || 0)));
  return n.toString(16).padStart(2, '0');
}

export function validateWxacode(p: Record<string, unknown>): WxacodeRequest {
  if (typeof p.scene !== 'string' || !SCENE.test(p.scene)) {
    throw new WxApiError(40169, 'invalid length for scene, or the data is not json string');
  }
  const page = p.page === undefined ? '' : p.page;
  if (typeof page !== 'string' || page.startsWith('/') || page.length > 128) throw new WxApiError(41030, 'invalid page');
  const envVersion = p.env_version === undefined ? 'release' : String(p.env_version);
  if (!ENV_VERSIONS.includes(envVersion)) throw new WxApiError(40097, 'invalid args');
  const asked = typeof p.width === 'number' ? p.width : 430;
  const width = Math.round(Math.max(280, Math.min(1280, asked)));
  const color = isObject(p.line_color) && p.auto_color !== true ? p.line_color : { r: 0, g: 0, b: 0 };
  const lineColor = `#${hexByte(color.r)}${hexByte(color.g)}${hexByte(color.b)}`;
  return { scene: p.scene, page, envVersion, width, lineColor, hyaline: p.is_hyaline === true };
}

/** The PNG: `width` × `width` pixels, transparent background when `is_hyaline`. */
export function renderWxacode(appId: string, req: WxacodeRequest): Buffer {
  const qr = QRCode.create(wxacodeText(appId, req), { errorCorrectionLevel: 'M' });
  const n = parseInt(req.lineColor.slice(1), 16);
  return matrixToPng(
    { size: qr.modules.size, get: (r, c) => Boolean(qr.modules.get(r, c)) },
    { width: req.width, margin: 2, dark: [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255], light: req.hyaline ? [255, 255, 255, 0] : [255, 255, 255, 255] },
  );
}

// wxacode.get and wxacode.createQRCode: codes for a fixed `path` (with its query), limited together
// to 100,000 codes per mini-program — 45029 once used up [DOC]. `path` is required: ≤ 1024 chars for
// wxacode.get, ≤ 128 bytes for createQRCode, else 40159 [DOC].
export const PATH_CODE_LIMIT = 100_000;
export type PathCodeApi = 'wxacode.get' | 'wxacode.createQRCode';

export interface PathCodeRequest {
  path: string;
  width: number;
  lineColor: string;
  hyaline: boolean;
  envVersion: string;
}

export function validatePathCode(api: PathCodeApi, p: Record<string, unknown>): PathCodeRequest {
  const path = p.path;
  const tooLong = typeof path === 'string' && (api === 'wxacode.get' ? path.length > 1024 : Buffer.byteLength(path) > 128);
  if (typeof path !== 'string' || path === '' || tooLong) {
    throw new WxApiError(40159, 'invalid length for path, or the data is not json string');
  }
  // createQRCode takes only path and width; the colour options are wxacode.get's.
  const base = validateWxacode({ ...(api === 'wxacode.get' ? p : { width: p.width }), scene: 'x', page: '' });
  return { path, width: base.width, lineColor: base.lineColor, hyaline: base.hyaline, envVersion: base.envVersion };
}

/** What a path code says (tests rebuild it to compare). */
export function pathCodeText(appId: string, api: PathCodeApi, path: string): string {
  return `${api === 'wxacode.get' ? 'wxacode' : 'qrcode'}://${appId}/${path}`;
}

export function renderPathCode(appId: string, api: PathCodeApi, req: PathCodeRequest): Buffer {
  const qr = QRCode.create(pathCodeText(appId, api, req.path), { errorCorrectionLevel: 'M' });
  const n = parseInt(req.lineColor.slice(1), 16);
  return matrixToPng(
    { size: qr.modules.size, get: (r, c) => Boolean(qr.modules.get(r, c)) },
    { width: req.width, margin: 2, dark: [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255], light: req.hyaline ? [255, 255, 255, 0] : [255, 255, 255, 255] },
  );
}
