// The WeChat Pay APIv3 sandbox: a production-shaped stand-in for api.mch.weixin.qq.com served by the
// local cloud (docs/wechat-contracts.md §4). Merchants and service providers are registered with their API
// public keys; every request's Authorization is verified (401 SIGN_ERROR otherwise, as WeChat answers);
// every answer and notify is signed with the sandbox's platform key, named by PUB_KEY_ID_… (public-key
// mode) or by the platform certificate's serial (certificate mode, GET /v3/certificates). Notifies go
// to the trade's notify_url with the v3 envelope, encrypted with the merchant's APIv3 key.
import { createPublicKey } from 'node:crypto';
import type { Route, RouteContext } from '../../http';
import type { InvokeOutcome } from '../../runtime/runtime';
import type { PaySandbox } from '../sandbox';
import type { Trade } from '../trades';
import { close, jsapi, query, refund, refundResource, tradeMerchant, transactionResource, type Mode, type V3Answer, type V3Merchant } from './orders';
import { encryptResource, lines, newPlatform, nonce, parseAuthorization, rfc3339, signedHeaders, verify, type Platform } from './wire';

const SKEW_S = 5 * 60;

export class V3Sandbox {
  private made: Platform | null = null;
  readonly merchants = new Map<string, V3Merchant>();

  constructor(private readonly pay: PaySandbox) {}

  /** Made on first use: an RSA key and a certificate cost ~0.1 s, and most clouds never speak v3. */
  get platform(): Platform {
    return (this.made ??= newPlatform(this.pay.cloud.now()));
  }

  register(m: V3Merchant): void {
    createPublicKey(m.publicKey); // refuse a key that does not parse
    if (Buffer.byteLength(m.apiV3Key, 'utf8') !== 32) throw new Error('apiV3Key must be 32 bytes');
    this.merchants.set(m.mchid, m);
  }

  serialFor(m: V3Merchant): string {
    return m.mode === 'certificate' ? this.platform.certSerial : this.platform.publicKeyId;
  }

  /** Send a signed answer. */
  private answer(ctx: RouteContext, m: V3Merchant | null, a: V3Answer): void {
    const body = a.body === null ? '' : JSON.stringify(a.body);
    const serial = m ? this.serialFor(m) : this.platform.publicKeyId;
    ctx.res.writeHead(a.status, {
      ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      'content-length': Buffer.byteLength(body), 'Request-ID': `08${nonce(12)}`,
      ...signedHeaders(this.platform, serial, body, this.pay.cloud.now()),
    });
    ctx.res.end(body);
  }

  /** §4.2: the caller, or the 401 WeChat Pay answers. */
  private async authenticate(ctx: RouteContext): Promise<{ m: V3Merchant; body: string } | null> {
    const raw = (await ctx.body(1024 * 1024)).toString('utf8');
    const auth = parseAuthorization(ctx.req.headers.authorization);
    const m = auth ? this.merchants.get(auth.mchid) : undefined;
    const fail = (message: string) => {
      this.answer(ctx, m ?? null, { status: 401, body: { code: 'SIGN_ERROR', message } });
      return null;
    };
    if (!auth) return fail('Authorization 头缺失或格式错误');
    if (!m) return fail(`商户号 ${auth.mchid} 不存在`);
    if (auth.serial_no !== m.serialNo) return fail('证书序列号 serial_no 与商户 API 证书不一致');
    if (!/^\d+$/.test(auth.timestamp) || Math.abs(this.pay.cloud.now() / 1000 - Number(auth.timestamp)) > SKEW_S) return fail('timestamp 与当前时间相差超过 5 分钟');
    const url = ctx.req.url ?? '';
    const message = lines(String(ctx.req.method), url, auth.timestamp, auth.nonce_str, raw);
    if (!verify(createPublicKey(m.publicKey), message, auth.signature)) return fail('错误的签名，验签失败');
    return { m, body: raw };
  }

  private handler(run: (m: V3Merchant, body: Record<string, unknown>, ctx: RouteContext) => V3Answer) {
    return async (ctx: RouteContext) => {
      const who = await this.authenticate(ctx);
      if (!who) return;
      let body: Record<string, unknown> = {};
      if (who.body) {
        try {
          body = JSON.parse(who.body) as Record<string, unknown>;
        } catch {
          return this.answer(ctx, who.m, { status: 400, body: { code: 'PARAM_ERROR', message: '请求体不是合法的 JSON' } });
        }
      }
      const a = run(who.m, body, ctx);
      this.pay.save();
      this.answer(ctx, who.m, a);
    };
  }

  private find(mode: Mode, m: V3Merchant, sub: string | undefined, outTradeNo: string): Trade | V3Answer | undefined {
    const where = tradeMerchant(mode, m, sub);
    if (!where.ok) return where.answer;
    const trade = this.pay.book.get(where.merchantId, outTradeNo);
    return trade?.v3?.mode === mode ? trade : undefined;
  }

