// A function's own environment variables, as the console's 函数配置 → 环境变量 (or cloudbaserc.json
// `envVariables`) sets them on the real platform (docs/wechat-contracts.md §1.3a): the place for secrets such
// as WeChat Pay keys. Locally they come from `cloudfunctions/<fn>/.env.local` (git-ignored, KEY=VALUE
// lines) and from `functions.<fn>.env` in localcloud.config.json; the file wins. Only that function's
// instances see them.
import fs from 'node:fs';
import path from 'node:path';

export const ENV_FILE = '.env.local';
/** SCF: names start with a letter, then letters, digits and underscores. */
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Set by the platform per invocation; a function's configuration cannot override them. */
const RESERVED = /^(WX_|TCB_|TENCENTCLOUD_|SCF_)/;

/** Parse `KEY=VALUE` lines (`#` comments, optional quotes); throws on a name the platform refuses. */
export function parseEnvFile(text: string, file = ENV_FILE): Record<string, string> {
  const env: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).replace(/^export\s+/, '').trim();
    if (eq < 0 || !NAME.test(key)) throw new Error(`${file}:${i + 1}: expected KEY=VALUE with a name like PAY_MCH_ID`);
    let value = line.slice(eq + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    env[key] = value.replace(/\\n/g, '\n');
  });
  return checked(env, file);
}

function checked(env: Record<string, string>, where: string): Record<string, string> {
  for (const key of Object.keys(env)) {
    if (!NAME.test(key)) throw new Error(`${where}: ${key} is not a valid variable name`);
    if (RESERVED.test(key)) throw new Error(`${where}: ${key} is set by the platform and cannot be configured`);
    if (typeof env[key] !== 'string') throw new Error(`${where}: ${key} must be a string`);
  }
  return env;
}

/** The variables of the function in `dir`: config first, then its .env.local over them. */
export function functionEnv(dir: string, fromConfig: Record<string, string> | undefined): Record<string, string> {
  const name = path.basename(dir);
  const env = { ...checked({ ...fromConfig }, `localcloud.config.json functions.${name}.env`) };
  const file = path.join(dir, ENV_FILE);
  if (fs.existsSync(file)) Object.assign(env, parseEnvFile(fs.readFileSync(file, 'utf8'), file));
  return env;
}
