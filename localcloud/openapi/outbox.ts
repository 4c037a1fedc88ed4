// What the open API "sent": subscribe messages, uploaded shipping info, generated mini-program codes.
// Nothing leaves the machine; a person reads GET /outbox, tests read GET /control/outbox.
import type { OutboxMessage } from '../control/client';
import { esc, page } from '../pay/html';
import { chinaDateTime } from '../pay/wire';

export class Outbox {
  readonly messages: OutboxMessage[] = [];

  add(message: OutboxMessage): void {
    this.messages.push(message);
  }

  reset(): void {
    this.messages.length = 0;
  }
}

const KIND_TITLE: Record<OutboxMessage['kind'], string> = {
  subscribeMessage: '订阅消息',
  shippingInfo: '发货信息录入',
  wxacode: '小程序码',
};

/** One line a person can scan: who got what. */
function summary(m: OutboxMessage): string {
  const p = m.payload;
  if (m.kind === 'subscribeMessage') {
    const data = (p.data ?? {}) as Record<string, { value?: unknown }>;
    const values = Object.entries(data).map(([k, v]) => `${k}: ${String(v?.value ?? '')}`).join('；');
    return `发给 ${String(p.touser)} · 模板 ${String(p.templateTitle ?? p.template_id)} · ${values}${p.page ? ` · 跳转 ${String(p.page)}` : ''}`;
  }
  if (m.kind === 'shippingInfo') {
    const key = (p.order_key ?? {}) as Record<string, unknown>;
    const list = (Array.isArray(p.shipping_list) ? p.shipping_list : []) as Record<string, unknown>[];
    const order = key.transaction_id ? `微信支付单 ${String(key.transaction_id)}` : `商户单 ${String(key.out_trade_no)}`;
    return `${order} · ${list.map((s) => `${String(s.item_desc ?? '')}${s.tracking_no ? `（${String(s.express_company)} ${String(s.tracking_no)}）` : ''}`).join('；')}`;
  }
  return `页面 ${String(p.page ?? '(首页)')} · scene ${String(p.scene)}`;
}

export function renderOutbox(messages: readonly OutboxMessage[]): string {
  const rows = [...messages].reverse().map((m) => `<tr>
  <td>${esc(chinaDateTime(m.at))}</td>
  <td>${esc(KIND_TITLE[m.kind])}<br><small>${esc(m.functionName ?? '')}</small></td>
  <td>${esc(summary(m))}<details><summary>详情</summary><pre>${esc(JSON.stringify(m.payload, null, 2))}</pre></details></td>
</tr>`);
  const table = rows.length
    ? `<table><thead><tr><th>时间（北京）</th><th>类型 / 云函数</th><th>内容</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '<p class="desc">还没有消息。</p>';
  return page('发件箱 - 本地云', `<h1>发件箱</h1><p class="meta">本地云的开放接口没有真正发出任何消息；它们都在这里（最新的在上面）。</p>${table}`);
}
