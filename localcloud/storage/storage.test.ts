// Cloud storage over the wire, as @cloudbase/node-sdk (inside wx-server-sdk) speaks it: the admin
// actions with their real bodies, then plain HTTP to the URLs they hand out (docs/wechat-contracts.md §1.6).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStandaloneStorage, type StandaloneStorage } from './standalone';
import { DEFAULT_TEMP_URL_MAX_AGE_SEC, MAX_FILES_PER_CALL } from './storage';

let s: StandaloneStorage;
beforeEach(async () => {
  s = await startStandaloneStorage();
});
afterEach(() => s.close());

interface UrlItem { fileID: string; code: string; tempFileURL: string; maxAge: number; message?: string }
/** A storage reply: `data` on success, `code` + `message` on failure, always a requestId. */
interface Reply {
  requestId: string;
  code?: string;
  message?: string;
  data: { url: string; fileId: string; download_list: UrlItem[]; delete_list: { fileID: string; code: string }[] };
}

async function admin(action: string, params: Record<string, unknown>, inv?: string): Promise<Reply> {
  const res = await fetch(`${s.url}/admin?env=local-env&seqId=1${inv ? `&inv=${inv}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, ...params, envName: 'local-env' }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Reply;
}

/** The SDK's upload: metadata, then a PUT of the bytes to the URL it names. */
async function upload(cloudPath: string, content: string, inv?: string): Promise<string> {
  const meta = await admin('storage.getUploadMetadata', { path: cloudPath, method: 'put' }, inv);
  const put = await fetch(meta.data.url, { method: 'PUT', body: content });
  expect(put.status).toBe(200);
  expect(await put.text()).toBe(''); // the SDK reads an empty body as success, XML as an error
  return meta.data.fileId;
}

async function tempUrls(fileList: { fileid: string; max_age?: number }[]) {
  return (await admin('storage.batchGetDownloadUrl', { file_list: fileList })).data.download_list;
}

describe('upload', () => {
  it('answers getUploadMetadata with every field the SDK destructures, and the PUT stores the bytes', async () => {
    const meta = await admin('storage.getUploadMetadata', { path: 'a/b.txt', method: 'put' });
    expect(Object.keys(meta.data).sort()).toEqual(['authorization', 'cosFileId', 'download_url', 'fileId', 'token', 'url']);
    expect(meta.requestId).toEqual(expect.any(String));
    expect(s.storage.read(meta.data.fileId)).toBeUndefined(); // nothing until the bytes arrive
    await fetch(meta.data.url, { method: 'PUT', body: 'hi' });
    expect(s.storage.read(meta.data.fileId)?.toString()).toBe('hi');
  });

  it('records the WeChat user of the function that uploaded', async () => {
    s.invocations.set('inv1', { requestId: 'inv1', functionName: 'probe', source: 'wx_client', openid: 'oBUYER', appid: 'wx1' });
    const fileID = await upload('avatars/me.png', 'png', 'inv1');
    expect(s.storage.list()).toEqual([expect.objectContaining({ fileID, openid: 'oBUYER', size: 3 })]);
  });

  it('refuses an empty or folder cloudPath with INVALID_PARAM, which the SDK reports as the message', async () => {
    expect(await admin('storage.getUploadMetadata', { path: 'dir/', method: 'put' })).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringMatching(/folder/) });
    expect(await admin('storage.getUploadMetadata', { method: 'put' })).toMatchObject({ code: 'INVALID_PARAM' });
  });

  it('refuses a PUT with a forged token, and one after the upload URL expired, with COS XML errors', async () => {
    const meta = await admin('storage.getUploadMetadata', { path: 'late.txt', method: 'put' });
    const forged = await fetch(meta.data.url.replace(/\.[^.]+$/, '.AAAA'), { method: 'PUT', body: 'x' });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toMatch(/<Code>SignatureDoesNotMatch<\/Code>[\s\S]*<RequestId>[\s\S]*<TraceId>/);
    await s.clock.advance(11 * 60_000);
    const late = await fetch(meta.data.url, { method: 'PUT', body: 'x' });
    expect(late.status).toBe(403);
    expect(await late.text()).toMatch(/Request has expired/);
    expect(s.storage.list()).toEqual([]);
  });

  it('replaces the file when the same cloudPath is uploaded again, keeping the same fileID', async () => {
    const first = await upload('same.txt', 'v1');
    const second = await upload('same.txt', 'v2');
    expect(second).toBe(first);
    expect(s.storage.read(first)?.toString()).toBe('v2');
  });
});

