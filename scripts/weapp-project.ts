// After `taro build --type weapp`: the AppID of kaidian.config.json goes into project.private.config.json
// (git-ignored), which WeChat DevTools reads over project.config.json — so opening the repository root
// in DevTools uses your mini-program, and the committed project file keeps no AppID of anyone's.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, ROOT } from '../config/kaidian';

const { config, file, isExample } = loadConfig();
// The example's placeholder AppID would make DevTools refuse the project; its test mode takes touristappid.
const appid = isExample ? 'touristappid' : config.appId;
const target = path.join(ROOT, 'project.private.config.json');
const current = fs.existsSync(target) ? (JSON.parse(fs.readFileSync(target, 'utf8')) as Record<string, unknown>) : {};
fs.writeFileSync(target, `${JSON.stringify({ ...current, appid }, null, 2)}\n`);
const note = isExample ? ', the example: fill in kaidian.config.json for your AppID' : '';
console.log(`project.private.config.json: appid ${appid} (from ${path.basename(file)}${note})`);
