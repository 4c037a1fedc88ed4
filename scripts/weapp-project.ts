// After `taro build --type weapp`: the AppID of kaidian.config.json goes into project.private.config.json
// (git-ignored), which WeChat DevTools reads over project.config.json — so opening the repository root
// in DevTools uses your mini-program, and the committed project file keeps no AppID of anyone's.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, ROOT } from '../config/kaidian';

const { config, file, isExample } = loadConfig();
const target = path.join(ROOT, 'project.private.config.json');
const current = fs.existsSync(target) ? (JSON.parse(fs.readFileSync(target, 'utf8')) as Record<string, unknown>) : {};
fs.writeFileSync(target, `${JSON.stringify({ ...current, appid: config.appId }, null, 2)}\n`);
console.log(`project.private.config.json: appid ${config.appId} (from ${path.basename(file)}${isExample ? ', the example: run npm run doctor' : ''})`);
