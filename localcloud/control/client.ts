import type { FaultSpec } from '../faults';
// A typed client for the local cloud's control API and gateway — what tests, scripts and the
// e2e suite use. Plain fetch; no dependency on the server code, so it works against `npm start`.

export interface GatewayOk<T> {
  ok: true;
  status: number;
  result: T;
  requestID: string;
}
export interface GatewayFail {
  ok: false;
  status: number;
  errCode: number;
  errMsg: string;
}
export type GatewayReply<T> = GatewayOk<T> | GatewayFail;

export interface InvocationRecord {
  requestId: string;
  functionName: string;
  source: string;
  openid?: string;
  startedAt: number;
  endedAt?: number;
  ms?: number;
  cold: boolean;
  outcome: 'ok' | 'error' | 'timeout' | 'killed' | 'running';
  error?: string;
  logs: { level: string; at: number; text: string }[];
}

export interface NotifyDelivery {
  kind: 'pay' | 'refund';
  outTradeNo: string;
  outRefundNo?: string;
  functionName: string;
  attempt: number;
  at: number;
  requestId?: string;
  /** What the function returned (or the error), and whether it counts as acknowledged. */
  returned: unknown;
  acknowledged: boolean;
  /** first: the notify itself; retry: WeChat's schedule; redeliver: a duplicate asked for by a test. */
  trigger?: 'first' | 'retry' | 'redeliver';
}

export interface OutboxMessage {
  kind: 'subscribeMessage' | 'shippingInfo' | 'wxacode' | 'mediaCheck';
  at: number;
  functionName?: string;
  payload: Record<string, unknown>;
}

