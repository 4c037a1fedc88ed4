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
  mediaCheck: '内容安全（多媒体）',
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
  if (m.kind === 'mediaCheck') {
    const result = (p.result ?? {}) as Record<string, unknown>;
    return `trace_id ${String(p.trace_id)} · ${String(result.suggest ?? (p.isrisky ? 'risky' : 'pass'))}`;
  }
  if (p.path !== undefined) return `路径 ${String(p.path)}`;
  return `页面 ${String(p.page ?? '(首页)')} · scene ${String(p.scene)}`;
}

export function renderOutbox(messages: readonly OutboxMessage[]): string {
  const cards = [...messages].reverse().map((m) => `<section class="card item">
  <div class="meta">${esc(chinaDateTime(m.at))}（北京时间）· ${esc(KIND_TITLE[m.kind])}${m.functionName ? ` · 云函数 ${esc(m.functionName)}` : ''}</div>
  <p>${esc(summary(m))}</p>
  <details><summary>详情</summary><pre>${esc(JSON.stringify(m.payload, null, 2))}</pre></details>
</section>`);
  const list = cards.length ? cards.join('\n') : '<p class="desc">还没有消息。</p>';
  return page('发件箱 - 本地云', `<h1>发件箱</h1><p class="meta">本地云的开放接口没有真正发出任何消息；它们都在这里（最新的在上面）。</p>${list}`);
}
