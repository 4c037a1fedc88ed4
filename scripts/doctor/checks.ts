// npm run doctor's checks: a configuration against what a real deployment needs, in plain words. Pure:
// the CLI (scripts/doctor.ts) gathers the facts (the build's private APIs and sizes, the upload key,
// the cloud API keys) and prints the findings.
import { GOODS_KINDS, type GoodsKind, type KaidianConfig } from '../../config/kaidian';
import { TEMPLATE_NAMES, TEMPLATE_NEEDS, templateProblems } from '../../core/subscribe-templates';
import { PRIVATE_APIS, type PrivateApiName } from '../../src/privacy/apis';

export interface DoctorFacts {
  /** Private APIs the built code calls (scripts/weapp-check/private-apis.ts); null when not built. */
  privateApisUsed: string[] | null;
  /** app.json requiredPrivateInfos of the build; null when not built. */
  requiredPrivateInfos: string[] | null;
  /** Package sizes of the build in KB (main first); null when not built. */
  packagesKb: { name: string; kb: number }[] | null;
  mainBudgetKb: number;
  packageLimitKb: number;
  /** Whether upload.privateKeyPath names a file that exists. */
  uploadKeyExists: boolean;
  /** Whether TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY are set (npm run deploy's environment steps). */
  cloudApiKeys: boolean;
}

export interface Finding {
  ok: boolean;
  topic: string;
  message: string;
}

const EXAMPLE_APPID = 'wx0000000000000000';
const EXAMPLE_ENV = 'local-env';
const EXAMPLE_MERCHANT = '1900000109';
const KIND_WORDS: Record<GoodsKind, string> = { goods: '实物商品', membership: '会员（虚拟商品）', digital: '电子文件（虚拟商品）' };

const ok = (topic: string, message: string): Finding => ({ ok: true, topic, message });
const fix = (topic: string, message: string): Finding => ({ ok: false, topic, message });

function appId(c: KaidianConfig): Finding {
  if (c.appId === EXAMPLE_APPID || c.appId === 'touristappid') {
    return fix('AppID', `"${c.appId}" is a placeholder. Put your mini-program's AppID (MP console → 开发 → 开发管理 → 开发设置) in appId.`);
  }
  if (!/^wx[0-9a-f]{16}$/.test(c.appId)) return fix('AppID', `"${c.appId}" is not an AppID: it is "wx" and 16 hex digits.`);
  return ok('AppID', c.appId);
}

function cloudEnv(c: KaidianConfig): Finding {
  if (c.cloudEnv === '' ) return fix('Cloud environment', 'cloudEnv is empty: without it wx.cloud.init uses whichever environment was created first.');
  if (c.cloudEnv === EXAMPLE_ENV) return fix('Cloud environment', `"${EXAMPLE_ENV}" is the local cloud's. Open 云开发 in WeChat DevTools, create an environment, and put its id in cloudEnv.`);
  if (!/^[a-z][a-z0-9-]{3,39}$/.test(c.cloudEnv)) return fix('Cloud environment', `"${c.cloudEnv}" does not look like an environment id (e.g. kaidian-8gxvz0f70375accc).`);
  return ok('Cloud environment', c.cloudEnv);
}

function templates(c: KaidianConfig): Finding[] {
  return TEMPLATE_NAMES.map((name) => {
    const need = TEMPLATE_NEEDS[name];
    const topic = `Subscribe template ${need.title}`;
    const problems = templateProblems(name, c.subscribeTemplates);
    const id = c.subscribeTemplates?.[name]?.id ?? '';
    if (/^KD_/.test(id)) problems.unshift(`the id "${id}" is the example's: pick 「${need.title}」 (or a close one) in MP console → 订阅消息 → 公共模板库, then copy its id from 我的模板`);
    else if (id && !/^[A-Za-z0-9_-]{20,}$/.test(id)) problems.unshift(`"${id}" does not look like a template id (about 43 letters, digits, - and _)`);
    if (problems.length > 0) {
      const wants = need.fields.map((f) => `${f.name}→${f.kind}N (${f.label})`).join(', ');
      return fix(topic, `${problems.join('; ')}. The code sends, in order: ${wants}.`);
    }
    return ok(topic, `${id}, keywords match what the code sends`);
  });
}

function pay(c: KaidianConfig): Finding {
  const merchants = c.pay.merchants;
  if (merchants.length === 0) return fix('Cloud Pay', 'no merchant: add your 商户号 to pay.merchants and bind it to the cloud environment (云开发控制台 → 设置 → 其他设置 → 微信支付配置).');
  const bad = merchants.filter((m) => !/^\d{10}$/.test(m.subMchId));
  if (bad.length > 0) return fix('Cloud Pay', `${bad.map((m) => `"${m.subMchId}"`).join(', ')}: a 商户号 is 10 digits.`);
  if (merchants.some((m) => m.subMchId === EXAMPLE_MERCHANT)) {
    return fix('Cloud Pay', `${EXAMPLE_MERCHANT} is the example's (WeChat's test number). Put the merchant number(s) bound to your environment in pay.merchants; each shop enters its own in 店铺设置.`);
  }
  return ok('Cloud Pay', `${merchants.map((m) => `${m.subMchId} (${m.name})`).join(', ')}; the binding itself (云开发控制台 → 微信支付配置, confirmed by the merchant) cannot be seen from here`);
}

