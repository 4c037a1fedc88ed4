// Conformance: a timer-triggered function (02:00 China time on the 1st, docs/wechat-contracts.md §5.1).
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

exports.main = async (event, context) => {
  console.log('fired for', event.Time);
  return { event, wx: cloud.getWXContext(), functionName: context.function_name };
};
