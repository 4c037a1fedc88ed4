// Content security (内容安全, docs/wechat-contracts.md §7a): security.msgSecCheck (v1 and v2),
// security.imgSecCheck and security.mediaCheckAsync, whose verdict arrives later as a
// `wxa_media_check` message-push event to the function the environment names. Nothing is judged by
// meaning here: the sandbox follows rules a test sets (POST /control/security/rules) — a word in the
// text, the SHA-256 of an image, a media URL — each with a sequence of verdicts ("review" then
// "pass"), so flows that resubmit after a review can be exercised.
import { createHash, randomBytes } from 'node:crypto';
import { WxApiError, isObject } from './errors';

export type Suggest = 'pass' | 'review' | 'risky';
export interface SecurityRule {
  /** Matches text containing this word. */
  word?: string;
  /** Matches an image (imgSecCheck, or a mediaCheckAsync URL served by this local cloud) with this SHA-256 hex. */
  sha256?: string;
  /** Matches a mediaCheckAsync URL containing this text. */
  url?: string;
  /** Verdicts for successive matching checks; the last one repeats. */
  verdicts: Suggest[];
  /** `label` reported with a non-pass verdict (20001 时政, 20002 色情, 20006 违法犯罪 …). Default 21000 (其他). */
  label?: number;
}
interface Verdict {
  suggest: Suggest;
  label: number;
}

/** Limits of the v2 text check [DOC]: content ≤ 2500 characters; scene 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export const MAX_CONTENT_CHARS = 2500;
const SCENES = [1, 2, 3, 4];
const OPENID = /^[A-Za-z0-9_-]{6,64}$/;

export class ContentSecurity {
  private rules: (SecurityRule & { hits: number })[] = [];

  setRules(rules: SecurityRule[]): void {
    this.rules = rules.map((r) => ({ ...r, hits: 0 }));
  }

  list(): SecurityRule[] {
    return this.rules.map(({ hits: _hits, ...r }) => r);
  }

  /** The verdict for a piece of content; the first matching rule decides and advances. */
  judge(subject: { text?: string; sha256?: string; url?: string }): Verdict {
    const rule = this.rules.find((r) =>
      (r.word !== undefined && subject.text?.includes(r.word))
      || (r.sha256 !== undefined && subject.sha256 === r.sha256.toLowerCase())
      || (r.url !== undefined && subject.url?.includes(r.url)));
    if (!rule || rule.verdicts.length === 0) return { suggest: 'pass', label: 100 };
    const suggest = rule.verdicts[Math.min(rule.hits++, rule.verdicts.length - 1)];
    return { suggest, label: suggest === 'pass' ? 100 : rule.label ?? 21000 };
  }

  /** security.msgSecCheck: v1 answers ok or 87014; v2 always answers with a verdict. */
  msgSecCheck(p: Record<string, unknown>, knownUser: (openid: string) => boolean): Record<string, unknown> {
    if (typeof p.content !== 'string' || p.content === '') throw new WxApiError(44002, 'empty post data');
    if (p.content.length > MAX_CONTENT_CHARS) throw new WxApiError(47001, 'data format error');
    const text = [p.title, p.nickname, p.signature, p.content].filter((s) => typeof s === 'string').join('\n');
    if (p.version !== 2 && p.version !== '2') {
      if (this.judge({ text }).suggest === 'risky') throw new WxApiError(87014, 'risky content');
      return {};
    }
    if (!SCENES.includes(Number(p.scene))) throw new WxApiError(40129, 'invalid scene');
    if (typeof p.openid !== 'string' || !OPENID.test(p.openid)) throw new WxApiError(40003, 'invalid openid');
    // "用户需在近两小时访问过小程序": here, a user who has called a function of this local cloud.
    if (!knownUser(p.openid)) throw new WxApiError(43104, 'appid and openid not match');
    return this.v2Reply(this.judge({ text }));
  }

  /** security.imgSecCheck: the image bytes arrive as a media part. */
  imgSecCheck(p: Record<string, unknown>): Record<string, unknown> {
    if (!Buffer.isBuffer(p.media) || p.media.length === 0) throw new WxApiError(44002, 'empty post data');
    if (this.judge({ sha256: sha256(p.media) }).suggest === 'risky') throw new WxApiError(87014, 'risky content');
    return {};
  }

  /** Validate a mediaCheckAsync request; the verdict is produced later by mediaEvent(). */
  mediaCheckRequest(p: Record<string, unknown>, knownUser: (openid: string) => boolean): { traceId: string; url: string; version: number } {
    if (typeof p.media_url !== 'string' || !/^https?:\/\//.test(p.media_url)) throw new WxApiError(40097, 'invalid args');
    if (p.media_type !== 1 && p.media_type !== 2) throw new WxApiError(40097, 'invalid args');
    const version = p.version === 2 || p.version === '2' ? 2 : 1;
    if (version === 2) {
      if (!SCENES.includes(Number(p.scene))) throw new WxApiError(40129, 'invalid scene');
      if (typeof p.openid !== 'string' || !OPENID.test(p.openid)) throw new WxApiError(40003, 'invalid openid');
      if (!knownUser(p.openid)) throw new WxApiError(43104, 'appid and openid not match');
    }
    return { traceId: traceId(), url: p.media_url, version };
  }

  /** The `wxa_media_check` push event for a finished check [DOC shapes of v1 and v2]. */
  mediaEvent(job: { traceId: string; url: string; version: number; appId: string; at: number }, content: Buffer | undefined): Record<string, unknown> {
    const verdict = this.judge({ url: job.url, sha256: content ? sha256(content) : undefined });
    const head = { ToUserName: `gh_${job.appId.slice(2, 14)}`, FromUserName: 'oPlatformMediaCheck', CreateTime: Math.floor(job.at / 1000), MsgType: 'event', Event: 'wxa_media_check', appid: job.appId, trace_id: job.traceId };
    if (job.version === 1) return { ...head, isrisky: verdict.suggest === 'risky' ? 1 : 0, extra_info_json: '', status_code: 0 };
    return { ...head, version: 2, ...this.v2Reply(verdict), trace_id: job.traceId, errcode: 0, errmsg: 'ok' };
  }

  private v2Reply(v: Verdict): Record<string, unknown> {
    return {
      result: { suggest: v.suggest, label: v.label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: v.suggest, label: v.label, prob: v.suggest === 'pass' ? 0 : 90 }],
      trace_id: traceId(),
    };
  }

  reset(): void {
    this.rules = [];
  }
}

export function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

function traceId(): string {
  return `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

/** Rules from the control API, checked. */
export function parseRules(body: unknown): SecurityRule[] {
  const list = isObject(body) ? body.rules : undefined;
  if (!Array.isArray(list)) throw new Error('rules must be an array');
  return list.map((r, i) => {
    if (!isObject(r)) throw new Error(`rules[${i}] must be an object`);
    const verdicts = r.verdicts ?? (r.suggest !== undefined ? [r.suggest] : undefined);
    if (!Array.isArray(verdicts) || verdicts.length === 0 || verdicts.some((v) => !['pass', 'review', 'risky'].includes(v as string))) {
      throw new Error(`rules[${i}].verdicts must be a non-empty list of pass | review | risky`);
    }
    if (![r.word, r.sha256, r.url].some((m) => typeof m === 'string' && m !== '')) throw new Error(`rules[${i}] needs a word, sha256 or url to match`);
    return { word: r.word as string | undefined, sha256: r.sha256 as string | undefined, url: r.url as string | undefined, verdicts: verdicts as Suggest[], label: typeof r.label === 'number' ? r.label : undefined };
  });
}