  routes(): Route[] {
    const env = { now: () => this.pay.cloud.now(), book: this.pay.book };
    const isAnswer = (x: unknown): x is V3Answer => typeof x === 'object' && x !== null && 'status' in x;
    const modes: [Mode, string, (ctx: RouteContext, b: Record<string, unknown>) => string | undefined][] = [
      ['direct', '/v3/pay/transactions', () => undefined],
      ['partner', '/v3/pay/partner/transactions', (ctx, b) => ctx.url.searchParams.get('sub_mchid') ?? (b.sub_mchid as string | undefined)],
    ];
    const routes: Route[] = modes.flatMap(([mode, base, subOf]) => [
      { method: 'POST' as const, path: `${base}/jsapi`, handler: this.handler((m, b) => jsapi(env, mode, m, b)) },
      { method: 'GET' as const, path: `${base}/out-trade-no/:no`, handler: this.handler((m, b, ctx) => {
        const t = this.find(mode, m, subOf(ctx, b), ctx.params.no);
        return isAnswer(t) ? t : query(env, t);
      }) },
      { method: 'POST' as const, path: `${base}/out-trade-no/:no/close`, handler: this.handler((m, b, ctx) => {
        const t = this.find(mode, m, subOf(ctx, b), ctx.params.no);
        return isAnswer(t) ? t : close(env, t);
      }) },
    ]);
    const refundTrade = (m: V3Merchant, sub: string | undefined, outTradeNo: string) => {
      const partner = this.find('partner', m, sub, outTradeNo);
      return sub ? partner : this.find('direct', m, undefined, outTradeNo);
    };
    routes.push(
      { method: 'POST', path: '/v3/refund/domestic/refunds', handler: this.handler((m, b) => {
        const t = refundTrade(m, b.sub_mchid as string | undefined, String(b.out_trade_no ?? ''));
        if (isAnswer(t)) return t;
        const out = refund(env, t, b);
        if (out.created && t) this.pay.scheduleRefund(t, out.created);
        return out.answer;
      }) },
      { method: 'GET', path: '/v3/refund/domestic/refunds/:no', handler: this.handler((m, _b, ctx) => {
        const sub = ctx.url.searchParams.get('sub_mchid') ?? undefined;
        const hit = this.pay.book.refundByOutRefundNo(ctx.params.no);
        const ours = hit?.trade.v3 && hit.trade.v3.mchid === m.mchid && (!sub || hit.trade.subMchId === sub);
        if (!hit || !ours) return { status: 404, body: { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' } };
        return { status: 200, body: refundResource(hit.trade, hit.refund) };
      }) },
      { method: 'GET', path: '/v3/certificates', handler: this.handler((m) => ({
        status: 200,
        body: { data: [{
          serial_no: this.platform.certSerial, effective_time: rfc3339(this.pay.cloud.now() - 86_400_000), expire_time: rfc3339(this.pay.cloud.now() + 5 * 365 * 86_400_000),
          encrypt_certificate: encryptResource(m.apiV3Key, this.platform.certificatePem, 'certificate'),
        }] },
      })) },
    );
    return routes;
  }

  /** The v3 notify envelope for a pay or refund job (fresh id, nonce and signature on every attempt). */
  envelope(trade: Trade, kind: 'pay' | 'refund', outRefundNo?: string): Record<string, unknown> {
    const now = this.pay.cloud.now();
    if (kind === 'pay') {
      return { event_type: 'TRANSACTION.SUCCESS', summary: '支付成功', original_type: 'transaction', plain: transactionResource(trade, now) };
    }
    const r = trade.refunds.find((x) => x.outRefundNo === outRefundNo)!;
    const status = r.status === 'SUCCESS' ? 'SUCCESS' : r.status === 'REFUNDCLOSE' ? 'CLOSED' : 'ABNORMAL';
    const res = refundResource(trade, r);
    return { event_type: `REFUND.${status}`, summary: '退款成功', original_type: 'refund', plain: { ...res, refund_status: status } };
  }

  /** POST one notify to its notify_url; 200/204 is received, anything else is retried (§4.4). */
  async deliver(url: string, job: Record<string, unknown>, tamper: Tamper = {}): Promise<InvokeOutcome> {
    const m = this.merchants.get(String(job.mchid));
    const requestId = `notify-${nonce(6)}`;
    if (!m) return { requestId, ok: true, result: { errcode: -1, errmsg: `merchant ${String(job.mchid)} is not registered` } };
    const plain = { ...(job.plain as Record<string, unknown>), ...(tamper.plain ?? {}) };
    const now = this.pay.cloud.now();
    const resource = encryptResource(m.apiV3Key, JSON.stringify(plain), String(job.original_type));
    if (tamper.ciphertext) resource.ciphertext = flipByte(resource.ciphertext);
    const body = JSON.stringify({
      id: `EV-${nonce(10)}`, create_time: rfc3339(now), resource_type: 'encrypt-resource', event_type: job.event_type, summary: job.summary,
      resource: { original_type: job.original_type, ...resource },
    });
    const headers = signedHeaders(tamper.platform ?? this.platform, tamper.serial ?? this.serialFor(m), body, now + (tamper.skewMs ?? 0));
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(10_000) });
      const text = await res.text();
      const ok = res.status === 200 || res.status === 204;
      return { requestId, ok: true, result: ok ? { errcode: 0, status: res.status } : { errcode: res.status, status: res.status, body: text.slice(0, 300) } };
    } catch (err) {
      return { requestId, ok: true, result: { errcode: -1, errmsg: String((err as Error).message) } };
    }
  }
}

export interface Tamper {
  plain?: Record<string, unknown>;
  ciphertext?: boolean;
  serial?: string;
  skewMs?: number;
  platform?: Platform;
}

function flipByte(b64: string): string {
  const buf = Buffer.from(b64, 'base64');
  buf[0] ^= 0x01;
  return buf.toString('base64');
}
