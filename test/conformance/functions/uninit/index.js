// Conformance: what wx-server-sdk does when a function forgets cloud.init (docs/wechat-contracts.md §1.1).
const cloud = require('wx-server-sdk');

function describe(e) {
  return { message: e.message, errMsg: e.errMsg, errCode: e.errCode, isError: e instanceof Error };
}

exports.main = async () => {
  const out = {};
  try {
    out.context = cloud.getWXContext();
  } catch (e) {
    out.getWXContext = describe(e);
  }
  try {
    out.db = await cloud.database().collection('conf_items').get();
  } catch (e) {
    out.database = describe(e);
  }
  return out;
};
