// Owner uploads (logo, product photos, digital files) to cloud storage, returning cloud:// fileIDs that
// shopAdmin stores (docs/wechat-contracts.md §1.6). weapp: wx.cloud.uploadFile from the chosen temp file. h5: the
// local cloud's client upload, POST <cloud>/gateway/upload?cloudPath=… with the bytes and the persona's
// openid (localcloud/storage/routes.ts), which answers {fileID, statusCode, errMsg: 'uploadFile:ok'}.
import Taro from '@tarojs/taro';
import { cloudEnv, cloudUrl, isH5 } from '../../env';
import { callPrivate } from '../../privacy/privacy';
import { currentOpenid } from '../../stores/session';

export interface Chosen {
  /** A temp path in weapp, a blob: URL in h5. */
  path: string;
  name: string;
  /** h5 only: the File itself (no blob URL round trip needed). */
  file?: Blob;
}

export class UploadError extends Error {}

const random = () => Math.random().toString(36).slice(2, 8);

function extensionOf(name: string, fallback: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1].toLowerCase() : fallback;
}

/**
 * Where a file goes: a folder of its shop (core/contracts/storage.ts shopFolder: logo, products or files;
 * the server refuses fileIDs from anywhere else), then a time-ordered unique name.
 */
export function cloudPathFor(folder: string, name: string, fallbackExt = 'jpg', now = Date.now()): string {
  return `${folder}/${now}-${random()}.${extensionOf(name, fallbackExt)}`;
}

/** Pictures from the album or camera; an empty list when the owner backs out. */
export async function chooseImages(count: number): Promise<Chosen[]> {
  const res = await callPrivate('chooseImage', () => Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] }));
  if (!res) return [];
  const files = (res.tempFiles ?? []) as { path: string; originalFileObj?: Blob }[];
  return res.tempFilePaths.map((path, i) => ({ path, name: path, file: files[i]?.originalFileObj }));
}

/** A document to sell: from a chat in weapp (chooseMessageFile); a file picker in h5. */
export async function chooseDocument(): Promise<Chosen | null> {
  if (isH5()) {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.style.display = 'none';
      input.onchange = () => {
        const file = input.files?.[0];
        input.remove();
        resolve(file ? { path: URL.createObjectURL(file), name: file.name, file } : null);
      };
      document.body.appendChild(input);
      input.click();
    });
  }
  const res = await callPrivate('chooseMessageFile', () => Taro.chooseMessageFile({ count: 1, type: 'file' }));
  const f = res?.tempFiles[0];
  return f ? { path: f.path, name: f.name } : null;
}

async function viaGateway(cloudPath: string, chosen: Chosen): Promise<string> {
  const body = chosen.file ?? (await (await fetch(chosen.path)).blob());
  const res = await fetch(`${cloudUrl()}/gateway/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': currentOpenid() },
    body,
  });
  const reply = (await res.json().catch(() => null)) as { fileID?: string; errMsg?: string } | null;
  if (!res.ok || !reply?.fileID) throw new UploadError(reply?.errMsg ?? `upload failed (${res.status})`);
  return reply.fileID;
}

/** Uploads one chosen file under `folder` and returns its cloud:// fileID. */
export async function uploadChosen(folder: string, chosen: Chosen, fallbackExt = 'jpg'): Promise<string> {
  const cloudPath = cloudPathFor(folder, chosen.name, fallbackExt);
  if (isH5()) return viaGateway(cloudPath, chosen);
  // The console may upload (a new shop's logo) before any function call has initialised wx.cloud;
  // init is idempotent.
  Taro.cloud.init({ env: cloudEnv(), traceUser: true });
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: chosen.path });
    return res.fileID;
  } catch (err) {
    throw new UploadError(String((err as { errMsg?: string })?.errMsg ?? err));
  }
}
