// npm run doctor: on the example it lists what a real deployment still needs; on a filled configuration
// it says all clear.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../config/kaidian';
import { diagnose, type DoctorFacts } from './checks';

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);

const built: DoctorFacts = {
  privateApisUsed: ['chooseAddress', 'chooseImage', 'saveImageToPhotosAlbum', 'setClipboardData', 'chooseMessageFile'],
  requiredPrivateInfos: ['chooseAddress'],
  packagesKb: [{ name: 'main', kb: 444 }, { name: 'owner', kb: 160 }],
  mainBudgetKb: 600,
  packageLimitKb: 2048,
  uploadKeyExists: true,
  cloudApiKeys: true,
};
const example = loadConfig(path.join(root, 'kaidian.config.example.json')).config;
const filled = loadConfig(path.join(root, 'scripts/doctor/testdata/filled.config.json')).config;
const toFix = (findings: { ok: boolean; topic: string }[]) => findings.filter((f) => !f.ok).map((f) => f.topic);

test('on the example: the placeholder AppID and env, the example template ids, the test merchant, categories and the privacy guide', () => {
  expect(toFix(diagnose(example, { ...built, uploadKeyExists: false, cloudApiKeys: false }))).toEqual([
    'AppID', 'Cloud environment',
    'Subscribe template 新订单通知', 'Subscribe template 订单已接单通知', 'Subscribe template 订单发货通知', 'Subscribe template 会员到期提醒',
    'Cloud Pay', 'Service category for 实物商品', 'Service category for 会员（虚拟商品）', 'Service category for 电子文件（虚拟商品）',
    'Privacy guide', 'Upload key', 'Cloud API keys',
  ]);
});

test('on a filled configuration: all clear', () => {
  expect(toFix(diagnose(filled, built))).toEqual([]);
});

test('keywords that do not match what the code sends, an undeclared address API and an oversize package are named', () => {
  const wrong = { ...filled, subscribeTemplates: { ...filled.subscribeTemplates, membershipRenewal: { ...filled.subscribeTemplates.membershipRenewal, keywords: { shop: 'thing1', plan: 'thing2', expiresOn: 'time3' } } } };
  const findings = diagnose(wrong, { ...built, requiredPrivateInfos: [], packagesKb: [{ name: 'main', kb: 700 }] });
  const byTopic = Object.fromEntries(findings.filter((f) => !f.ok).map((f) => [f.topic, f.message]));
  expect(Object.keys(byTopic)).toEqual(['Subscribe template 会员到期提醒', 'requiredPrivateInfos', 'Package sizes']);
  expect(byTopic['Subscribe template 会员到期提醒']).toMatch(/expiresOn \(到期日期\) is sent as date, but the keyword is "time3".*no keyword for note/);
  expect(byTopic.requiredPrivateInfos).toMatch(/chooseAddress/);
  expect(byTopic['Package sizes']).toMatch(/main 700 KB > 600 KB budget/);
});

test('npm run doctor prints all clear on the filled configuration (with the deploy keys in the environment)', async () => {
  const { stdout } = await run(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/doctor.ts'), 'scripts/doctor/testdata/filled.config.json'], {
    cwd: root,
    env: { ...process.env, TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' },
  }).catch((err: { stdout: string }) => ({ stdout: err.stdout }));
  // The build facts come from dist/: when it is not built the doctor says so instead.
  expect(stdout).toMatch(/All clear: npm run deploy\.|dist\/ is not built/);
}, 60_000);
