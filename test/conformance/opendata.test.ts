// Conformance: open data by CloudID (docs/wechat-contracts.md §1.7a) — cloud.getOpenData({ list }) and a
// wx.cloud.CloudID passed in a client call's data, as a getPhoneNumber flow uses them. The control API
// mints the CloudIDs the mini-program would get from WeChat.
import { cloudId } from '../../localcloud/control/client';
import { localOnly, startTarget, value, type Target } from './target';

const BUYER = 'oOPEN_BUYER';
const PHONE = { phoneNumber: '+86 138 0013 8000', purePhoneNumber: '13800138000', countryCode: '86' };
let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(() => t.close());
beforeEach(() => t.control.reset());

describe('§1.7a open data', () => {
  localOnly('§1.7a cloud.getOpenData({list}) → {list: [{cloudID, data}]} with the watermark of this mini-program', async () => {
    const { cloudID } = await t.control.mintCloudId(BUYER, PHONE);
    const r = value(await t.run<{ list: unknown[]; errMsg: string }>('return await cloud.getOpenData({ list: event.ids })', { openid: BUYER, event: { ids: [cloudID] } }));
    expect(r.errMsg).toBe('getOpenData:ok');
    expect(r.list).toEqual([{ cloudID, data: { ...PHONE, watermark: { appid: t.appId, timestamp: expect.any(Number) } } }]);
  });

  localOnly('§1.7a a CloudID in a client call is swapped for its data at the top level only; nested ones arrive as the id string', async () => {
    const { cloudID } = await t.control.mintCloudId(BUYER, PHONE);
    const nested = (await t.control.mintCloudId(BUYER, { x: 1 })).cloudID;
    const reply = await t.invoke<{ value: Record<string, unknown> }>('probe', { code: 'return event', phone: cloudId(cloudID), obj: { share: cloudId(nested) } }, BUYER);
    if (!reply.ok) throw new Error(reply.errMsg);
    expect(reply.result.value.phone).toEqual({ cloudID, data: expect.objectContaining(PHONE) });
    expect(reply.result.value.obj).toEqual({ share: nested });
  });

  localOnly('§1.7a expired (5 min), unknown and another user’s CloudIDs give -601006, -601005, -601007 objects', async () => {
    const { cloudID } = await t.control.mintCloudId(BUYER, PHONE);
    const other = (await t.control.mintCloudId('oSOMEONE_ELSE', PHONE)).cloudID;
    const r = value(await t.run<{ list: Record<string, unknown>[] }>('return await cloud.getOpenData({ list: event.ids })', { openid: BUYER, event: { ids: ['27_bogus', other] } }));
    expect(r.list.map((i) => i.errCode)).toEqual([-601005, -601007]);
    await t.control.advanceClock(5 * 60_000);
    const reply = await t.invoke<{ value: Record<string, unknown> }>('probe', { code: 'return event', phone: cloudId(cloudID) }, BUYER);
    if (!reply.ok) throw new Error(reply.errMsg);
    expect(reply.result.value.phone).toEqual({ cloudID, errCode: -601006, errMsg: 'cloudID expired.' });
  });
});
