// The WeChat DevTools cloud quick-start (quickstartFunctions, written here from its documented
// behaviour) running unmodified on the target: who am I, wxacode.get into cloud storage, a sample
// collection with insert/update/delete, a sum by aggregation, and an upload.
import { startTarget, type Target } from './target';

const USER = 'oQUICKSTART';
let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(() => t.close());

async function op<T = Record<string, unknown>>(type: string, data?: unknown, extra: Record<string, unknown> = {}): Promise<T> {
  const r = await t.invoke<T>('quickstartFunctions', { type, data, ...extra }, USER);
  if (!r.ok) throw new Error(`${type}: ${r.errCode} ${r.errMsg}`);
  return r.result;
}

test('quickstartFunctions: getOpenId, getMiniProgramCode, collection CRUD, sumRecord and an upload all behave as on WeChat Cloud', async () => {
  expect(await op('getOpenId')).toEqual({ openid: USER, appid: t.appId });

  const codeId = await op<string>('getMiniProgramCode');
  expect(codeId).toMatch(new RegExp(`^cloud://${t.envId}\\..*/code\\.png$`));
  const [code] = (await t.control.clientTempUrls([codeId], USER)).fileList;
  expect((await (await fetch(code.tempFileURL)).arrayBuffer()).byteLength).toBeGreaterThan(100);

  expect(await op('createCollection')).toEqual({ success: true });
  const listed = (await op<{ data: { _id: string; city: string; sales: number }[] }>('selectRecord')).data;
  expect(listed.map((r) => r.city).sort()).toEqual(['上海', '南京', '广州', '深圳']);
  expect(await op('sumRecord')).toMatchObject({ list: [{ _id: null, totalSales: 66 }] });

  const shanghai = listed.find((r) => r.city === '上海')!;
  await op('updateRecord', [{ _id: shanghai._id, sales: 100 }]);
  const inserted = await op<{ _id: string }>('insertRecord', { region: '华北', city: '北京', sales: '5' });
  await op('deleteRecord', { _id: listed.find((r) => r.city === '深圳')!._id });
  expect(await op('sumRecord')).toMatchObject({ list: [{ _id: null, totalSales: 66 - 11 + 100 + 5 - 22 }] });
  expect(inserted._id).toEqual(expect.any(String));

  const upload = await op<{ fileID: string; errMsg: string }>('uploadFile', undefined, { cloudPath: 'uploads/hello.txt', base64: Buffer.from('你好').toString('base64') });
  expect(upload).toMatchObject({ errMsg: 'uploadFile:ok', fileID: expect.stringMatching(/uploads\/hello\.txt$/) });
});
