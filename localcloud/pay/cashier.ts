// The cashier: where the H5 build sends the buyer instead of `wx.requestPayment`, and where a person
// pays by hand. GET /cashier?prepay=<prepay_id>[&redirect=<url>] shows the shop, what is bought and
// the amount; its buttons post to /cashier/action, then go back to `redirect` with `payResult`.
import type { Route, RouteContext } from '../http';
import { sendText } from '../http';
import { esc, page, yuan } from './html';
import { PayRefused, type PayAction, type PaySandbox } from './sandbox';
import { TRADE_STATE_DESC, refreshState, type Trade } from './trades';

const RESULT: Record<Exclude<PayAction, 'userpaying'>, { param: string; title: string }> = {
  pay: { param: 'ok', title: '支付成功' },
  cancel: { param: 'cancel', title: '已取消支付' },
  fail: { param: 'fail', title: '支付失败' },
};

/** Only absolute http(s) URLs are followed (no `javascript:`; the cashier lives on another origin). */
export function safeRedirect(raw: string | null | undefined): URL | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function html(ctx: RouteContext, status: number, markup: string): void {
  sendText(ctx.res, status, markup, 'text/html; charset=utf-8');
}

function backLink(redirect: URL | null): string {
  return redirect ? `<a class="button secondary" href="${esc(redirect.href)}">返回商家</a>` : '';
}

export function renderCashier(pay: PaySandbox, trade: Trade, redirect: URL | null): string {
  const merchant = pay.merchant(trade.subMchId)?.name ?? `商户 ${trade.subMchId}`;
  const state = refreshState(trade, pay.cloud.now());
  const payable = state === 'NOTPAY' || state === 'USERPAYING' || state === 'PAYERROR';
  const buttons = payable
    ? `<form class="actions" method="post" action="/cashier/action" id="cashier">
  <input type="hidden" name="prepay" value="${esc(trade.prepayId)}">
  <input type="hidden" name="redirect" value="${esc(redirect?.href ?? '')}">
  <button class="primary" type="submit" name="action" value="pay">确认支付</button>
  <button class="secondary" type="submit" name="action" value="cancel">取消</button>
  <button class="danger" type="submit" name="action" value="fail">模拟失败</button>
</form>`
    : `<p class="state">${esc(TRADE_STATE_DESC[state])}</p><div class="actions">${backLink(redirect)}</div>`;
  const body = `<div class="badge">微信支付 · 本地沙箱</div>
<section class="card">
  <div class="merchant">${esc(merchant)}</div>
  <div class="desc">${esc(trade.body)}</div>
  <div class="amount"><small>¥</small>${esc(yuan(trade.totalFee))}</div>
  <div class="meta">订单号 ${esc(trade.outTradeNo)}</div>
  ${buttons}
</section>`;
  // Our own script: one click only (a double tap must not pay twice; the server refuses it anyway).
  const script = `document.getElementById('cashier')?.addEventListener('submit', function (e) {
  var chosen = e.submitter; var form = e.target;
  if (chosen) { var h = document.createElement('input'); h.type = 'hidden'; h.name = 'action'; h.value = chosen.value; form.appendChild(h); }
  form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
  if (chosen) chosen.textContent = '处理中…';
});`;
  return page(`${merchant} - 支付`, body, payable ? script : '');
}

function resultPage(title: string, message: string, redirect: URL | null): string {
  return page(title, `<div class="badge">微信支付 · 本地沙箱</div>
<section class="card"><div class="merchant">${esc(title)}</div><p class="desc">${esc(message)}</p>
<div class="actions">${backLink(redirect)}</div></section>`);
}

export function cashierRoutes(pay: PaySandbox): Route[] {
  return [
    { method: 'GET', path: '/cashier', handler: (ctx) => {
      const prepay = ctx.url.searchParams.get('prepay') ?? '';
      const redirect = safeRedirect(ctx.url.searchParams.get('redirect'));
      const trade = prepay ? pay.book.byPrepayId(prepay) : undefined;
      if (!trade) return html(ctx, 404, resultPage('支付单不存在', 'prepay_id 无效或已被清空。', redirect));
      html(ctx, 200, renderCashier(pay, trade, redirect));
    } },
    { method: 'POST', path: '/cashier/action', handler: async (ctx) => {
      const form = new URLSearchParams((await ctx.body()).toString('utf8'));
      const action = form.get('action') as keyof typeof RESULT | null;
      const redirect = safeRedirect(form.get('redirect'));
      if (!action || !(action in RESULT)) return html(ctx, 400, resultPage('无效操作', '请选择 确认支付、取消 或 模拟失败。', redirect));
      try {
        await pay.settle(form.get('prepay') ?? '', action);
      } catch (err) {
        if (!(err instanceof PayRefused)) throw err;
        return html(ctx, err.status, resultPage('无法支付', err.message, redirect));
      }
      const result = RESULT[action];
      if (redirect) {
        redirect.searchParams.set('payResult', result.param);
        ctx.res.writeHead(303, { location: redirect.href }).end();
        return;
      }
      html(ctx, 200, resultPage(result.title, action === 'pay' ? '商家将收到支付结果通知。' : '订单仍未支付。', null));
    } },
  ];
}
