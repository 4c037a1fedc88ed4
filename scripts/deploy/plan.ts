// The deployment as data: every step npm run deploy takes, in order, built from the configuration and
// the repository without any network. --dry-run prints it; the executor (run.ts) carries it out.
import path from 'node:path';
import type { KaidianConfig } from '../../config/kaidian';
import { TEMPLATE_NAMES, templateProblems } from '../../core/subscribe-templates';
import type { CollectionSpec, FunctionConfig, Repo, Rule } from './repo';

export type Step =
  | { kind: 'build-functions' }
  | { kind: 'build-weapp' }
  | { kind: 'check-weapp' }
  | { kind: 'function'; name: string; dir: string; timeout: number; openapi: string[]; trigger: NonNullable<FunctionConfig['triggers']>[number] | null }
  | { kind: 'collection'; collection: CollectionSpec }
  | { kind: 'database-rule'; collection: string; rule: Rule }
  | { kind: 'storage-rule'; file: string; rule: Rule }
  | { kind: 'upload-weapp'; version: string; desc: string; robot: number };

export interface Plan {
  appId: string;
  env: string;
  steps: Step[];
  /** What makes the plan impossible to carry out; a deploy with problems does not start. */
  problems: string[];
}

const MAX_RULE_CHARS = 1024; // docs/wechat-contracts.md §2.11: an expression is at most 1024 characters

function ruleProblems(where: string, rule: unknown): string[] {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return [`${where}: a rule is an object such as {"read": false, "write": false}`];
  const r = rule as Record<string, unknown>;
  const problems: string[] = [];
  if (!('read' in r) || !('write' in r)) problems.push(`${where}: a rule needs "read" and "write"`);
  for (const [key, value] of Object.entries(r)) {
    if (!['read', 'write', 'create', 'update', 'delete'].includes(key)) problems.push(`${where}: "${key}" is not a rule key (read, write, create, update, delete)`);
    else if (typeof value !== 'boolean' && typeof value !== 'string') problems.push(`${where}: "${key}" must be true, false or an expression`);
    else if (typeof value === 'string' && value.length > MAX_RULE_CHARS) problems.push(`${where}: "${key}" is longer than ${MAX_RULE_CHARS} characters`);
  }
  return problems;
}

export function makePlan(config: KaidianConfig, repo: Repo, release: { version: string; desc: string }): Plan {
  const problems: string[] = [];
  if (!/^wx[0-9a-f]{16}$/.test(config.appId)) problems.push(`appId "${config.appId}" is not an AppID ("wx" and 16 hex digits)`);
  if (!config.cloudEnv) problems.push('cloudEnv is empty');
  for (const name of TEMPLATE_NAMES) problems.push(...templateProblems(name, config.subscribeTemplates));
  const steps: Step[] = [{ kind: 'build-functions' }, { kind: 'build-weapp' }, { kind: 'check-weapp' }];
  for (const fn of repo.functions) {
    const triggers = fn.config.triggers ?? [];
    if (triggers.length > 1) problems.push(`cloudfunctions/${fn.name}/config.json: WeChat allows one trigger per function (§5.1)`);
    steps.push({ kind: 'function', name: fn.name, dir: fn.dir, timeout: fn.config.timeout ?? 3, openapi: fn.config.permissions?.openapi ?? [], trigger: triggers[0] ?? null });
  }
  for (const collection of repo.collections) steps.push({ kind: 'collection', collection });
  const names = new Set(repo.collections.map((c) => c.name));
  problems.push(...ruleProblems('database/security-rules.json default', repo.databaseRules.default));
  for (const [name, rule] of Object.entries(repo.databaseRules.collections ?? {})) {
    if (!names.has(name)) problems.push(`database/security-rules.json: "${name}" is not a collection of database/collections.json`);
    problems.push(...ruleProblems(`database/security-rules.json ${name}`, rule));
  }
  for (const c of repo.collections) {
    steps.push({ kind: 'database-rule', collection: c.name, rule: repo.databaseRules.collections?.[c.name] ?? repo.databaseRules.default });
  }
  const storageFile = path.relative(path.resolve(repo.storageRulesFile, '../..'), repo.storageRulesFile);
  if (repo.storageRules === null) problems.push(`${storageFile} is missing: the storage rules (photos and logos readable by all, /files/ never, writes by their creator) must be in the repository before a deploy`);
  else problems.push(...ruleProblems(storageFile, repo.storageRules));
  steps.push({ kind: 'storage-rule', file: storageFile, rule: repo.storageRules ?? {} });
  steps.push({ kind: 'upload-weapp', version: release.version, desc: release.desc, robot: config.upload.robot || 1 });
  return { appId: config.appId, env: config.cloudEnv, steps, problems };
}

const keysOf = (keys: Record<string, number>) => Object.entries(keys).map(([k, d]) => `${k} ${d === 1 ? 'asc' : 'desc'}`).join(', ');
const ruleText = (rule: Rule) => JSON.stringify(rule);

/** One line a step, numbered, as --dry-run prints them. */
export function describePlan(plan: Plan): string[] {
  const lines = [`Deploy to AppID ${plan.appId}, cloud environment ${plan.env}:`];
  plan.steps.forEach((s, i) => {
    const n = `${String(i + 1).padStart(2)}.`;
    switch (s.kind) {
      case 'build-functions': lines.push(`${n} build the cloud functions with this configuration's subscribe templates (esbuild)`); break;
      case 'build-weapp': lines.push(`${n} build the mini-program (taro build --type weapp) with this AppID, env and templates`); break;
      case 'check-weapp': lines.push(`${n} check it with WeChat's compiler (npm run check:weapp); stop on any error or warning`); break;
      case 'function': lines.push(`${n} upload function ${s.name} (config.json: timeout ${s.timeout} s, openapi ${s.openapi.length ? s.openapi.join(', ') : 'none'}${s.trigger ? `; timer ${s.trigger.name} "${s.trigger.config}"` : ''}), dependencies installed in the cloud`); break;
      case 'collection': lines.push(`${n} collection ${s.collection.name}: create if missing; indexes ${s.collection.indexes.map((x) => `${x.name} (${keysOf(x.keys)}${x.unique ? ', unique' : ''})`).join('; ') || 'none'}`); break;
      case 'database-rule': lines.push(`${n} database rule for ${s.collection}: ${ruleText(s.rule)}`); break;
      case 'storage-rule': lines.push(`${n} storage rule from ${s.file}: ${Object.keys(s.rule).length ? ruleText(s.rule) : '(file missing)'}`); break;
      case 'upload-weapp': lines.push(`${n} upload mini-program version ${s.version} ("${s.desc}") as CI robot ${s.robot}; then submit it for review in the MP console`); break;
    }
  });
  return lines;
}
