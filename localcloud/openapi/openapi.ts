// The open API (云调用, docs/wechat-contracts.md §1.7): answers `action=wx.openApi` in the SDK's protobuf
// envelope for subscribeMessage.send, the three mini-program codes, wxa.sec.order.uploadShippingInfo
// and content security, after the permission check of config.json; and cloud.getOpenData, a svrkit
// call on the same action. What would leave for WeChat lands in the outbox.
import type { LocalCloud } from '../index';
import type { Route } from '../http';
import { HttpError, sendJson, sendText } from '../http';
import type { ActionMap, AdminCall, CloudModule } from '../types';
import { RawReply } from '../types';
import { permissionError } from './permissions';
import { decodeOpenDataRequest, decodeRequest, encodeOpenDataReply, encodeReply, encodeWxError } from './protocol';
import { WxApiError } from './errors';
import { Outbox, renderOutbox } from './outbox';
import { Subscriptions, validateSend } from './subscribe';
import { PATH_CODE_LIMIT, renderPathCode, renderWxacode, validatePathCode, validateWxacode } from './wxacode';
import { ContentSecurity } from './security';
import { OpenDataStore } from './opendata';
import { MediaChecks } from './mediacheck';
import { ShippingLedger } from './shipping';
import { OpenApiStore } from './persist';
import { openApiControlRoutes } from './control';

/** A successful WeChat reply: a JSON body or an image. */
export type WxReply = { json: Record<string, unknown> } | { binary: Buffer; contentType: string };

export const OPEN_APIS = [
  'subscribeMessage.send', 'wxacode.getUnlimited', 'wxacode.get', 'wxacode.createQRCode', 'wxa.sec.order.uploadShippingInfo',
  'security.msgSecCheck', 'security.imgSecCheck', 'security.mediaCheckAsync',
] as const;
/** The svrkit name cloud.getOpenData sends as apiName; it needs no config.json permission [DOC Cloud.getOpenData]. */
const GET_OPEN_DATA = 'ApiGetOpenDataByCloudId';
export type OpenApiName = (typeof OPEN_APIS)[number];

export class OpenApi implements CloudModule {
  readonly outbox = new Outbox();
  readonly subscriptions = new Subscriptions();
  readonly shipping = new ShippingLedger();
  readonly security = new ContentSecurity();
  readonly openData: OpenDataStore;
  readonly mediaChecks: MediaChecks;
  private msgSeq = 0;
  /** Codes made by wxacode.get + createQRCode (the 100,000 limit is shared). */
  pathCodesIssued = 0;
  private readonly store: OpenApiStore | null;

  constructor(readonly cloud: LocalCloud) {
    this.openData = new OpenDataStore(() => cloud.now(), () => cloud.config.appId);
    this.mediaChecks = new MediaChecks(cloud, this.security);
    this.store = cloud.dataDir ? new OpenApiStore(cloud.dataDir) : null;
    const snap = this.store?.read();
    if (snap) {
      this.outbox.messages.push(...snap.outbox);
      this.subscriptions.restore(snap.subscriptions);
      this.shipping.restore(snap.shipping);
      this.msgSeq = snap.msgSeq;
      this.pathCodesIssued = snap.pathCodesIssued ?? 0;
    }
  }

  private save(): void {
    this.store?.write({
      version: 1, outbox: this.outbox.messages, subscriptions: this.subscriptions.snapshot(),
      shipping: this.shipping.snapshot(), msgSeq: this.msgSeq, pathCodesIssued: this.pathCodesIssued,
    });
  }

  actions(): ActionMap {
    return { 'wx.openApi': (call) => this.handle(call) };
  }

