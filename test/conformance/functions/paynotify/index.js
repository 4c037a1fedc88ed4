// A pay/refund notify receiver for the conformance suite. It returns what it saw (SOURCE, OPENID,
// the event) so the sandbox's delivery log shows it, and behaves as the order's `attach` tells it:
//   mode=throw | mode=wrong ({return_code:'SUCCESS'}) | mode=errcode ({errcode:1}) | mode=sleep (timeout)
//   ackAfter=<ms>: answer {errcode:-1} until the (virtual) clock reaches it, then {errcode:0}
//   mode=query: re-query the order with cloudPay.queryOrder before answering (docs/wechat-contracts.md §3.3 authentication)
// Without instructions (refund notifies carry no attach) it answers {errcode: 0, errmsg: 'ok'}.
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

function instructions(attach) {
  const out = {};
  for (const part of String(attach || '').split('&')) {
    const [k, v] = part.split('=');
    if (k) out[k] = v;
  }
  return out;
}

exports.main = async (event) => {
  const ctx = cloud.getWXContext();
  const seen = { SOURCE: ctx.SOURCE, OPENID: ctx.OPENID === undefined ? null : ctx.OPENID, event };
  const how = instructions(event.attach);
  if (how.mode === 'throw') throw new Error('notify handler failed');
  if (how.mode === 'wrong') return { return_code: 'SUCCESS', seen };
  if (how.mode === 'errcode') return { errcode: 1, errmsg: 'busy', seen };
  if (how.mode === 'sleep') await new Promise((r) => setTimeout(r, 5000));
  if (how.ackAfter && Date.now() < Number(how.ackAfter)) return { errcode: -1, errmsg: 'not yet', seen };
  if (how.mode === 'query') {
    const q = await cloud.cloudPay.queryOrder({ subMchId: event.subMchId, outTradeNo: event.outTradeNo });
    return { errcode: 0, errmsg: 'ok', seen, query: { tradeState: q.tradeState, totalFee: q.totalFee, subOpenid: q.subOpenid } };
  }
  return { errcode: 0, errmsg: 'ok', seen };
};
