// The probe without any open API permission in its config.json: cloud calls must be refused with
// -604101 (docs/wechat-contracts.md §1.7, §7.10). Same snippet runner as ../probe.
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;

exports.main = async (event, context) => {
  try {
    const fn = new AsyncFunction('cloud', 'db', '_', '$', 'event', 'context', event.code);
    return { ok: true, value: await fn(cloud, cloud.database(), cloud.database().command, null, event, context) };
  } catch (e) {
    return { ok: false, error: { name: e.name, message: e.message, errMsg: e.errMsg, errCode: e.errCode, code: e.code, isError: e instanceof Error } };
  }
};