  private async handle(call: AdminCall): Promise<RawReply> {
    const apiName = String(call.params.apiName ?? '');
    const raw = call.params.requestData;
    const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw ?? ''), 'utf8');
    if (apiName === GET_OPEN_DATA) {
      if (!call.invocation) return platformError(-604104, 'illegal source of invocation');
      const items = decodeOpenDataRequest(bytes).map((id) => ({ cloudId: id, json: JSON.stringify(this.openData.resolve(id, call.invocation?.openid)) }));
      return new RawReply(encodeOpenDataReply(items));
    }
    const refused = permissionError(this.cloud, call.invocation, apiName);
    if (refused !== null) return platformError(refused.code, refused.message);
    if (!(OPEN_APIS as readonly string[]).includes(apiName)) return platformError(-604100, `API not found: ${apiName} is not one the local cloud implements`);
    const { params } = decodeRequest(bytes);
    try {
      const reply = await this.call(apiName as OpenApiName, params, call.invocation?.functionName);
      if ('json' in reply) return new RawReply(encodeReply(Buffer.from(JSON.stringify({ errcode: 0, errmsg: 'ok', ...reply.json })), 'application/json; charset=UTF-8'));
      return new RawReply(encodeReply(reply.binary, reply.contentType));
    } catch (err) {
      if (err instanceof WxApiError) return new RawReply(encodeWxError(err.errcode, err.errmsg));
      throw err;
    }
  }

  /** Run an open API with snake_case params, as the wire would (unit tests call this directly). */
  async call(api: OpenApiName, params: Record<string, unknown>, functionName?: string): Promise<WxReply> {
    try {
      return await this.run(api, params, functionName);
    } finally {
      this.save();
    }
  }

  private async run(api: OpenApiName, params: Record<string, unknown>, functionName?: string): Promise<WxReply> {
    const at = this.cloud.now();
    switch (api) {
      case 'subscribeMessage.send': {
        const send = validateSend(params, this.cloud.config.templates);
        // §1.7: each accepted wx.requestSubscribeMessage grants one send; none left → 43101.
        if (!this.subscriptions.consume(send.touser, send.template.id)) throw new WxApiError(43101, 'user refuse to accept the msg');
        const msgid = 2_000_000_000_000 + ++this.msgSeq;
        this.outbox.add({ kind: 'subscribeMessage', at, functionName, payload: { ...params, msgid, templateTitle: send.template.title } });
        return { json: { msgid } };
      }
      case 'wxacode.getUnlimited': {
        const req = validateWxacode(params);
        const png = renderWxacode(this.cloud.config.appId, req);
        this.outbox.add({ kind: 'wxacode', at, functionName, payload: { page: req.page, scene: req.scene, env_version: req.envVersion, width: req.width, bytes: png.length } });
        return { binary: png, contentType: 'image/png' };
      }
      case 'wxacode.get':
      case 'wxacode.createQRCode': {
        const req = validatePathCode(api, params);
        if (this.pathCodesIssued >= PATH_CODE_LIMIT) throw new WxApiError(45029, 'qrcode count out of limit');
        this.pathCodesIssued++;
        const png = renderPathCode(this.cloud.config.appId, api, req);
        this.outbox.add({ kind: 'wxacode', at, functionName, payload: { api, path: req.path, width: req.width, bytes: png.length } });
        return { binary: png, contentType: 'image/png' };
      }
      case 'security.msgSecCheck':
        return { json: this.security.msgSecCheck(params, (openid) => this.knownUser(openid)) };
      case 'security.imgSecCheck':
        return { json: this.security.imgSecCheck(params) };
      case 'security.mediaCheckAsync': {
        const job = this.security.mediaCheckRequest(params, (openid) => this.knownUser(openid));
        this.mediaChecks.schedule(job);
        return { json: { trace_id: job.traceId } };
      }
      case 'wxa.sec.order.uploadShippingInfo': {
        const trade = this.shipping.upload(params, this.cloud.pay.book);
        this.outbox.add({ kind: 'shippingInfo', at, functionName, payload: { ...params, transaction_id: trade.transactionId } });
        return { json: {} };
      }
    }
  }

  /** A user who has opened the mini-program: here, one who called a function (§7a "visited within 2 h"). */
  private knownUser(openid: string): boolean {
    return this.cloud.functions.invocations().some((r) => r.openid === openid && r.startedAt >= this.cloud.now() - 2 * 3600_000);
  }

  routes(): Route[] {
    return [
      ...openApiControlRoutes(this),
      { method: 'GET', path: '/outbox', handler: ({ res }) => sendText(res, 200, renderOutbox(this.outbox.messages), 'text/html; charset=utf-8') },
      { method: 'GET', path: '/control/outbox', handler: ({ res }) => sendJson(res, 200, { messages: this.outbox.messages }) },
      { method: 'GET', path: '/control/subscriptions', handler: ({ res, url }) => {
        sendJson(res, 200, { openid: url.searchParams.get('openid'), quota: this.subscriptions.of(url.searchParams.get('openid') ?? '') });
      } },
      { method: 'POST', path: '/control/subscriptions', handler: async (ctx) => {
        const b = await ctx.json<{ openid?: unknown; templateIds?: unknown }>();
        if (typeof b.openid !== 'string' || !b.openid) throw new HttpError(400, 'openid must be a non-empty string');
        if (!Array.isArray(b.templateIds) || b.templateIds.some((t) => typeof t !== 'string')) throw new HttpError(400, 'templateIds must be an array of strings');
        const known = new Set(this.cloud.config.templates.map((t) => t.id));
        const unknown = (b.templateIds as string[]).filter((t) => !known.has(t));
        // wx.requestSubscribeMessage itself fails for template ids the mini-program does not own.
        if (unknown.length) throw new HttpError(400, `unknown template ids: ${unknown.join(', ')}`);
        for (const t of b.templateIds as string[]) this.subscriptions.grant(b.openid, t);
        this.save();
        sendJson(ctx.res, 200, { ok: true, quota: this.subscriptions.of(b.openid) });
      } },
    ];
  }

  reset(): void {
    this.outbox.reset();
    this.subscriptions.reset();
    this.shipping.reset();
    this.msgSeq = 0;
    this.pathCodesIssued = 0;
    this.security.reset();
    this.openData.reset();
    this.mediaChecks.reset();
    this.save();
  }
}

/** A platform refusal the SDK throws with this errCode and our message (JSON with the error content type). */
function platformError(errcode: number, errmsg: string): RawReply {
  return new RawReply(Buffer.from(JSON.stringify({ errcode, errmsg })), 'application/json; charset=utf-8');
}
