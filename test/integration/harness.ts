// Integration harness: the built cloud functions (cloudfunctions/*/index.js, `npm run build:functions`)
// run unmodified in an in-memory local cloud with the real wx-server-sdk; tests call them as WeChat
// users through the gateway, pay in the sandbox, and assert on the database afterwards.
import path from 'node:path';
import fs from 'node:fs';
import { createServer } from 'node:net';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { LocalCloud } from '../../localcloud';
import { ControlClient } from '../../localcloud/control/client';
import type { Result } from '../../core/errors';
import { TEMPLATES } from '../../server/wechat/notifications/templates';

const ROOT = path.resolve(__dirname, '../..');
export const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions');
export const COLLECTIONS_FILE = path.join(ROOT, 'database/collections.json');

export const OWNER = 'oOWNER_0000000000000000000001';
export const BUYER_A = 'oBUYER_A00000000000000000001';
export const BUYER_B = 'oBUYER_B00000000000000000002';
export const MERCHANT = '1900000109';
/** The WeChat Pay v3 merchant of the deployment: a service provider (MERCHANT is its sub-merchant) and, for v3-direct shops, the shop's own mchid. */
export const V3_MCHID = '1230000109';
export const V3_NOTIFY_PATH = '/pay/v3/notify';

/** Concurrent instances per function in a harness cloud, unless a suite asks for more (HarnessOptions.maxInstances). */
export const HARNESS_INSTANCES = 4;

export interface HarnessOptions {
  /**
   * Give every function WeChat Pay v3 keys (made now, never committed) and register the merchant with the
   * sandbox, verifying in public-key or certificate mode (docs/wechat-contracts.md §4.5).
   */
  v3?: 'public_key' | 'certificate';
  /** The collections and indexes the local cloud declares (default database/collections.json). */
  collectionsFile?: string;
  /** Skip sweeper ticks proven idle (default on; off to compare with running every tick). */
  skipIdleTicks?: boolean;
  /**
   * Concurrent instances per function (default 4; further calls queue, as at the platform's limit). Any
   * two calls in flight at once meet the same races; each extra instance is another cold start on the
   * test machine's cores. The storms of `npm run test:sweeps` run through 10.
   */
  maxInstances?: number;
}

export interface Harness {
  cloud: LocalCloud;
  control: ControlClient;
  /** Call `fn` with `{action, payload}` as the WeChat user `openid`; the function's Result. */
  call<T = unknown>(fn: string, action: string, payload: Record<string, unknown>, openid: string): Promise<Result<T>>;
  /** Committed documents of a collection. */
  docs<T = Record<string, unknown>>(collection: string): T[];
  /**
   * Count of database writes (insert/modify/remove, in or out of transactions) since `seq`, by the calls a
   * test makes: not by the sweeper's timer, which ticks as real minutes pass and may find work meanwhile.
   */
  writesSince(seq: number): number;
  close(): Promise<void>;
}

