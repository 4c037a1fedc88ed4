// The local cloud's own configuration: ids, merchants known to the pay sandbox, subscribe-message
// templates. From `localcloud.config.json` (optional) merged with what the caller passes.
import fs from 'node:fs';

export interface MerchantConfig {
  subMchId: string;
  name: string;
}
export interface TemplateConfig {
  /** The template id a function passes to subscribeMessage.send. */
  id: string;
  title: string;
  /** Keys of `data`, e.g. ["thing1", "amount2", "time3"]. */
  keys: string[];
}
/** Per-function settings the console would hold (函数配置). */
export interface FunctionSettings {
  /** Environment variables (docs/wechat-contracts.md §1.3a); `cloudfunctions/<fn>/.env.local` adds to them. */
  env?: Record<string, string>;
}
export interface LocalCloudConfig {
  envId: string;
  appId: string;
  merchants: MerchantConfig[];
  templates: TemplateConfig[];
  functions?: Record<string, FunctionSettings>;
  /** HTTP 访问服务 path table: URL path → function name (docs/wechat-contracts.md §4.6, §5.2). */
  httpAccess?: Record<string, string>;
  /** The function that receives wxa_media_check events (security.mediaCheckAsync verdicts). */
  mediaCheckFunction?: string;
  /** Browser origins allowed to call the gateway and /control (the H5 preview). Loopback tools send no Origin. */
  allowedOrigins?: string[];
}

export const DEFAULT_CONFIG: LocalCloudConfig = {
  envId: 'local-env',
  appId: 'wxlocal0000000000',
  merchants: [],
  templates: [],
};

export function loadConfig(file: string, overrides: Partial<LocalCloudConfig> = {}): LocalCloudConfig {
  let fromFile: Partial<LocalCloudConfig> = {};
  if (fs.existsSync(file)) fromFile = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LocalCloudConfig>;
  return { ...DEFAULT_CONFIG, ...fromFile, ...overrides };
}
