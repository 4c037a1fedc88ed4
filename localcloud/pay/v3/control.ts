// Test and developer controls of the v3 sandbox (ControlClient v3* methods): register a merchant or
// service provider with its API public key and APIv3 key, read the platform's public key / certificate
// (what a deployment puts in WXPAY_PUBLIC_KEY or WXPAY_PLATFORM_CERTS), and deliver one forged notify —
// bad signature, stale timestamp, unknown serial, tampered ciphertext, or a genuinely signed one whose
// amount, merchant or appid does not match — to see that the receiver refuses it.
import { HttpError, sendJson, type Route, type RouteContext } from '../../http';
import type { PaySandbox } from '../sandbox';
import type { Tamper } from './api';
import { newPlatform } from './wire';

export const FORGERIES = ['bad_signature', 'stale_timestamp', 'wrong_serial', 'tampered_ciphertext', 'amount', 'merchant', 'appid'] as const;
export type Forgery = (typeof FORGERIES)[number];

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
function text(v: unknown, name: string): string {
  if (typeof v !== 'string' || !v) throw new HttpError(400, `${name} must be a non-empty string`);
  return v;
}

export function v3ControlRoutes(pay: PaySandbox): Route[] {
  const body = (ctx: RouteContext) => ctx.json<Record<string, unknown>>();
  return [
    { method: 'POST', path: '/control/pay/v3/merchants', handler: async (ctx) => {
      const b = await body(ctx);
      const mode = b.mode === 'certificate' ? 'certificate' : 'public_key';
      try {
        pay.v3.register({
          mchid: text(b.mchid, 'mchid'), name: typeof b.name === 'string' ? b.name : `商户 ${String(b.mchid)}`, serialNo: text(b.serialNo, 'serialNo'),
          publicKey: text(b.publicKey, 'publicKey'), apiV3Key: text(b.apiV3Key, 'apiV3Key'), appids: strings(b.appids), subMchids: strings(b.subMchids), mode,
        });
      } catch (err) {
        throw new HttpError(400, (err as Error).message);
      }
      pay.save();
      sendJson(ctx.res, 200, { ok: true });
    } },
    { method: 'GET', path: '/control/pay/v3/platform', handler: ({ res }) => {
      const p = pay.v3.platform;
      sendJson(res, 200, { publicKeyId: p.publicKeyId, publicKey: p.publicKeyPem, certificate: p.certificatePem, certSerial: p.certSerial });
    } },
    { method: 'POST', path: '/control/pay/v3/forge', handler: async (ctx) => {
      const b = await body(ctx);
      const forgery = b.forgery as Forgery;
      if (!FORGERIES.includes(forgery)) throw new HttpError(400, `forgery must be one of ${FORGERIES.join(', ')}`);
      const trade = pay.book.byOutTradeNo(text(b.outTradeNo, 'outTradeNo'));
      if (!trade?.v3) throw new HttpError(404, 'no v3 trade with that outTradeNo');
      const partner = trade.v3.mode === 'partner';
      const job = { mchid: trade.v3.mchid, ...pay.v3.envelope(trade, 'pay') };
      // Whatever the trade's state, the forger claims it was paid.
      const claim = { trade_state: 'SUCCESS', trade_state_desc: '支付成功', transaction_id: `42000${String(Date.now()).padStart(23, '0')}` };
      const tamper: Tamper = { plain: claim };
      if (forgery === 'bad_signature') tamper.platform = newPlatform(pay.cloud.now());
      if (forgery === 'stale_timestamp') tamper.skewMs = -6 * 60_000;
      if (forgery === 'wrong_serial') tamper.serial = 'PUB_KEY_ID_0000000000000000000000000000';
      if (forgery === 'tampered_ciphertext') tamper.ciphertext = true;
      if (forgery === 'amount') tamper.plain = { ...claim, amount: { total: trade.totalFee + 1, payer_total: trade.totalFee + 1, currency: 'CNY', payer_currency: 'CNY' } };
      if (forgery === 'merchant') tamper.plain = { ...claim, ...(partner ? { sub_mchid: '1999999999' } : { mchid: '1999999999' }) };
      if (forgery === 'appid') tamper.plain = { ...claim, ...(partner ? { sub_appid: 'wx00000000000000bad', sp_appid: 'wx00000000000000bad' } : { appid: 'wx00000000000000bad' }) };
      const outcome = await pay.v3.deliver(trade.v3.notifyUrl, job, tamper);
      sendJson(ctx.res, 200, { forgery, result: outcome.ok ? outcome.result : outcome });
    } },
  ];
}
