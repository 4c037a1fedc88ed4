// The open API (云调用, WECHAT-CONTRACTS §1.7): answers `action=wx.openApi` in the SDK's protobuf
// envelope for subscribeMessage.send, wxacode.getUnlimited and wxa.sec.order.uploadShippingInfo,
// after the permission check of config.json. What would leave for WeChat lands in the outbox.
import type { LocalCloud } from '../index';
import type { Route } from '../http';
import { HttpError, sendJson, sendText } from '../http';
import type { ActionMap, AdminCall, CloudModule } from '../types';
import { RawReply } from '../types';
import { permissionError } from './permissions';
import { decodeRequest, encodePlatformError, encodeReply, encodeWxError } from './protocol';
import { WxApiError } from './errors';
import { Outbox, renderOutbox } from './outbox';
import { Subscriptions, validateSend } from './subscribe';
import { renderWxacode, validateWxacode } from './wxacode';
import { ShippingLedger } from './shipping';
import { OpenApiStore } from './persist';

/** A successful WeChat reply: a JSON body or an image. */
export type WxReply = { json: Record<string, unknown> } | { binary: Buffer; contentType: string };

export const OPEN_APIS = ['subscribeMessage.send', 'wxacode.getUnlimited', 'wxa.sec.order.uploadShippingInfo'] as const;
export type OpenApiName = (typeof OPEN_APIS)[number];

export class OpenApi implements CloudModule {
  readonly outbox = new Outbox();
  readonly subscriptions = new Subscriptions();
  readonly shipping = new ShippingLedger();
  private msgSeq = 0;
  private readonly store: OpenApiStore | null;

  constructor(readonly cloud: LocalCloud) {
    this.store = cloud.dataDir ? new OpenApiStore(cloud.dataDir) : null;
    const snap = this.store?.read();
    if (snap) {
      this.outbox.messages.push(...snap.outbox);
      this.subscriptions.restore(snap.subscriptions);
      this.shipping.restore(snap.shipping);
      this.msgSeq = snap.msgSeq;
    }
  }

  private save(): void {
    this.store?.write({
      version: 1, outbox: this.outbox.messages, subscriptions: this.subscriptions.snapshot(),
      shipping: this.shipping.snapshot(), msgSeq: this.msgSeq,
    });
  }

  actions(): ActionMap {
    return { 'wx.openApi': (call) => this.handle(call) };
  }

  private async handle(call: AdminCall): Promise<RawReply> {
    const apiName = String(call.params.apiName ?? '');
    const refused = permissionError(this.cloud, call.invocation, apiName);
    if (refused !== null) return new RawReply(encodePlatformError(refused));
    if (!(OPEN_APIS as readonly string[]).includes(apiName)) return new RawReply(encodePlatformError(-604100));
    const raw = call.params.requestData;
    const { params } = decodeRequest(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw ?? ''), 'utf8'));
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
      case 'wxa.sec.order.uploadShippingInfo': {
        const trade = this.shipping.upload(params, this.cloud.pay.book);
        this.outbox.add({ kind: 'shippingInfo', at, functionName, payload: { ...params, transaction_id: trade.transactionId } });
        return { json: {} };
      }
    }
  }

  routes(): Route[] {
    return [
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
    this.save();
  }
}
