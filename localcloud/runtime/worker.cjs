// One function instance: a child process that serves ONE invocation at a time, like an SCF instance.
// A process, not a worker thread, because the time zone is per process: SCF runs functions in UTC
// unless the function's environment sets TZ (docs/wechat-contracts.md §1.3a), and V8 takes the zone from
// the process's TZ. Plain JS on purpose: jest's transform does not reach child processes.
//
// Per invocation the parent sends { type: 'invoke', requestId, event, context, env, clockOffset }.
// We reset process.env to the instance's clean baseline, apply the invocation's variables (which is
// exactly where wx-server-sdk's getWXContext reads the caller from, docs/wechat-contracts.md §1.3), shift
// Date by the virtual clock's offset, call exports.main(event, context) and post the JSON result.
'use strict';
const util = require('node:util');

const workerData = { file: process.argv[2], name: process.argv[3] };
const parentPort = {
  postMessage: (msg) => process.connected && process.send(msg),
  on: (event, fn) => process.on(event, fn),
};
// The local cloud went away (killed, crashed, test ended): an orphaned instance must not linger.
process.on('disconnect', () => process.exit(0));

const RESULT_LIMIT = 1024 * 1024; // §6: callFunction result ≤ 1 MB (-604001)

// --- clean environment: the parent started us with the host's variables minus its cloud identity,
// plus TZ and the function's own variables (函数配置 → 环境变量); every invocation starts from that ---
const baseline = { ...process.env };

function applyEnv(vars) {
  for (const key of Object.keys(process.env)) if (!(key in baseline)) delete process.env[key];
  for (const [key, value] of Object.entries(baseline)) process.env[key] = value;
  for (const [key, value] of Object.entries(vars)) process.env[key] = value;
}

// --- virtual clock: Date.now() and `new Date()` follow the local cloud's clock ---
const RealDate = Date;
let clockOffset = 0;
function VirtualDate(...args) {
  if (!new.target) return new RealDate(RealDate.now() + clockOffset).toString();
  return Reflect.construct(RealDate, args.length ? args : [RealDate.now() + clockOffset], new.target);
}
VirtualDate.prototype = RealDate.prototype;
VirtualDate.now = () => RealDate.now() + clockOffset;
VirtualDate.parse = RealDate.parse;
VirtualDate.UTC = RealDate.UTC;
Object.defineProperty(VirtualDate, 'name', { value: 'Date' });
globalThis.Date = VirtualDate;

// --- console capture: every line is attributed to the invocation that printed it ---
let current = null; // { requestId, settle }
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  console[level] = (...args) => {
    parentPort.postMessage({
      type: 'log',
      requestId: current ? current.requestId : null,
      level: level === 'debug' ? 'log' : level,
      at: VirtualDate.now(),
      text: util.format(...args),
    });
  };
}

function describe(err) {
  if (err instanceof Error) {
    return { name: err.name, message: err.message, text: String(err), stack: err.stack };
  }
  const text = typeof err === 'string' ? err : util.inspect(err);
  return { name: 'Error', message: text, text, stack: undefined };
}

// Like SCF, an error nobody awaited fails the running invocation instead of killing the instance.
process.on('unhandledRejection', (reason) => {
  console.error('Unhandled promise rejection:', reason);
  if (current) current.settle({ ok: false, error: describe(reason) });
});
process.on('uncaughtException', (err) => {
  console.error('Uncaught exception:', err);
  if (current) current.settle({ ok: false, error: describe(err) });
});

let handler = null;
function load() {
  if (handler) return handler;
  const mod = require(workerData.file);
  if (!mod || typeof mod.main !== 'function') {
    throw new Error(`${workerData.name}: index.js does not export a main function`);
  }
  handler = mod.main;
  return handler;
}

function run(msg) {
  return new Promise((resolve) => {
    let done = false;
    const settle = (outcome) => {
      if (done) return;
      done = true;
      resolve(outcome);
    };
    current = { requestId: msg.requestId, settle };
    const succeed = (value) => {
      let json;
      try {
        json = value === undefined ? undefined : JSON.stringify(value);
      } catch (err) {
        return settle({ ok: false, error: describe(err) });
      }
      const size = json === undefined ? 0 : Buffer.byteLength(json);
      if (size > RESULT_LIMIT) return settle({ ok: false, tooLarge: true, size });
      settle({ ok: true, json, size });
    };
    try {
      const main = load();
      parentPort.postMessage({ type: 'start', requestId: msg.requestId });
      // SCF's Node runtime also accepts callback-style handlers (event, context, callback).
      const callback = (err, value) => (err ? settle({ ok: false, error: describe(err) }) : succeed(value));
      const returned = main(msg.event, msg.context, callback);
      if (returned && typeof returned.then === 'function') {
        returned.then(succeed, (err) => settle({ ok: false, error: describe(err) }));
      } else if (main.length < 3) {
        succeed(returned);
      }
    } catch (err) {
      settle({ ok: false, error: describe(err) });
    }
  });
}

parentPort.on('message', async (msg) => {
  if (msg.type !== 'invoke') return;
  applyEnv(msg.env);
  clockOffset = msg.clockOffset || 0;
  const outcome = await run(msg);
  current = null;
  parentPort.postMessage({ type: 'done', requestId: msg.requestId, ...outcome });
});
