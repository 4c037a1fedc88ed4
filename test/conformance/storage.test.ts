// Conformance: cloud storage through the real wx-server-sdk inside a real cloud function
// (docs/wechat-contracts.md §1.6). Each case states what the SDK gives back; the same cases would run
// unchanged against a real environment through the probe function.
import { failure, localOnly, startTarget, value, type Target } from './target';

let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(() => t.close());
beforeEach(() => t.control.reset());

interface TempItem { fileID: string; tempFileURL: string; maxAge: number; status: number; errMsg: string }

/** Upload `text` at `cloudPath` inside the probe and return the fileID. */
async function upload(cloudPath: string, text: string): Promise<string> {
  const r = await t.run<{ fileID: string }>(
    `return await cloud.uploadFile({ cloudPath: ${JSON.stringify(cloudPath)}, fileContent: Buffer.from(${JSON.stringify(text)}) })`,
  );
  return value(r).fileID;
}

async function tempUrl(fileID: string, maxAge: number): Promise<TempItem> {
  const r = await t.run<{ fileList: TempItem[] }>(`return await cloud.getTempFileURL({ fileList: [{ fileID: event.id, maxAge: ${maxAge} }] })`, { event: { id: fileID } });
  return value(r).fileList[0];
}

describe('uploadFile', () => {
  test('returns { fileID, statusCode, errMsg: "uploadFile:ok" }', async () => {
    const r = value(await t.run<Record<string, unknown>>("return await cloud.uploadFile({ cloudPath: 'a/b.txt', fileContent: Buffer.from('hi') })"));
    expect(Object.keys(r).sort()).toEqual(['errMsg', 'fileID', 'statusCode']);
    expect(r.errMsg).toBe('uploadFile:ok');
    // wx-server-sdk 4.0.2 reads statusCode from an onResponseReceived hook that node-sdk 3.x never
    // calls, so it is -1 against any backend [SRC].
    expect(r.statusCode).toBe(-1);
  });

  test('the fileID has the real format cloud://<env>.<hex>-<env>-<bucket>/<cloudPath>', async () => {
    const fileID = await upload('商品/封面 1.png', 'png');
    const env = value(await t.run<string>('return cloud.getWXContext().ENV'));
    const m = /^cloud:\/\/([^./]+)\.([0-9a-f]+)-([^/]+)-(\d{10})\/(.+)$/.exec(fileID);
    expect(m).not.toBeNull();
    expect([m![1], m![3], m![5]]).toEqual([env, env, '商品/封面 1.png']);
  });

  test('without fileContent fails with "Type of fileContent must be fs.ReadStream instead of undefined"', async () => {
    const e = failure(await t.run("return await cloud.uploadFile({ cloudPath: 'a/b.txt' })"));
    expect(e.errMsg).toBe('uploadFile:fail Type of fileContent must be fs.ReadStream instead of undefined');
    expect(e.errCode).toBe(-1);
  });
});

describe('downloadFile', () => {
  test('gives back the uploaded bytes as a Buffer with statusCode 200', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const fileID = value(await t.run<{ fileID: string }>(
      "return await cloud.uploadFile({ cloudPath: 'bin/x.bin', fileContent: Buffer.from(event.b64, 'base64') })", { event: { b64: bytes.toString('base64') } },
    )).fileID;
    const r = value(await t.run<Record<string, unknown>>(
      `const r = await cloud.downloadFile({ fileID: event.id });
       return { isBuffer: Buffer.isBuffer(r.fileContent), b64: r.fileContent.toString('base64'), statusCode: r.statusCode, errMsg: r.errMsg }`,
      { event: { id: fileID } },
    ));
    expect(r).toEqual({ isBuffer: true, b64: bytes.toString('base64'), statusCode: 200, errMsg: 'downloadFile:ok' });
  });

  test('of a missing file fails with "storage file not exists"', async () => {
    const fileID = await upload('there.txt', 'x');
    const e = failure(await t.run('return await cloud.downloadFile({ fileID: event.id })', { event: { id: fileID.replace('there', 'nowhere') } }));
    expect(e.errMsg).toBe('downloadFile:fail storage file not exists');
  });
});

