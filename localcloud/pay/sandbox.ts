// The Cloud Pay sandbox (docs/wechat-contracts.md §3): answers `action=wx.wxPayApi` the way WeChat Pay v2
// behind Cloud Pay does, settles orders when a person (the cashier page) or a test (POST /control/pay)
// pays, and delivers the notifies with WeChat's retries, duplicates, delays and losses.
import type { LocalCloud } from '../index';
import type { MerchantConfig } from '../config';
import type { Route } from '../http';
import type { ActionMap, AdminCall, CloudModule } from '../types';
import { RawReply } from '../types';
import { permissionError } from '../openapi/permissions';
import { ERR_TEXT } from '../openapi/protocol';
import { TradeBook, refreshState, type Refund, type Trade, type TradeState } from './trades';
import { closeOrder, queryOrder, unifiedOrder, type Caller, type PayEnv } from './orders';
import { queryRefund, refund, settleRefund } from './refunds';
import { Notifier, type NotifyJob } from './notify';
import { payNotifyEvent, refundNotifyEvent, type RefundForm } from './events';
import { GatewayError, newTransactionId, type V2Reply } from './wire';
import { payControlRoutes } from './control';
import { cashierRoutes } from './cashier';
import { PayStore, type PaySnapshot } from './persist';
import { V3Sandbox } from './v3/api';
import { v3ControlRoutes } from './v3/control';

export type PayAction = 'pay' | 'cancel' | 'fail' | 'userpaying';

/** Why a cashier/control action was refused (HTTP status + the message WeChat shows the buyer). */
export class PayRefused extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Virtual ms between a refund request and its result (零钱 refunds land within seconds) [INF]. */
export const REFUND_SETTLE_MS = 5_000;

const APIS = ['unifiedOrder', 'queryOrder', 'closeOrder', 'refund', 'queryRefund'] as const;
type ApiName = (typeof APIS)[number];

export class PaySandbox implements CloudModule {
  readonly book = new TradeBook();
  readonly notifier: Notifier;
  /** WeChat Pay APIv3 (pay/v3/): its own HTTP API on the same trade book; notifies go to notify_url. */
  readonly v3: V3Sandbox;
  /** Sub-merchants registered through POST /control/merchants (config ones are always there). */
  private registered = new Map<string, MerchantConfig>();
  /** Which refund-notify shape automatic deliveries use (handlers must accept both; §3.4). */
  refundForm: RefundForm = 'reqInfo';
  private readonly store: PayStore | null;

