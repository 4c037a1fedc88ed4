// Storage security rules (docs/wechat-contracts.md §1.6, §2.11): `{ "read": …, "write": … }`, each true, false
// or an expression over `auth` (openid for a mini-program user, null when signed out) and `resource`
// (openid: the file's owner — for a new upload, the uploader; path: the cloud path without a leading
// slash). They bind CLIENT requests only — upload, getTempFileURL, downloadFile, deleteFile from the
// mini-program (here: the gateway); functions and the console bypass them [DOC]. A missing key denies.
// The rules are code: database/storage-rules.json is what `npm run deploy` applies.
import fs from 'node:fs';
import { allows, compileRule, type RuleValue } from '../rules/expr';

/** Storage's basic permission when no rules are set: 所有用户可读，仅创建者可读写 [DOC]. */
export const DEFAULT_STORAGE_RULES = { read: true, write: 'resource.openid == auth.openid' } as const;

export type StorageOp = 'read' | 'write';

export class StorageRules {
  private readonly compiled: Partial<Record<StorageOp, RuleValue>>;

  constructor(readonly source: Record<string, unknown>) {
    this.compiled = {};
    for (const [key, value] of Object.entries(source)) {
      if (key !== 'read' && key !== 'write') throw new Error(`storage rules: unknown key "${key}" (only read and write exist)`);
      this.compiled[key] = compileRule(value, `storage rules ${key}`);
    }
  }

  /** The rules in `file`, or the default basic permission when there is no such file. */
  static load(file: string | undefined): StorageRules {
    if (!file || !fs.existsSync(file)) return new StorageRules({ ...DEFAULT_STORAGE_RULES });
    return new StorageRules(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>);
  }

  /** May this client user (`openid` undefined = not signed in) do `op` on the file at `path` owned by `owner`? */
  allows(op: StorageOp, who: { openid?: string }, file: { path: string; owner?: string }): boolean {
    const auth = who.openid ? { openid: who.openid, loginType: 'WECHAT' } : null;
    const resource = { openid: file.owner ?? null, path: file.path.replace(/^\/+/, '') };
    return allows(this.compiled[op], { auth, resource });
  }
}