describe('getTempFileURL', () => {
  test('returns { fileList: [{ fileID, tempFileURL, maxAge, status: 0, errMsg: "ok" }], errMsg: "getTempFileURL:ok" }', async () => {
    const fileID = await upload('t/a.txt', 'x');
    const r = value(await t.run<{ fileList: TempItem[]; errMsg: string }>('return await cloud.getTempFileURL({ fileList: [event.id] })', { event: { id: fileID } }));
    expect(r.errMsg).toBe('getTempFileURL:ok');
    expect(r.fileList).toEqual([{ fileID, tempFileURL: expect.stringMatching(/^https?:\/\//), maxAge: 86400, status: 0, errMsg: 'ok' }]);
  });

  test('object items must carry both fileID and maxAge', async () => {
    const e = failure(await t.run("return await cloud.getTempFileURL({ fileList: [{ fileID: 'cloud://x.y/z' }] })"));
    expect(e.errMsg).toBe('getTempFileURL:fail fileList 的元素如果是对象，必须是包含 fileID 和 maxAge 的对象');
  });

  test('a missing file gets status -503003, "storage file not exists" and an empty URL; the others still succeed', async () => {
    const fileID = await upload('t/here.txt', 'x');
    const missing = fileID.replace('here', 'gone');
    const r = value(await t.run<{ fileList: TempItem[] }>('return await cloud.getTempFileURL({ fileList: [event.missing, event.id] })', { event: { missing, id: fileID } }));
    expect(r.fileList[0]).toEqual({ fileID: missing, tempFileURL: '', maxAge: 86400, status: -503003, errMsg: 'storage file not exists' });
    expect(r.fileList[1]).toMatchObject({ fileID, status: 0, errMsg: 'ok' });
  });

  test('the temp URL serves the file, and stops working after maxAge seconds', async () => {
    const fileID = await upload('t/soon.txt', 'hello');
    const { tempFileURL } = await tempUrl(fileID, 120);
    const first = await fetch(encodeURI(tempFileURL));
    expect([first.status, await first.text()]).toEqual([200, 'hello']);
    await t.control.advanceClock(119_000);
    expect((await fetch(encodeURI(tempFileURL))).status).toBe(200);
    await t.control.advanceClock(1_000);
    expect((await fetch(encodeURI(tempFileURL))).status).toBe(403);
  });
});

describe('deleteFile', () => {
  test('returns { fileList: [{ fileID, status: 0, errMsg: "ok" }], errMsg: "deleteFile:ok" } and the file is gone', async () => {
    const fileID = await upload('d/a.txt', 'x');
    const r = value(await t.run<Record<string, unknown>>('return await cloud.deleteFile({ fileList: [event.id] })', { event: { id: fileID } }));
    expect(r).toEqual({ fileList: [{ fileID, status: 0, errMsg: 'ok' }], errMsg: 'deleteFile:ok' });
    const again = failure(await t.run('return await cloud.downloadFile({ fileID: event.id })', { event: { id: fileID } }));
    expect(again.errMsg).toBe('downloadFile:fail storage file not exists');
  });

  test('a file that is not there gets status -503003 per item', async () => {
    const fileID = await upload('d/once.txt', 'x');
    const r = value(await t.run<{ fileList: unknown[] }>('return await cloud.deleteFile({ fileList: [event.id, event.id] })', { event: { id: fileID } }));
    expect(r.fileList).toEqual([
      { fileID, status: 0, errMsg: 'ok' },
      { fileID, status: -503003, errMsg: 'storage file not exists' },
    ]);
  });

  test('a non-string item fails with "Type of fileList[i] must be string instead of …"', async () => {
    const e = failure(await t.run("return await cloud.deleteFile({ fileList: ['cloud://a.b/c', 42] })"));
    expect(e.errMsg).toBe('deleteFile:fail Type of fileList[1] must be string instead of number');
  });
});

describe('client uploads', () => {
  test('a file uploaded through the gateway is readable by a function with the same fileID', async () => {
    const { fileID } = await t.control.clientUpload('shops/s1/products/photo.jpg', Buffer.from('jpeg bytes'), 'oBUYER');
    const r = value(await t.run<string>('return (await cloud.downloadFile({ fileID: event.id })).fileContent.toString()', { event: { id: fileID } }));
    expect(r).toBe('jpeg bytes');
  });
});

describe('§1.6 §2.11 storage security rules (database/storage-rules.json) for client requests', () => {
  const OWNER = 'oSHOP_OWNER';
  const BUYER_ = 'oSOME_BUYER';
  localOnly('a client cannot read a file under /files/ (no temp URL: -503002); a function still can', async () => {
    const { fileID } = await t.control.upload('shops/s1/files/book.pdf', Buffer.from('%PDF paid content'), OWNER);
    for (const who of [BUYER_, OWNER]) {
      expect((await t.control.clientTempUrls([fileID], who)).fileList).toEqual([{ fileID, tempFileURL: '', maxAge: 86400, status: -503002, errMsg: 'storage permission denied' }]);
    }
    const download = await fetch(`${t.url}/gateway/download?fileID=${encodeURIComponent(fileID)}`, { headers: { 'x-wx-openid': OWNER } });
    expect(download.status).toBe(403);
    expect(value(await t.run<string>('return (await cloud.downloadFile({ fileID: event.id })).fileContent.toString()', { event: { id: fileID } }))).toBe('%PDF paid content');
  });

  localOnly('a product photo or a shop logo is readable by anyone', async () => {
    const photo = (await t.control.upload('shops/s1/photos/bun.jpg', Buffer.from('jpeg'), OWNER)).fileID;
    const [item] = (await t.control.clientTempUrls([photo], BUYER_)).fileList;
    expect(item).toMatchObject({ status: 0, errMsg: 'ok' });
    expect(await (await fetch(item.tempFileURL)).text()).toBe('jpeg');
  });

  // The rule language cannot ask who owns a shop (no get() in storage rules), so the rule keeps clients in
  // the shop folders and off each other's files; that the folder is the caller's own shop is checked by
  // the function that references the file (server/catalogue/files.ts, test/integration/file-access.test.ts).
  localOnly('a client writes only into a shop folder (logo, products, files), signed in, and never over another user’s file', async () => {
    await expect(t.control.clientUpload('uploads/a.png', Buffer.from('x'), OWNER)).rejects.toThrow(/403.*-503002 storage permission denied/);
    await expect(t.control.clientUpload('shops/s1/secrets/a.png', Buffer.from('x'), OWNER)).rejects.toThrow(/403/);
    await expect(t.control.clientUpload('shops/s1/products/a.png', Buffer.from('x'))).rejects.toThrow(/403/); // signed out
    const { fileID } = await t.control.clientUpload('shops/s1/logo/logo-1.png', Buffer.from('mine'), OWNER);
    await expect(t.control.clientUpload('shops/s1/logo/logo-1.png', Buffer.from('theirs'), BUYER_)).rejects.toThrow(/403/);
    expect(value(await t.run<string>('return (await cloud.downloadFile({ fileID: event.id })).fileContent.toString()', { event: { id: fileID } }))).toBe('mine');
  });

  // A buyer's avatar or after-sale photo: under buyers/<random>/ (the weapp client does not know its
  // openid), written only by its uploader, read by anyone (the owner sees it on the order).
  localOnly('a buyer writes under buyers/, never over another user’s file there; anyone reads it', async () => {
    await expect(t.control.clientUpload('buyers/k3x9/avatar.jpg', Buffer.from('x'))).rejects.toThrow(/403/); // signed out
    const { fileID } = await t.control.clientUpload('buyers/k3x9/avatar.jpg', Buffer.from('me'), BUYER_);
    await expect(t.control.clientUpload('buyers/k3x9/avatar.jpg', Buffer.from('not me'), OWNER)).rejects.toThrow(/403/);
    await expect(t.control.clientUpload('buyers/../shops/s1/logo/x.png', Buffer.from('x'), BUYER_)).rejects.toThrow(/403/);
    const [item] = (await t.control.clientTempUrls([fileID], OWNER)).fileList;
    expect(item).toMatchObject({ status: 0, errMsg: 'ok' });
    expect(await (await fetch(item.tempFileURL)).text()).toBe('me');
  });
});