  constructor(readonly cloud: LocalCloud) {
    this.notifier = new Notifier({
      now: () => cloud.now(),
      at: (ms, run) => void cloud.clock.at(ms, run),
      // A v3 trade's "function" is its notify_url: delivered over HTTP, signed and encrypted (v3/api.ts).
      invoke: (name, event, opts) => (/^https?:\/\//.test(name) ? this.v3.deliver(name, event as Record<string, unknown>) : cloud.functions.invoke(name, event, opts)),
      persist: () => this.save(),
    });
    this.v3 = new V3Sandbox(this);
    this.store = cloud.dataDir ? new PayStore(cloud.dataDir) : null;
    const snap = this.store?.read();
    if (snap) this.restore(snap);
  }

  get env(): PayEnv {
    return {
      now: () => this.cloud.now(),
      appId: this.cloud.config.appId,
      envId: this.cloud.envId,
      merchant: (id) => this.merchant(id),
      book: this.book,
    };
  }

  merchant(subMchId: string): MerchantConfig | undefined {
    return this.registered.get(subMchId) ?? this.cloud.config.merchants.find((m) => m.subMchId === subMchId);
  }

  merchants(): MerchantConfig[] {
    const fromConfig = this.cloud.config.merchants.filter((m) => !this.registered.has(m.subMchId));
    return [...fromConfig, ...this.registered.values()];
  }

  registerMerchant(m: MerchantConfig): void {
    this.registered.set(m.subMchId, { subMchId: m.subMchId, name: m.name });
    this.save();
  }

  actions(): ActionMap {
    return { 'wx.wxPayApi': (call) => this.handle(call) };
  }

  routes(): Route[] {
    return [...cashierRoutes(this), ...payControlRoutes(this), ...this.v3.routes(), ...v3ControlRoutes(this)];
  }

  /** One `wx.wxPayApi` request: permission, then the API; replies as the SDK reads them (§10). */
  private async handle(call: AdminCall): Promise<RawReply> {
    const apiName = String(call.params.apiName ?? '');
    const refused = permissionError(this.cloud, call.invocation, `cloudPay.${apiName}`);
    if (refused !== null) return jsonError(refused.code, refused.message);
    if (!(APIS as readonly string[]).includes(apiName)) return jsonError(-604100, ERR_TEXT[-604100]);
    let params: Record<string, unknown>;
    try {
      const raw = call.params.requestData;
      params = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw ?? '{}')) as Record<string, unknown>;
    } catch {
      return jsonError(-202, 'wx api error: -202');
    }
    try {
      const reply = await this.call(apiName as ApiName, params, { openid: call.invocation?.openid, functionName: call.invocation?.functionName });
      // Not `application/json; charset=utf-8`: that content type tells node-sdk the body is an error.
      return new RawReply(Buffer.from(JSON.stringify(reply)), 'application/json');
    } catch (err) {
      if (err instanceof GatewayError) return jsonError(err.errcode, err.message);
      throw err;
    }
  }

  /** Run a Cloud Pay API with snake_case params, as the wire would (unit tests call this directly). */
  async call(api: ApiName, params: Record<string, unknown>, caller: Caller = {}): Promise<V2Reply> {
    const env = this.env;
    let reply: V2Reply;
    switch (api) {
      case 'unifiedOrder': reply = unifiedOrder(env, params, caller); break;
      case 'queryOrder': reply = queryOrder(env, params); break;
      case 'closeOrder': reply = closeOrder(env, params); break;
      case 'queryRefund': reply = queryRefund(env, params); break;
      case 'refund': {
        const outcome = refund(env, params);
        if (outcome.created) this.scheduleRefund(outcome.created.trade, outcome.created.refund);
        reply = outcome.reply;
        break;
      }
    }
    this.save();
    return reply;
  }

  /** The buyer acts at the cashier (or a test does it for them). */
  async settle(prepayId: string, action: PayAction, openid?: string): Promise<{ trade: Trade; job?: NotifyJob }> {
    const trade = this.book.byPrepayId(prepayId);
    if (!trade) throw new PayRefused(404, '支付单不存在：prepay_id 无效');
    if (openid && openid !== trade.payer) throw new PayRefused(403, '下单账号与支付账号不一致，请核实后再支付');
    const now = this.cloud.now();
    const state = refreshState(trade, now);
    if (state === 'SUCCESS' || state === 'REFUND') throw new PayRefused(409, '该订单已支付，请勿重复支付');
    if (state === 'CLOSED' || state === 'REVOKED') throw new PayRefused(409, '该订单已关闭');
    if (now >= trade.prepayExpiresAt) throw new PayRefused(409, 'prepay_id 已过期，请重新下单');
    const next: Record<PayAction, TradeState> = { pay: 'SUCCESS', cancel: 'NOTPAY', fail: 'PAYERROR', userpaying: 'USERPAYING' };
    trade.state = next[action];
    if (action !== 'pay') {
      this.save();
      return { trade };
    }
    trade.transactionId = newTransactionId(now);
    trade.paidAt = now;
    trade.bankType = 'OTHERS';
    this.save();
    // §3.3: only a successful payment is notified.
    const job = await this.notifier.start({
      kind: 'pay', outTradeNo: trade.outTradeNo, functionName: trade.functionName, openid: trade.payer, event: this.payEvent(trade),
    });
    this.save();
    return { trade, job };
  }

  /** The refund settles later on the virtual clock, then its result is notified. */
  private payEvent(trade: Trade): Record<string, unknown> {
    return trade.v3 ? { mchid: trade.v3.mchid, ...this.v3.envelope(trade, 'pay') } : payNotifyEvent(trade);
  }

  private refundEvent(trade: Trade, r: Refund, form: RefundForm): Record<string, unknown> {
    return trade.v3 ? { mchid: trade.v3.mchid, ...this.v3.envelope(trade, 'refund', r.outRefundNo) } : refundNotifyEvent(trade, r, form);
  }

  scheduleRefund(trade: Trade, r: Refund): void {
    this.cloud.clock.at(r.createdAt + REFUND_SETTLE_MS, () => this.completeRefund(trade, r, true));
  }

  /** Settle a refund now; `notify` starts the automatic refund notify under the current policy. */
  async completeRefund(trade: Trade, r: Refund, notify: boolean): Promise<void> {
    if (r.status !== 'PROCESSING') return;
    settleRefund(r, this.cloud.now());
    if (r.functionName) {
      const job = {
        kind: 'refund' as const, outTradeNo: trade.outTradeNo, outRefundNo: r.outRefundNo, functionName: r.functionName,
        openid: trade.payer, event: this.refundEvent(trade, r, this.refundForm),
      };
      if (notify) await this.notifier.start(job);
      else this.notifier.register(job);
    }
    this.save();
  }

  /** Control: deliver a refund result `times` times in the chosen form (settling it first if needed). */
  async deliverRefundNotify(outRefundNo: string, form: RefundForm, times: number) {
    const hit = this.book.refundByOutRefundNo(outRefundNo);
    if (!hit) throw new PayRefused(404, `no refund ${outRefundNo}`);
    if (!hit.refund.functionName) throw new PayRefused(409, `refund ${outRefundNo} named no functionName to notify`);
    await this.completeRefund(hit.trade, hit.refund, false);
    const job = this.notifier.find('refund', outRefundNo)!;
    const deliveries = await this.notifier.redeliver(job, times, false, this.refundEvent(hit.trade, hit.refund, form));
    this.save();
    return deliveries;
  }

  /** Control: the pay notify of `outTradeNo` `times` more times. */
  async redeliverPayNotify(outTradeNo: string, times: number, concurrent: boolean) {
    const job = this.notifier.find('pay', outTradeNo);
    if (!job) throw new PayRefused(409, `order ${outTradeNo} is not paid: no notify to deliver`);
    const deliveries = await this.notifier.redeliver(job, times, concurrent);
    this.save();
    return deliveries;
  }

  save(): void {
    this.store?.write({
      version: 1, merchants: [...this.registered.values()], trades: this.book.all(),
      jobs: [...this.notifier.allJobs()], deliveries: this.notifier.deliveries, refundForm: this.refundForm,
    });
  }

  /** Back from disk: pending retries and unsettled refunds are re-armed (not before the server is up). */
  private restore(snap: PaySnapshot): void {
    for (const m of snap.merchants) this.registered.set(m.subMchId, m);
    this.book.load(snap.trades);
    this.refundForm = snap.refundForm;
    const earliest = this.cloud.now() + 1000;
    this.notifier.restore(snap.jobs, snap.deliveries, earliest);
    for (const trade of this.book.all()) {
      for (const r of trade.refunds) {
        if (r.status !== 'PROCESSING') continue;
        this.cloud.clock.at(Math.max(r.createdAt + REFUND_SETTLE_MS, earliest), () => this.completeRefund(trade, r, true));
      }
    }
  }

  reset(): void {
    this.book.clear();
    this.notifier.reset();
    this.registered.clear();
    this.refundForm = 'reqInfo';
    this.save();
  }
}

/** A Cloud Pay failure the SDK throws: JSON with the error content type (node-sdk handleWxOpenApiData). */
function jsonError(errcode: number, errmsg: string): RawReply {
  return new RawReply(Buffer.from(JSON.stringify({ errcode, errmsg })), 'application/json; charset=utf-8');
}
