// subscribeMessage.send (docs/wechat-contracts.md §1.7): a template configured in the local cloud, a
// subscription the user accepted (each wx.requestSubscribeMessage accept grants one send), and data
// within the per-type limits of 订阅消息 ("参数值内容限制"). Errors 40037 / 43101 / 47003.
import type { TemplateConfig } from '../config';
import { WxApiError, isObject } from './errors';

/** One send per accepted subscription, per user and template. */
export class Subscriptions {
  private quota = new Map<string, Map<string, number>>();

  grant(openid: string, templateId: string): void {
    const user = this.quota.get(openid) ?? new Map<string, number>();
    user.set(templateId, (user.get(templateId) ?? 0) + 1);
    this.quota.set(openid, user);
  }

  /** Use one send; false when the user has none left for this template. */
  consume(openid: string, templateId: string): boolean {
    const left = this.quota.get(openid)?.get(templateId) ?? 0;
    if (left <= 0) return false;
    this.quota.get(openid)!.set(templateId, left - 1);
    return true;
  }

  of(openid: string): Record<string, number> {
    return Object.fromEntries(this.quota.get(openid) ?? []);
  }

  reset(): void {
    this.quota.clear();
  }

  snapshot(): Record<string, Record<string, number>> {
    return Object.fromEntries([...this.quota].map(([openid, m]) => [openid, Object.fromEntries(m)]));
  }

  restore(snap: Record<string, Record<string, number>>): void {
    this.quota = new Map(Object.entries(snap).map(([openid, m]) => [openid, new Map(Object.entries(m))]));
  }
}

const chars = (s: string) => [...s].length;
const HAN = /^[\u4e00-\u9fa5]+$/;

/** The value rules of each key type (the key minus its trailing digits: `thing1` → `thing`). */
const RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => chars(v) <= 20,
  number: (v) => v.length <= 32 && /^\d+(\.\d+)?$/.test(v),
  letter: (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => chars(v) <= 5 && !/[\dA-Za-z\u4e00-\u9fa5]/.test(v),
  character_string: (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v),
  time: (v) => chars(v) <= 40 && /\d{1,2}:\d{2}/.test(v) && /^[\d年月日:\-/ ~]+$/.test(v),
  date: (v) => chars(v) <= 40 && /\d{4}[年\-/]\d{1,2}[月\-/]\d{1,2}/.test(v) && /^[\d年月日:\-/ ~]+$/.test(v),
  amount: (v) => /^[¥￥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => v.length <= 17 && /^[\d+\-() ]+$/.test(v),
  car_number: (v) => chars(v) <= 8,
  name: (v) => (HAN.test(v) ? chars(v) <= 10 : chars(v) <= 20),
  phrase: (v) => chars(v) <= 5 && HAN.test(v),
};

export interface SendRequest {
  touser: string;
  template: TemplateConfig;
  data: Record<string, { value: string }>;
  page?: string;
}

/** Validate a send (snake_case params, as the SDK converts them); consumption of quota is the caller's. */
export function validateSend(params: Record<string, unknown>, templates: TemplateConfig[]): SendRequest {
  const template = templates.find((t) => t.id === params.template_id);
  if (!template) throw new WxApiError(40037, 'invalid template_id');
  if (typeof params.touser !== 'string' || !params.touser) throw new WxApiError(40003, 'invalid openid');
  if (!isObject(params.data)) throw new WxApiError(47003, 'argument invalid! data is empty');
  const data: Record<string, { value: string }> = {};
  for (const key of template.keys) {
    const entry = params.data[key];
    const raw = isObject(entry) ? entry.value : undefined;
    if (raw === undefined || raw === null || raw === '') throw new WxApiError(47003, `argument invalid! data.${key}.value is empty`);
    const value = String(raw);
    const rule = RULES[key.replace(/\d+$/, '')];
    if (rule && !rule(value)) throw new WxApiError(47003, `argument invalid! data.${key}.value invalid`);
    data[key] = { value };
  }
  if (params.page !== undefined && typeof params.page !== 'string') throw new WxApiError(47003, 'argument invalid! page invalid');
  const state = params.miniprogram_state;
  if (state !== undefined && !['developer', 'trial', 'formal'].includes(String(state))) {
    throw new WxApiError(47003, 'argument invalid! miniprogram_state invalid');
  }
  return { touser: params.touser, template, data, page: params.page as string | undefined };
}
