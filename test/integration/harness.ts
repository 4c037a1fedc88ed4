// Integration harness: the built cloud functions (cloudfunctions/*/index.js, `npm run build:functions`)
// run unmodified in an in-memory local cloud with the real wx-server-sdk; tests call them as WeChat
// users through the gateway, pay in the sandbox, and assert on the database afterwards.
import path from 'node:path';
import fs from 'node:fs';
import { startLocalCloud, type LocalCloud } from '../../localcloud';
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

export interface Harness {
  cloud: LocalCloud;
  control: ControlClient;
  /** Call `fn` with `{action, payload}` as the WeChat user `openid`; the function's Result. */
  call<T = unknown>(fn: string, action: string, payload: Record<string, unknown>, openid: string): Promise<Result<T>>;
  /** Committed documents of a collection. */
  docs<T = Record<string, unknown>>(collection: string): T[];
  /** Count of database writes (insert/modify/remove, in or out of transactions) since `seq`. */
  writesSince(seq: number): number;
  close(): Promise<void>;
}

export const WRITE_ACTIONS = [
  'database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.modifyAndReturnDoc',
  'database.updateDocInTransaction', 'database.deleteDocInTransaction', 'database.insertDocInTransaction',
];

export async function startHarness(): Promise<Harness> {
  const built = fs.readdirSync(FUNCTIONS_DIR).some((fn) => fs.existsSync(path.join(FUNCTIONS_DIR, fn, 'index.js')));
  if (!built) {
    throw new Error('cloud functions are not built: run `npm run build:functions` (npm test does it)');
  }
  const cloud = await startLocalCloud({
    port: 0,
    dataDir: null,
    functionsDir: FUNCTIONS_DIR,
    collectionsFile: COLLECTIONS_FILE,
    quiet: true,
    config: { merchants: [{ subMchId: MERCHANT, name: '街角小店' }], templates: TEMPLATES },
  });
  const control = new ControlClient(cloud.url);
  return {
    cloud,
    control,
    async call<T>(fn: string, action: string, payload: Record<string, unknown>, openid: string) {
      const reply = await control.callFunction<Result<T>>(fn, { action, payload }, openid);
      if (!reply.ok) throw new Error(`${fn}.${action} invocation failed: ${reply.errCode} ${reply.errMsg}`);
      return reply.result;
    },
    docs: <T>(collection: string) => cloud.db.documents(collection) as T[],
    writesSince(seq: number) {
      return cloud.requests.list({ since: seq }).filter((r) => WRITE_ACTIONS.includes(r.action)).length;
    },
    close: () => cloud.close(),
  };
}

/** Unwrap an ok Result or fail the test with the code. */
export function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message} ${JSON.stringify(result.details ?? {})}`);
  return result.data;
}
