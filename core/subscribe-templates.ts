// The subscribe-message templates (PRODUCT.md item 17; WECHAT-CONTRACTS §1.7), shared by the server that
// sends them and the mini-program that asks for them (wx.requestSubscribeMessage). In
// production these are the ids the operator picks in the mini-program console (订阅消息 → 我的模板);
// the mini-program asks for the same ids in wx.requestSubscribeMessage, and the local cloud is
// configured with this list (test/integration/harness.ts) so sends are validated against the keys.
// Key names carry WeChat's value types: thing ≤ 20 chars, character_string ≤ 32 ASCII, amount, time, date.

export interface TemplateSpec {
  id: string;
  title: string;
  keys: string[];
}

/** New paid order → the shop owner. */
export const ORDER_PAID_TEMPLATE: TemplateSpec = {
  id: 'KD_ORDER_PAID_0001',
  title: '新订单通知',
  keys: ['character_string1', 'thing2', 'amount3', 'time4'],
};

/** The owner accepted the order → the buyer. */
export const ORDER_ACCEPTED_TEMPLATE: TemplateSpec = {
  id: 'KD_ORDER_ACCEPTED_0001',
  title: '订单已接单通知',
  keys: ['character_string1', 'thing2', 'thing3', 'time4'],
};

/** Ready for pickup / out for delivery / shipped → the buyer. */
export const ORDER_SHIPPED_TEMPLATE: TemplateSpec = {
  id: 'KD_ORDER_SHIPPED_0001',
  title: '订单发货通知',
  keys: ['character_string1', 'thing2', 'thing3', 'thing4'],
};

/** 3 days before a membership runs out → the member. */
export const MEMBERSHIP_RENEWAL_TEMPLATE: TemplateSpec = {
  id: 'KD_MEMBER_RENEWAL_0001',
  title: '会员到期提醒',
  keys: ['thing1', 'thing2', 'date3', 'thing4'],
};

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