export class ControlClient {
  constructor(readonly baseUrl: string) {}

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return parsed as T;
  }

  // --- gateway: call a function as a WeChat user, as wx.cloud.callFunction would ---
  async callFunction<T = unknown>(name: string, data: unknown, openid?: string): Promise<GatewayReply<T>> {
    const res = await fetch(`${this.baseUrl}/gateway/functions/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: JSON.stringify({ data }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.ok) return { ok: true, status: res.status, result: body.result as T, requestID: String(body.requestID) };
    return { ok: false, status: res.status, errCode: Number(body.errCode), errMsg: String(body.errMsg) };
  }

  /**
   * Put a file in storage as a function would (no security rules), recorded as uploaded by `openid`:
   * fixtures and seeding. A mini-program upload that the rules judge is clientUpload().
   */
  async upload(cloudPath: string, content: Buffer, openid?: string): Promise<{ fileID: string }> {
    const q = new URLSearchParams({ cloudPath, ...(openid ? { openid } : {}) });
    const res = await fetch(`${this.baseUrl}/control/storage/files?${q}`, { method: 'POST', body: new Uint8Array(content) });
    if (!res.ok) throw new Error(`upload → ${res.status}: ${await res.text()}`);
    return (await res.json()) as { fileID: string };
  }

  /** wx.cloud.uploadFile from the mini-program as `openid`: the storage security rules decide. */
  async clientUpload(cloudPath: string, content: Buffer, openid?: string): Promise<{ fileID: string }> {
    const res = await fetch(`${this.baseUrl}/gateway/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: new Uint8Array(content),
    });
    if (!res.ok) throw new Error(`upload → ${res.status}: ${await res.text()}`);
    return (await res.json()) as { fileID: string };
  }

  // --- shared control ---
  reset() {
    return this.request<{ ok: true }>('POST', '/control/reset', {});
  }
  seed(collections: Record<string, Record<string, unknown>[]>) {
    return this.request<{ ok: true; inserted: Record<string, number> }>('POST', '/control/seed', collections);
  }
  clock() {
    return this.request<{ now: number; offsetMs: number }>('GET', '/control/clock');
  }
  advanceClock(advanceMs: number) {
    return this.request<{ now: number; offsetMs: number }>('POST', '/control/clock', { advanceMs });
  }
  requests(filter: { since?: number; invocation?: string } = {}) {
    const q = new URLSearchParams();
    if (filter.since) q.set('since', String(filter.since));
    if (filter.invocation) q.set('invocation', filter.invocation);
    return this.request<{
      total: number;
      lastSeq: number;
      byAction: Record<string, number>;
      byInvocation: Record<string, { functionName?: string; count: number; byAction: Record<string, number> }>;
    }>('GET', `/control/requests?${q}`);
  }
  fault(spec: FaultSpec) {
    return this.request<{ ok: true }>('POST', '/control/faults', spec);
  }

  // --- functions ---
  invocations(filter: { functionName?: string; since?: number } = {}) {
    const q = new URLSearchParams();
    if (filter.functionName) q.set('function', filter.functionName);
    if (filter.since) q.set('since', String(filter.since));
    return this.request<{ invocations: InvocationRecord[] }>('GET', `/control/invocations?${q}`);
  }
  /** Run a function as the platform would for `source` (wx_paycallback, wx_trigger …), e.g. to see the context it gets. */
  invokeAs<T = unknown>(functionName: string, event: unknown, opts: { source: string; openid?: string }) {
    return this.request<{ requestId: string; ok: boolean; result?: T; errCode?: number; errMsg?: string }>(
      'POST', `/control/invoke/${encodeURIComponent(functionName)}`, { event, ...opts });
  }
  functions() {
    return this.request<{ functions: { name: string; config: { timeout: number; permissions: { openapi: string[] } } }[] }>('GET', '/control/functions');
  }
  /** The HTTP 访问服务 path table ({ "/path": "function" }). */
  httpAccess(routes: Record<string, string>) {
    return this.request<{ routes: Record<string, string> }>('POST', '/control/http-access', { routes });
  }
  fireTimer(functionName: string) {
    return this.request<{ requestId: string; outcome: string; result?: unknown }>('POST', `/control/timers/${encodeURIComponent(functionName)}/fire`, {});
  }

  // --- pay sandbox ---
  registerMerchant(subMchId: string, name: string) {
    return this.request<{ ok: true }>('POST', '/control/merchants', { subMchId, name });
  }
  /** As the buyer at the cashier; `pay` resolves after the first notify attempt (unless delayed or dropped). */
  pay(prepayId: string, action: 'pay' | 'cancel' | 'fail' | 'userpaying' = 'pay', openid?: string) {
    return this.request<{ ok: true; tradeState: string; transactionId?: string; outTradeNo: string; notify?: NotifyDelivery }>(
      'POST', '/control/pay', { prepayId, action, openid });
  }
  notifies(filter: { outTradeNo?: string } = {}) {
    const q = new URLSearchParams(filter.outTradeNo ? { outTradeNo: filter.outTradeNo } : {});
    return this.request<{ deliveries: NotifyDelivery[] }>('GET', `/control/pay/notifies?${q}`);
  }
  /** Deliver the pay notify of `outTradeNo` `times` more times, one after another or all at once. */
  redeliverNotify(outTradeNo: string, times = 1, concurrent = false) {
    return this.request<{ deliveries: NotifyDelivery[] }>('POST', '/control/pay/notify', { outTradeNo, times, concurrent });
  }
  /** What happens to the next notifies: deliver normally, hold them for `delayMs` (virtual), or drop them. */
  notifyPolicy(policy: { mode: 'deliver' | 'delay' | 'drop'; delayMs?: number; outTradeNo?: string; refundForm?: 'flat' | 'reqInfo' }) {
    return this.request<{ ok: true }>('POST', '/control/pay/notify-policy', policy);
  }
  deliverRefundNotify(outRefundNo: string, form: 'flat' | 'reqInfo' = 'flat', times = 1) {
    return this.request<{ deliveries: NotifyDelivery[] }>('POST', '/control/pay/refund-notify', { outRefundNo, form, times });
  }
  /** Register a WeChat Pay v3 merchant or service provider with the sandbox (pay/v3/control.ts). */
  v3RegisterMerchant(m: { mchid: string; name?: string; serialNo: string; publicKey: string; apiV3Key: string; appids: string[]; subMchids?: string[]; mode?: 'public_key' | 'certificate' }) {
    return this.request<{ ok: true }>('POST', '/control/pay/v3/merchants', m);
  }

  /** The sandbox's platform public key and id, and its platform certificate and serial. */
  v3Platform() {
    return this.request<{ publicKeyId: string; publicKey: string; certificate: string; certSerial: string }>('GET', '/control/pay/v3/platform');
  }

  /** Deliver one forged or mismatching v3 notify for `outTradeNo` to its notify_url; what the receiver answered. */
  v3Forge(outTradeNo: string, forgery: 'bad_signature' | 'stale_timestamp' | 'wrong_serial' | 'tampered_ciphertext' | 'amount' | 'merchant' | 'appid') {
    return this.request<{ forgery: string; result: { errcode: number; status?: number; body?: string } }>('POST', '/control/pay/v3/forge', { outTradeNo, forgery });
  }

  trades() {
    return this.request<{ trades: Record<string, unknown>[] }>('GET', '/control/pay/trades');
  }

  // --- open API ---
  /** As if the user accepted wx.requestSubscribeMessage for these templates (one send each). */
  subscribe(openid: string, templateIds: string[]) {
    return this.request<{ ok: true }>('POST', '/control/subscriptions', { openid, templateIds });
  }
  outbox() {
    return this.request<{ messages: OutboxMessage[] }>('GET', '/control/outbox');
  }
  /** Content-security verdicts: rules match a word, an image SHA-256 or a media URL; verdicts run in order. */
  securityRules(rules: { word?: string; sha256?: string; url?: string; verdicts: ('pass' | 'review' | 'risky')[]; label?: number }[], mediaCheckFunction?: string) {
    return this.request<{ ok: true }>('POST', '/control/security/rules', { rules, mediaCheckFunction });
  }
  /** A CloudID for `openid` carrying `data` (as getPhoneNumber or getWeRunData would hand the mini-program). */
  mintCloudId(openid: string, data: Record<string, unknown>) {
    return this.request<{ cloudID: string }>('POST', '/control/open-data', { openid, data });
  }
  /** How many wxacode.get/createQRCode codes were already made (the 100,000 limit is shared). */
  setPathCodesIssued(issued: number) {
    return this.request<{ ok: true }>('POST', '/control/wxacode', { issued });
  }

  // --- storage ---
  storageRules(rules: Record<string, unknown>) {
    return this.request<{ rules: Record<string, unknown> }>('POST', '/control/storage-rules', rules);
  }
  /** wx.cloud.getTempFileURL from the mini-program as `openid` (the storage rules decide). */
  async clientTempUrls(fileList: string[], openid?: string) {
    const res = await fetch(`${this.baseUrl}/gateway/temp-file-urls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: JSON.stringify({ fileList }),
    });
    return (await res.json()) as { fileList: { fileID: string; tempFileURL: string; status: number; errMsg: string }[] };
  }
}

/** How the gateway spells wx.cloud.CloudID(id) inside callFunction data. */
export function cloudId(id: string): { $cloudID: string } {
  return { $cloudID: id };
}