describe('temp URLs', () => {
  it('are given per file with code SUCCESS and maxAge (default 86400 s), and serve the bytes', async () => {
    const fileID = await upload('docs/说明 1.txt', '你好');
    const [item] = await tempUrls([{ fileid: fileID }]);
    expect(item).toMatchObject({ fileID, code: 'SUCCESS', maxAge: DEFAULT_TEMP_URL_MAX_AGE_SEC });
    // The SDK fetches encodeURI(tempFileURL); a raw path with spaces and Chinese must survive that.
    const res = await fetch(encodeURI(item.tempFileURL));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('你好');
  });

  it('work until maxAge seconds have passed on the virtual clock, then answer 403 "Request has expired"', async () => {
    const fileID = await upload('soon.txt', 'x');
    const [item] = await tempUrls([{ fileid: fileID, max_age: 60 }]);
    await s.clock.advance(59_000);
    expect((await fetch(item.tempFileURL)).status).toBe(200);
    await s.clock.advance(1_000);
    const expired = await fetch(item.tempFileURL);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/<Code>AccessDenied<\/Code>\s*<Message>Request has expired/);
  });

  it('never outlive a day, whatever maxAge is asked for', async () => {
    const fileID = await upload('long.txt', 'x');
    const [item] = await tempUrls([{ fileid: fileID, max_age: 7 * 86400 }]);
    expect(item.maxAge).toBe(86400);
    await s.clock.advance(86400_000);
    expect((await fetch(item.tempFileURL)).status).toBe(403);
  });

  it('report a missing file per item (STORAGE_FILE_NONEXIST, empty URL) without failing the others', async () => {
    const fileID = await upload('here.txt', 'x');
    const missing = fileID.replace('here.txt', 'gone.txt');
    const list = await tempUrls([{ fileid: missing }, { fileid: fileID }, { fileid: 'not-a-file-id' }]);
    expect(list.map((i) => i.code)).toEqual(['STORAGE_FILE_NONEXIST', 'SUCCESS', 'STORAGE_FILE_NONEXIST']);
    expect(list[0]).toMatchObject({ fileID: missing, tempFileURL: '', message: 'storage file not exists' });
  });

  it('survive a raw "%" typed into the path (served, and the server stays up)', async () => {
    const url = s.storage.tempUrl(s.storage.write('100%.txt', Buffer.from('pct')))!;
    expect(url.endsWith('/100%25.txt')).toBe(true);
    expect(await (await fetch(url.replace('%25', '%'))).text()).toBe('pct');
    expect((await fetch(url)).status).toBe(200);
  });

  it('stop working once the file is deleted (404 NoSuchKey)', async () => {
    const fileID = await upload('del.txt', 'x');
    const [item] = await tempUrls([{ fileid: fileID }]);
    s.storage.remove(fileID);
    const res = await fetch(item.tempFileURL);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/NoSuchKey/);
  });

  it('refuse more than 50 files per call, and a non-positive max_age', async () => {
    const many = Array.from({ length: MAX_FILES_PER_CALL + 1 }, (_, i) => ({ fileid: `cloud://x/${i}` }));
    expect(await admin('storage.batchGetDownloadUrl', { file_list: many })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await admin('storage.batchGetDownloadUrl', { file_list: [{ fileid: 'a', max_age: -1 }] })).toMatchObject({ code: 'INVALID_PARAM' });
  });
});

describe('delete', () => {
  it('removes each file once: SUCCESS, then STORAGE_FILE_NONEXIST for the duplicate', async () => {
    const fileID = await upload('bye.txt', 'x');
    const res = await admin('storage.batchDeleteFile', { fileid_list: [fileID, fileID] });
    expect(res.data.delete_list).toEqual([
      { fileID, code: 'SUCCESS' },
      { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exists' },
    ]);
    expect(s.storage.exists(fileID)).toBe(false);
  });
});

describe('gateway upload (H5 client)', () => {
  it('stores the body at cloudPath as the x-wx-openid user and returns the fileID', async () => {
    const res = await fetch(`${s.url}/gateway/upload?cloudPath=${encodeURIComponent('用户/头像.png')}`, {
      method: 'POST', headers: { 'x-wx-openid': 'oH5' }, body: new Uint8Array([1, 2, 3]),
    });
    expect(res.status).toBe(200);
    const { fileID } = (await res.json()) as { fileID: string };
    expect(fileID).toMatch(/^cloud:\/\/local-env\.[0-9a-f]{4}-local-env-\d{10}\/用户\/头像\.png$/);
    expect([...(s.storage.read(fileID) ?? [])]).toEqual([1, 2, 3]);
    expect(s.storage.list()[0].openid).toBe('oH5');
  });

  it('answers 400 with an uploadFile:fail errMsg when cloudPath is missing', async () => {
    const res = await fetch(`${s.url}/gateway/upload`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errCode: -501007, errMsg: expect.stringMatching(/^uploadFile:fail cloudPath/) });
  });
});

describe('in-process API for the other parts', () => {
  it('writes, reads, and makes a temp URL that honours maxAge on the virtual clock', async () => {
    const fileID = s.storage.write('digital/book.pdf', Buffer.from('%PDF'));
    expect(s.storage.read(fileID)?.toString()).toBe('%PDF');
    const url = s.storage.tempUrl(fileID, 300)!;
    const ok = await fetch(url);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    await s.clock.advance(300_000);
    expect((await fetch(url)).status).toBe(403);
    expect(s.storage.tempUrl(fileID.replace('book', 'nope'))).toBeUndefined();
  });

  it('is empty after reset', () => {
    s.storage.write('a.txt', Buffer.from('a'));
    s.storage.reset();
    expect(s.storage.list()).toEqual([]);
  });
});

describe('durable storage', () => {
  it('keeps files and the temp URLs already handed out across a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-'));
    try {
      const first = await startStandaloneStorage({ dir });
      const fileID = first.storage.write('kept.txt', Buffer.from('still here'));
      const url = first.storage.tempUrl(fileID)!;
      await first.close();
      const second = await startStandaloneStorage({ dir });
      try {
        expect(second.storage.read(fileID)?.toString()).toBe('still here');
        // Same signing secret; only the port differs between the two servers.
        const moved = url.replace(/^http:\/\/127\.0\.0\.1:\d+/, second.url);
        expect(await (await fetch(moved)).text()).toBe('still here');
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