export const WRITE_ACTIONS = [
  'database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.modifyAndReturnDoc',
  'database.updateDocInTransaction', 'database.deleteDocInTransaction', 'database.insertDocInTransaction',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The function environment variables of a v3 deployment against the sandbox, and the merchant to register. */
function v3Setup(cloud: LocalCloud, port: number, mode: 'public_key' | 'certificate') {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serialNo = randomBytes(20).toString('hex').toUpperCase();
  const apiV3Key = randomBytes(16).toString('hex');
  const platform = cloud.pay.v3.platform;
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    WXPAY_MCHID: V3_MCHID, WXPAY_APPID: cloud.config.appId, WXPAY_MCH_SERIAL_NO: serialNo,
    WXPAY_MCH_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, WXPAY_APIV3_KEY: apiV3Key,
    WXPAY_NOTIFY_URL: `${base}${V3_NOTIFY_PATH}`, WXPAY_BASE_URL: base,
    ...(mode === 'public_key' ? { WXPAY_PUBLIC_KEY_ID: platform.publicKeyId, WXPAY_PUBLIC_KEY: platform.publicKeyPem } : { WXPAY_PLATFORM_CERTS: platform.certificatePem }),
  };
  const merchant = {
    mchid: V3_MCHID, name: '开店平台（服务商）', serialNo, publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string, apiV3Key,
    appids: [cloud.config.appId], subMchids: [MERCHANT], mode,
  };
  return { env, merchant };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const built = fs.readdirSync(FUNCTIONS_DIR).some((fn) => fs.existsSync(path.join(FUNCTIONS_DIR, fn, 'index.js')));
  if (!built) {
    throw new Error('cloud functions are not built: run `npm run build:functions` (npm test does it)');
  }
  const port = options.v3 ? await freePort() : 0;
  const cloud = new LocalCloud({
    port,
    dataDir: null,
    functionsDir: FUNCTIONS_DIR,
    collectionsFile: options.collectionsFile ?? COLLECTIONS_FILE,
    quiet: true,
    // Every query the functions make must be served by an index of database/collections.json.
    checkIndexes: true,
    // The sweeper decides from what it reads: a minute it would find nothing is skipped (runtime/idle-ticks.ts).
    skipIdleTicks: options.skipIdleTicks ?? true,
    // A suite's clouds share warm function instances (localcloud/runtime/pool.ts): a cold start per cloud
    // and function was a third of npm test's CPU.
    keepInstances: true,
    maxInstances: options.maxInstances ?? HARNESS_INSTANCES,
    config: { merchants: [{ subMchId: MERCHANT, name: '街角小店' }], templates: TEMPLATES },
  });
  if (options.v3) {
    const { env, merchant } = v3Setup(cloud, port, options.v3);
    const names = fs.readdirSync(FUNCTIONS_DIR).filter((fn) => fs.existsSync(path.join(FUNCTIONS_DIR, fn, 'index.js')));
    cloud.config.functions = Object.fromEntries(names.map((fn) => [fn, { env }]));
    cloud.functions.httpAccess.set({ [V3_NOTIFY_PATH]: 'payNotifyV3' });
    cloud.pay.v3.register(merchant);
  }
  await cloud.start();
  const control = new ControlClient(cloud.url);
  return {
    cloud,
    control,
    async call<T>(fn: string, action: string, payload: Record<string, unknown>, openid: string) {
      const reply = await control.callFunction<Result<T>>(fn, { action, payload }, openid);
      if (!reply.ok) throw new Error(`${fn}.${action} invocation failed: ${reply.errCode} ${reply.errMsg}`);
      const result = reply.result;
      if (!result.ok && result.code === 'INTERNAL_ERROR') {
        // What the function logged, for `data()` to show when the test expected success (not a field of the Result).
        const logs = cloud.functions.invocations({ functionName: fn }).find((r) => r.requestId === reply.requestID)?.logs ?? [];
        Object.defineProperty(result, FUNCTION_LOGS, { value: logs.filter((l) => l.level !== 'log').map((l) => l.text).join('\n').slice(0, 2000) });
      }
      return result;
    },
    docs: <T>(collection: string) => cloud.db.documents(collection) as T[],
    writesSince(seq: number) {
      return cloud.requests.list({ since: seq }).filter((r) => WRITE_ACTIONS.includes(r.action) && r.source !== 'wx_trigger').length;
    },
    async close() {
      const scans = cloud.db.unindexed();
      await cloud.close();
      if (scans.length) throw new Error(unindexedReport(scans));
    },
  };
}

/** The failure a suite ends with when a function queried without a supporting index (core/collections.ts). */
export function unindexedReport(scans: ReturnType<LocalCloud['db']['unindexed']>): string {
  const lines = scans.map((q) => `  ${q.functionName}: ${q.action} ${q.collection} ${q.query}${q.order ? ` order ${JSON.stringify(q.order)}` : ''} (×${q.count})`);
  return `${scans.length} query shape(s) no index of database/collections.json serves — add one in core/collections.ts:\n${lines.join('\n')}`;
}

const FUNCTION_LOGS = Symbol('function logs');

/** Unwrap an ok Result or fail the test with the code (and, for INTERNAL_ERROR, what the function logged). */
export function data<T>(result: Result<T>): T {
  if (!result.ok) {
    const logs = (result as { [FUNCTION_LOGS]?: string })[FUNCTION_LOGS];
    throw new Error(`expected ok, got ${result.code}: ${result.message} ${JSON.stringify(result.details ?? {})}${logs ? `\nthe function logged:\n${logs}` : ''}`);
  }
  return result.data;
}