function categories(c: KaidianConfig): Finding[] {
  return GOODS_KINDS.filter((kind) => c.sells.includes(kind)).map((kind) => {
    const topic = `Service category for ${KIND_WORDS[kind]}`;
    const covering = c.serviceCategories.filter((s) => s.covers.includes(kind));
    if (covering.length > 0) return ok(topic, covering.map((s) => s.path).join(', '));
    const why = kind === 'goods'
      ? 'WeChat reviews what a mini-program sells against its service categories (MP console → 设置 → 基本设置 → 服务类目)'
      : 'memberships and files are virtual goods: WeChat only approves selling them under a service category that allows it, and refuses them on iOS (the app already hides their payment there)';
    return fix(topic, `no category in serviceCategories covers ${kind}: ${why}. Add the category in the console, then list it here with "covers": ["${kind}"] — or remove "${kind}" from sells.`);
  });
}

function privacy(c: KaidianConfig, f: DoctorFacts): Finding[] {
  if (f.privateApisUsed === null) return [fix('Privacy', 'dist/ is not built, so the private APIs cannot be listed: run npm run build:weapp, then npm run doctor again.')];
  const findings: Finding[] = [];
  const known = f.privateApisUsed.filter((a): a is PrivateApiName => a in PRIVATE_APIS);
  const needed = [...new Set(known.map((a) => PRIVATE_APIS[a].guide))];
  const missing = needed.filter((g) => !c.privacyGuide.includes(g));
  if (missing.length > 0) {
    findings.push(fix('Privacy guide', `the code calls ${known.join(', ')}; declare in MP console → 设置 → 服务内容声明 → 用户隐私保护指引: ${missing.map((g) => `「${g}」`).join(' ')}, then list them in privacyGuide.`));
  } else {
    findings.push(ok('Privacy guide', `${needed.length} items declared for ${known.join(', ')}`));
  }
  const undeclared = known.filter((a) => PRIVATE_APIS[a].declare && !(f.requiredPrivateInfos ?? []).includes(a));
  findings.push(undeclared.length > 0
    ? fix('requiredPrivateInfos', `the build calls ${undeclared.join(', ')} without declaring it in app.json: WeChat refuses the call.`)
    : ok('requiredPrivateInfos', `${JSON.stringify(f.requiredPrivateInfos)} covers the address and location APIs the build calls`));
  return findings;
}

function sizes(f: DoctorFacts): Finding {
  if (f.packagesKb === null) return fix('Package sizes', 'dist/ is not built: run npm run build:weapp to measure.');
  const [main, ...subs] = f.packagesKb;
  const over = [
    ...(main.kb > f.mainBudgetKb ? [`main ${Math.round(main.kb)} KB > ${f.mainBudgetKb} KB budget`] : []),
    ...f.packagesKb.filter((p) => p.kb > f.packageLimitKb).map((p) => `${p.name} ${Math.round(p.kb)} KB > WeChat's ${f.packageLimitKb} KB`),
  ];
  const all = [main, ...subs].map((p) => `${p.name} ${Math.round(p.kb)} KB`).join(', ');
  return over.length > 0 ? fix('Package sizes', over.join('; ')) : ok('Package sizes', `${all} (main budget ${f.mainBudgetKb} KB, WeChat's limit ${f.packageLimitKb} KB a package)`);
}

function deployKeys(c: KaidianConfig, f: DoctorFacts): Finding[] {
  return [
    f.uploadKeyExists
      ? ok('Upload key', c.upload.privateKeyPath)
      : fix('Upload key', `${c.upload.privateKeyPath ? `"${c.upload.privateKeyPath}" does not exist` : 'upload.privateKeyPath is empty'}: download the 代码上传密钥 (MP console → 开发 → 开发管理 → 开发设置 → 小程序代码上传), keep it outside the repository, and name its path here. Allow this machine's IP there or turn the IP allow-list off.`),
    f.cloudApiKeys
      ? ok('Cloud API keys', 'TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY are set')
      : fix('Cloud API keys', 'set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (腾讯云控制台 → 访问管理 → API密钥, for the account that owns the cloud environment) in the shell that runs npm run deploy; never in a file of the repository.'),
  ];
}

export function diagnose(c: KaidianConfig, f: DoctorFacts): Finding[] {
  return [appId(c), cloudEnv(c), ...templates(c), pay(c), ...categories(c), ...privacy(c, f), sizes(f), ...deployKeys(c, f)];
}
