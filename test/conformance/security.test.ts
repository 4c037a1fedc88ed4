// Conformance: content security (docs/wechat-contracts.md §7a) through the real wx-server-sdk — text (v1 and
// v2 shapes), images, and async media checks whose verdict arrives later as a wxa_media_check push.
// The sandbox judges by rules the test sets (a word, an image hash, a URL; "review" then "pass").
import { createHash } from 'node:crypto';
import { failure, localOnly, startTarget, value, type Target } from './target';

const USER = 'oSEC_USER_1';
let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(() => t.close());
beforeEach(() => t.control.reset());

type Reply = Record<string, unknown>;
const msg = (args: Reply) => t.run<Reply>('return await cloud.openapi.security.msgSecCheck(event.args)', { openid: USER, event: { args } });

describe('§7a security.msgSecCheck', () => {
  localOnly('§7a v2: pass, review then pass, risky — each with suggest, label, detail and trace_id', async () => {
    await t.control.securityRules([{ word: '加微信', verdicts: ['review', 'pass'], label: 10001 }, { word: '赌博', verdicts: ['risky'], label: 20006 }]);
    const v2 = (content: string) => msg({ content, version: 2, scene: 2, openid: USER });
    const ok = value(await v2('好吃的面包'));
    expect(ok).toMatchObject({ errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest: 'pass', label: 100 }, traceId: expect.any(String) });
    expect(ok.detail).toEqual([expect.objectContaining({ strategy: 'content_model', suggest: 'pass', label: 100 })]);
    expect(value(await v2('想要加微信')).result).toEqual({ suggest: 'review', label: 10001 });
    expect(value(await v2('想要加微信')).result).toEqual({ suggest: 'pass', label: 100 });
    expect(value(await v2('网上赌博')).result).toEqual({ suggest: 'risky', label: 20006 });
  });

  localOnly('§7a v1: ok, or 87014 risky content', async () => {
    await t.control.securityRules([{ word: '赌博', verdicts: ['risky'] }]);
    expect(value(await msg({ content: '好吃的面包' }))).toMatchObject({ errCode: 0 });
    expect(failure(await msg({ content: '网上赌博' })).errCode).toBe(87014);
  });

  test('§7a errors: 44002 empty, 40129 bad scene, 40003 bad openid, 43104 a user who never opened the mini-program', async () => {
    expect(failure(await msg({ content: '', version: 2, scene: 1, openid: USER })).errCode).toBe(44002);
    expect(failure(await msg({ content: '你好', version: 2, scene: 9, openid: USER })).errCode).toBe(40129);
    expect(failure(await msg({ content: '你好', version: 2, scene: 1, openid: '!' })).errCode).toBe(40003);
    expect(failure(await msg({ content: '你好', version: 2, scene: 1, openid: 'oNEVER_SEEN_USER' })).errCode).toBe(43104);
  });
});

describe('§7a security.imgSecCheck and security.mediaCheckAsync', () => {
  const image = Buffer.from('a picture that the test marks risky');

  localOnly('§7a imgSecCheck: an image whose SHA-256 a rule marks risky is 87014; another passes', async () => {
    await t.control.securityRules([{ sha256: createHash('sha256').update(image).digest('hex'), verdicts: ['risky'] }]);
    const check = (b64: string) => t.run<Reply>(
      "return await cloud.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value: Buffer.from(event.b64, 'base64') } })",
      { event: { b64 } });
    expect(failure(await check(image.toString('base64'))).errCode).toBe(87014);
    expect(value(await check(Buffer.from('fine').toString('base64')))).toMatchObject({ errCode: 0 });
  });

  localOnly('§7a mediaCheckAsync answers a trace_id now; the verdict arrives later as a wxa_media_check event to the configured function', async () => {
    await t.control.securityRules([{ url: 'avatar-9', verdicts: ['risky'], label: 20002 }], 'inbox');
    const r = value(await t.run<Reply>('return await cloud.openapi.security.mediaCheckAsync(event.args)', {
      openid: USER, event: { args: { mediaUrl: 'https://example.com/avatar-9.png', mediaType: 2, version: 2, scene: 1, openid: USER } },
    }));
    expect(r).toMatchObject({ errCode: 0, traceId: expect.any(String) });
    const pushes = () => t.run<Reply[]>("return (await db.collection('conf_items').where({ kind: 'push' }).get()).data");
    expect(value(await pushes())).toEqual([]);
    await t.control.advanceClock(30_000);
    const [push] = value(await pushes());
    expect(push.event).toMatchObject({
      Event: 'wxa_media_check', MsgType: 'event', trace_id: r.traceId, version: 2, appid: t.appId,
      result: { suggest: 'risky', label: 20002 }, detail: [expect.objectContaining({ suggest: 'risky' })],
    });
  });
});
