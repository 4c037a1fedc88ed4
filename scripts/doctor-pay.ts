// The WeChat Pay v3 part of `npm run doctor`: which functions still lack which v3 key (names, never
// values). The keys live only in each function's environment variables — the console's 函数配置 →
// 环境变量 in production, `cloudfunctions/<fn>/.env.local` or `functions.<fn>.env` in
// localcloud.config.json locally (docs/wechat-contracts.md §1.3a) — never in the database or the repo.
// `payKeyFindings` is what the doctor calls; `npx tsx scripts/doctor-pay.ts` prints it on its own.
import fs from 'node:fs';
import path from 'node:path';
import { functionEnv } from '../localcloud/runtime/fnenv';
import { missingV3Keys } from '../server/wechat/wxpay-v3/config';

/** The functions that talk to WeChat Pay v3: place, repay/confirm/cancel, the timer, refunds, notifies. */
export const V3_FUNCTIONS = ['confirmOrder', 'orders', 'sweeper', 'shopAdmin', 'refundNotify', 'payNotifyV3'] as const;

export interface Finding {
  ok: boolean;
  topic: string;
  message: string;
}

/** One finding per function: what it lacks for a v3-partner or v3-direct shop. */
export function payKeyFindings(envOf: (fn: string) => Record<string, string | undefined>): Finding[] {
  return V3_FUNCTIONS.map((fn) => {
    const missing = missingV3Keys(envOf(fn));
    return missing.length === 0
      ? { ok: true, topic: `微信支付 v3 · ${fn}`, message: '密钥齐全' }
      : { ok: false, topic: `微信支付 v3 · ${fn}`, message: `缺少环境变量：${missing.join('、')}（只用云支付的店铺可忽略）` };
  });
}

function main(): void {
  const root = path.resolve(__dirname, '..');
  const configFile = path.join(root, 'localcloud.config.json');
  const config = fs.existsSync(configFile) ? (JSON.parse(fs.readFileSync(configFile, 'utf8')) as { functions?: Record<string, { env?: Record<string, string> }> }) : {};
  const findings = payKeyFindings((fn) => functionEnv(path.join(root, 'cloudfunctions', fn), config.functions?.[fn]?.env));
  for (const f of findings) console.log(`${f.ok ? '✓' : '✗'} ${f.topic}: ${f.message}`);
  process.exitCode = findings.every((f) => f.ok) ? 0 : 1;
}

if (require.main === module) main();
