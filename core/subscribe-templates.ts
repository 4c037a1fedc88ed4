// The subscribe-message templates (docs/product.md §17; docs/wechat-contracts.md §1.7), shared by the server that
// sends them and the mini-program that asks for them (wx.requestSubscribeMessage). The ids and keyword
// names belong to the deployment — the operator picks the templates in the MP console (订阅消息 → 我的模板)
// and writes them into kaidian.config.json — so they are not in the code: the builds inject
// `subscribeTemplates` as the constant KAIDIAN_TEMPLATES (esbuild `define` for the functions, Taro
// `defineConstants` for the mini-program), and everything else (tests, the local cloud) uses the
// example configuration's. What stays here is what the code sends: for each template, its values in order
// and the WeChat value type each needs (thing ≤ 20 chars, character_string ≤ 32 ASCII, amount, time, date).
import example from '../kaidian.config.example.json';

export type TemplateName = 'orderPaid' | 'orderAccepted' | 'orderShipped' | 'membershipRenewal';
export type ValueKind = 'character_string' | 'thing' | 'amount' | 'time' | 'date';

export interface TemplateField {
  /** The name kaidian.config.json maps to a keyword (`"orderNo": "character_string1"`). */
  name: string;
  kind: ValueKind;
  label: string;
}

export interface TemplateNeed {
  title: string;
  to: 'owner' | 'buyer';
  /** In the order server/notifications/notify.ts passes the values. */
  fields: TemplateField[];
}

const f = (name: string, kind: ValueKind, label: string): TemplateField => ({ name, kind, label });

export const TEMPLATE_NEEDS: Record<TemplateName, TemplateNeed> = {
  orderPaid: {
    title: '新订单通知', to: 'owner',
    fields: [f('orderNo', 'character_string', '订单号'), f('goods', 'thing', '商品'), f('amount', 'amount', '金额'), f('paidAt', 'time', '支付时间')],
  },
  orderAccepted: {
    title: '订单已接单通知', to: 'buyer',
    fields: [f('orderNo', 'character_string', '订单号'), f('goods', 'thing', '商品'), f('status', 'thing', '订单状态'), f('acceptedAt', 'time', '接单时间')],
  },
  orderShipped: {
    title: '订单发货通知', to: 'buyer',
    fields: [f('orderNo', 'character_string', '订单号'), f('goods', 'thing', '商品'), f('method', 'thing', '配送方式'), f('detail', 'thing', '配送信息')],
  },
  membershipRenewal: {
    title: '会员到期提醒', to: 'buyer',
    fields: [f('shop', 'thing', '店铺'), f('plan', 'thing', '会员'), f('expiresOn', 'date', '到期日期'), f('note', 'thing', '备注')],
  },
};

export const TEMPLATE_NAMES = Object.keys(TEMPLATE_NEEDS) as TemplateName[];

/** One template as kaidian.config.json gives it: the id and, per field, the template's keyword. */
export interface TemplateConfig {
  id: string;
  keywords: Record<string, string>;
}
export type TemplatesConfig = Record<TemplateName, TemplateConfig>;

/** What a send needs: the id and the `data` keys in value order. */
export interface TemplateSpec {
  id: string;
  title: string;
  keys: string[];
}

export function templateSpec(name: TemplateName, config: TemplatesConfig): TemplateSpec {
  const need = TEMPLATE_NEEDS[name];
  const c = config[name];
  return { id: c?.id ?? '', title: need.title, keys: need.fields.map((field) => c?.keywords?.[field.name] ?? '') };
}

/** WeChat keyword names are the value type and a number: thing2, character_string1, time4. */
const KEYWORD = /^([a-z_]+?)(\d+)$/;

/** In plain words, what is wrong with one template's configuration (empty when it matches the code). */
export function templateProblems(name: TemplateName, config: Partial<TemplatesConfig> | undefined): string[] {
  const need = TEMPLATE_NEEDS[name];
  const c = config?.[name];
  if (!c) return [`${need.title} (${name}): not configured`];
  const problems: string[] = [];
  if (typeof c.id !== 'string' || c.id.trim() === '') problems.push(`${need.title} (${name}): no template id`);
  const seen = new Set<string>();
  for (const field of need.fields) {
    const keyword = c.keywords?.[field.name];
    if (typeof keyword !== 'string' || keyword === '') {
      problems.push(`${need.title} (${name}): no keyword for ${field.name} (${field.label}, a ${field.kind} keyword)`);
      continue;
    }
    const m = KEYWORD.exec(keyword);
    if (!m || m[1] !== field.kind) {
      problems.push(`${need.title} (${name}): ${field.name} (${field.label}) is sent as ${field.kind}, but the keyword is "${keyword}" — pick the template's ${field.kind}N keyword`);
    }
    if (seen.has(keyword)) problems.push(`${need.title} (${name}): keyword "${keyword}" is used twice`);
    seen.add(keyword);
  }
  const known = new Set(need.fields.map((field) => field.name));
  for (const extra of Object.keys(c.keywords ?? {})) {
    if (!known.has(extra)) problems.push(`${need.title} (${name}): "${extra}" is not a value the code sends (it sends ${[...known].join(', ')})`);
  }
  return problems;
}

declare const KAIDIAN_TEMPLATES: TemplatesConfig | undefined;

/** The deployment's templates: the build's define, else the example configuration's (local cloud, tests). */
export const CONFIGURED_TEMPLATES: TemplatesConfig =
  typeof KAIDIAN_TEMPLATES !== 'undefined' && KAIDIAN_TEMPLATES ? KAIDIAN_TEMPLATES : (example.subscribeTemplates as TemplatesConfig);

/** New paid order → the shop owner. */
export const ORDER_PAID_TEMPLATE: TemplateSpec = templateSpec('orderPaid', CONFIGURED_TEMPLATES);
/** The owner accepted the order → the buyer. */
export const ORDER_ACCEPTED_TEMPLATE: TemplateSpec = templateSpec('orderAccepted', CONFIGURED_TEMPLATES);
/** Ready for pickup / out for delivery / shipped → the buyer. */
export const ORDER_SHIPPED_TEMPLATE: TemplateSpec = templateSpec('orderShipped', CONFIGURED_TEMPLATES);
/** 3 days before a membership runs out → the member. */
export const MEMBERSHIP_RENEWAL_TEMPLATE: TemplateSpec = templateSpec('membershipRenewal', CONFIGURED_TEMPLATES);

/** The owner replaced a bought file → every buyer holding it (asked when they buy a digital good). */
export const DIGITAL_UPDATED_TEMPLATE: TemplateSpec = {
  id: 'KD_DIGITAL_UPDATED_0001',
  title: '内容更新提醒',
  keys: ['thing1', 'thing2', 'thing3'],
};

export const TEMPLATES: TemplateSpec[] = [
  ORDER_PAID_TEMPLATE, ORDER_ACCEPTED_TEMPLATE, ORDER_SHIPPED_TEMPLATE, MEMBERSHIP_RENEWAL_TEMPLATE, DIGITAL_UPDATED_TEMPLATE,
];

/** A `thing` value: at most 20 characters (§1.7 "参数值内容限制"; 47003 otherwise). */
export function thing(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length === 0) return '-';
  return chars.length <= 20 ? chars.join('') : `${chars.slice(0, 19).join('')}…`;
}
