// The conformance probe: a real cloud function that runs a snippet against the real wx-server-sdk
// and reports what the SDK returned or threw. Deployable as is to a real environment, so the same
// suite can run against CloudBase by switching the target (test/conformance/target.ts).
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;

function describeError(e) {
  if (typeof e === 'string') return { thrownString: e, message: e };
  if (!e || typeof e !== 'object') return { thrownValue: e };
  return {
    name: e.name,
    message: e.message,
    errMsg: e.errMsg,
    errCode: e.errCode,
    code: e.code,
    requestID: e.requestID,
    isError: e instanceof Error,
  };
}

exports.main = async (event, context) => {
  if (event && event.code === undefined && event.echo) return event.echo;
  const db = cloud.database(event.dbOptions || {});
  const _ = db.command;
  const $ = _.aggregate;
  try {
    const fn = new AsyncFunction('cloud', 'db', '_', '$', 'event', 'context', event.code);
    const value = await fn(cloud, db, _, $, event, context);
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: describeError(e) };
  }
};
