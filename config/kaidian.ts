// The one Kaidian configuration (kaidian.config.json, git-ignored; kaidian.config.example.json committed):
// AppID, cloud environment, subscribe templates, pay settings, service categories, upload key path.
// Read by the weapp build (config/index.ts), npm run doctor and npm run deploy. Nothing here is secret:
// the upload key and the cloud API keys stay in files and environment variables outside the repository.
// Lives in config/ because Taro compiles only this folder when it loads config/index.ts.
import fs from 'node:fs';
import path from 'node:path';
import type { TemplatesConfig } from '../core/subscribe-templates';

export const ROOT = path.resolve(__dirname, '..');
export const EXAMPLE_FILE = 'kaidian.config.example.json';
export const REAL_FILE = 'kaidian.config.json';

/** What a shop can sell; each needs a service category that covers it (docs/deploy.md). */
export type GoodsKind = 'goods' | 'membership' | 'digital';
export const GOODS_KINDS: readonly GoodsKind[] = ['goods', 'membership', 'digital'];

export interface Merchant {
  /** The WeChat Pay merchant number (商户号) bound to the cloud environment for Cloud Pay. */
  subMchId: string;
  name: string;
}

export interface ServiceCategory {
  /** As the MP console lists it (设置 → 基本设置 → 服务类目), e.g. "商家自营 > 百货". */
  path: string;
  covers: GoodsKind[];
}

export const PAY_MODES = ['cloudpay', 'v3-partner', 'v3-direct'] as const;
export type PayMode = (typeof PAY_MODES)[number];

export interface KaidianConfig {
  appId: string;
  cloudEnv: string;
  subscribeTemplates: TemplatesConfig;
  /** cloudpay: Cloud Pay; v3-partner / v3-direct: WeChat Pay APIv3, keys in the functions' environment (docs/deploy.md). */
  pay: { mode: PayMode; merchants: Merchant[] };
  serviceCategories: ServiceCategory[];
  sells: GoodsKind[];
  /** The items declared in the MP console's 用户隐私保护指引, as it words them ("收集你的地址"). */
  privacyGuide: string[];
  upload: { privateKeyPath: string; robot: number };
}

export interface LoadedConfig {
  config: KaidianConfig;
  /** Absolute path of the file read. */
  file: string;
  isExample: boolean;
}

/** KAIDIAN_CONFIG if set, else kaidian.config.json when present, else the example. */
export function configFile(root = ROOT, env: NodeJS.ProcessEnv = process.env): string {
  if (env.KAIDIAN_CONFIG) return path.resolve(root, env.KAIDIAN_CONFIG);
  const real = path.join(root, REAL_FILE);
  return fs.existsSync(real) ? real : path.join(root, EXAMPLE_FILE);
}

export function loadConfig(file = configFile()): LoadedConfig {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist (copy ${EXAMPLE_FILE} to ${REAL_FILE} and fill it in)`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const problems = shapeProblems(raw);
  if (problems.length > 0) throw new Error(`${file}:\n  - ${problems.join('\n  - ')}`);
  return { config: raw as KaidianConfig, file, isExample: path.basename(file) === EXAMPLE_FILE };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Structure only (types of the fields); what the values mean is npm run doctor's job. */
export function shapeProblems(raw: unknown): string[] {
  if (!isObject(raw)) return ['the configuration must be a JSON object'];
  const problems: string[] = [];
  const str = (key: string) => { if (typeof raw[key] !== 'string') problems.push(`"${key}" must be a string`); };
  str('appId');
  str('cloudEnv');
  if (!isObject(raw.subscribeTemplates)) problems.push('"subscribeTemplates" must be an object (template name → {id, keywords})');
  const pay = raw.pay;
  if (!isObject(pay) || !PAY_MODES.includes(pay.mode as PayMode) || !Array.isArray(pay.merchants)) {
    problems.push(`"pay" must be {"mode": ${PAY_MODES.map((m) => `"${m}"`).join(' | ')}, "merchants": [{"subMchId", "name"}]}`);
  }
  if (!Array.isArray(raw.serviceCategories)) problems.push('"serviceCategories" must be a list of {"path", "covers"}');
  if (!Array.isArray(raw.sells) || raw.sells.some((k) => !GOODS_KINDS.includes(k as GoodsKind))) {
    problems.push(`"sells" must be a list of ${GOODS_KINDS.join(' / ')}`);
  }
  if (!Array.isArray(raw.privacyGuide) || raw.privacyGuide.some((g) => typeof g !== 'string')) {
    problems.push('"privacyGuide" must be a list of the items declared in the privacy guide');
  }
  if (!isObject(raw.upload) || typeof raw.upload.privateKeyPath !== 'string') problems.push('"upload" must be {"privateKeyPath", "robot"}');
  return problems;
}
