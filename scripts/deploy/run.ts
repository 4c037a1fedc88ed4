// Carries out a deployment plan with WeChat's and CloudBase's own tools, step by step, stopping at the
// first failure (every step can be re-run: creating what exists is skipped, uploads replace).
// - miniprogram-ci (WeChat's CI module): the mini-program version, the function code, the timer triggers;
//   it signs with the MP console's code-upload key.
// - @cloudbase/manager-node (CloudBase's management SDK): collections, indexes, database and storage
//   rules and the function timeout, which miniprogram-ci cannot do; it signs with the Tencent Cloud API
//   keys of the account that owns the environment (TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY).
// Both are loaded only here, so --dry-run and the tests never touch them. Not exercised offline: keep thin.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Plan, Step } from './plan';

export interface Credentials {
  privateKeyPath: string;
  secretId: string;
  secretKey: string;
}

interface Ci {
  Project: new (o: { appid: string; type: string; projectPath: string; privateKeyPath: string; ignores: string[] }) => unknown;
  upload(o: { project: unknown; version: string; desc: string; robot: number; setting: { useProjectConfig: boolean } }): Promise<unknown>;
  cloud: {
    uploadFunction(o: { project: unknown; env: string; name: string; path: string; remoteNpmInstall: boolean }): Promise<unknown>;
    createTimeTrigger(o: { project: unknown; envId: string; functionName: string; triggersConfig: { name: string; type: string; config: string }[] }): Promise<unknown>;
  };
}

interface Manager {
  database: {
    createCollectionIfNotExists(name: string): Promise<unknown>;
    checkIndexExists(collection: string, index: string): Promise<{ Exists: boolean }>;
    updateCollection(collection: string, info: { CreateIndexes: { IndexName: string; MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: { Name: string; Direction: string }[] } }[] }): Promise<unknown>;
  };
  functions: { updateFunctionConfig(f: { name: string; timeout: number }): Promise<unknown> };
  storage: { setStorageAcl(acl: 'CUSTOM', rule: Record<string, boolean | string>): Promise<unknown> };
  commonService(): { call(o: { Action: string; Param: Record<string, unknown> }): Promise<unknown> };
}

export async function runPlan(plan: Plan, root: string, configFile: string, cred: Credentials, log: (line: string) => void): Promise<void> {
  const ci = require('miniprogram-ci') as Ci;
  const project = new ci.Project({ appid: plan.appId, type: 'miniProgram', projectPath: root, privateKeyPath: cred.privateKeyPath, ignores: ['node_modules/**/*'] });
  const CloudBase = require('@cloudbase/manager-node') as new (o: { secretId: string; secretKey: string; envId: string }) => Manager;
  const manager = new CloudBase({ secretId: cred.secretId, secretKey: cred.secretKey, envId: plan.env });
  const env = { ...process.env, KAIDIAN_CONFIG: configFile };
  const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: root, env, stdio: 'inherit' });

  const run: Record<Step['kind'], (s: never) => Promise<unknown> | unknown> = {
    'build-functions': () => sh(process.execPath, [path.join(root, 'scripts/build-functions.mjs')]),
    'build-weapp': () => sh('npm', ['run', 'build:weapp']),
    'check-weapp': () => sh('npm', ['run', 'check:weapp']),
    function: async (s: Extract<Step, { kind: 'function' }>) => {
      // config.json travels in the folder, as with DevTools, which is where the openapi permissions come from.
      await ci.cloud.uploadFunction({ project, env: plan.env, name: s.name, path: s.dir, remoteNpmInstall: true });
      await manager.functions.updateFunctionConfig({ name: s.name, timeout: s.timeout });
      if (s.trigger) await ci.cloud.createTimeTrigger({ project, envId: plan.env, functionName: s.name, triggersConfig: [s.trigger] });
    },
    collection: async (s: Extract<Step, { kind: 'collection' }>) => {
      const c = s.collection;
      await manager.database.createCollectionIfNotExists(c.name);
      for (const index of c.indexes) {
        if ((await manager.database.checkIndexExists(c.name, index.name)).Exists) continue;
        const keys = Object.entries(index.keys).map(([Name, d]) => ({ Name, Direction: String(d) }));
        await manager.database.updateCollection(c.name, { CreateIndexes: [{ IndexName: index.name, MgoKeySchema: { MgoIsUnique: !!index.unique, MgoIndexKeys: keys } }] });
      }
    },
    'database-rule': (s: Extract<Step, { kind: 'database-rule' }>) =>
      manager.commonService().call({ Action: 'ModifySafeRule', Param: { EnvId: plan.env, CollectionName: s.collection, AclTag: 'CUSTOM', Rule: JSON.stringify(s.rule) } }),
    'storage-rule': (s: Extract<Step, { kind: 'storage-rule' }>) => manager.storage.setStorageAcl('CUSTOM', s.rule),
    'upload-weapp': (s: Extract<Step, { kind: 'upload-weapp' }>) =>
      ci.upload({ project, version: s.version, desc: s.desc, robot: s.robot, setting: { useProjectConfig: true } }),
  };

  for (const [i, step] of plan.steps.entries()) {
    log(`[${i + 1}/${plan.steps.length}] ${step.kind}${'name' in step ? ` ${step.name}` : 'collection' in step ? ` ${typeof step.collection === 'string' ? step.collection : step.collection.name}` : ''}`);
    await run[step.kind](step as never);
  }
}
