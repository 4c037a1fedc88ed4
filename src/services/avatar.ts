// A buyer's avatar from WeChat's 头像昵称填写 (<Button open-type="chooseAvatar">, a temp file path), uploaded
// under buyers/<random>/ (core/contracts/storage.ts BUYER_FOLDER; storage rules: only the uploader writes it).
import Taro from '@tarojs/taro';
import { BUYER_FOLDER } from '../../core/contracts/storage';
import { cloudUrl, isH5 } from '../env';
import { currentOpenid } from '../stores/session';

function folder(): string {
  const random = Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
  return `${BUYER_FOLDER}/${random}`;
}

export async function uploadAvatar(tempPath: string): Promise<string> {
  const cloudPath = `${folder()}/avatar.jpg`;
  if (isH5()) {
    const body = await (await fetch(tempPath)).blob();
    const res = await fetch(`${cloudUrl()}/gateway/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': currentOpenid() }, body,
    });
    const reply = (await res.json().catch(() => null)) as { fileID?: string } | null;
    if (!res.ok || !reply?.fileID) throw new Error('upload failed');
    return reply.fileID;
  }
  Taro.cloud.init({ traceUser: true });
  const res = await Taro.cloud.uploadFile({ cloudPath, filePath: tempPath });
  return res.fileID;
}
