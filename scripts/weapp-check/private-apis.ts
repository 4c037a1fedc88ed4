// Private APIs in the shipped code against app.json (docs/wechat-contracts.md §7a), which WeChat's compiler does
// not check: an address or location API called but missing from requiredPrivateInfos is refused at run
// time; any private API used without the privacy listener leaves the user with WeChat's bare prompt.
import { DECLARED_ONLY_APIS, PRIVATE_APIS } from '../../src/privacy/apis';
import type { Problem } from './syntax';

export interface PrivateApiUse {
  api: string;
  files: string[];
}

const ALL_APIS = [...Object.keys(PRIVATE_APIS), ...DECLARED_ONLY_APIS];
const NEEDS_DECLARATION = new Set<string>([...Object.entries(PRIVATE_APIS).filter(([, a]) => a.declare).map(([n]) => n), ...DECLARED_ONLY_APIS]);

/** Calls such as `x.chooseAddress(` or `x["chooseAddress"](` in the given JavaScript files. */
export function privateApiUses(jsFiles: Record<string, string>): PrivateApiUse[] {
  const uses: PrivateApiUse[] = [];
  for (const api of ALL_APIS) {
    const call = new RegExp(`(\\.${api}|\\[["']${api}["']\\])\\s*\\(`);
    const files = Object.keys(jsFiles).filter((f) => call.test(jsFiles[f]));
    if (files.length > 0) uses.push({ api, files });
  }
  return uses;
}

export function privateApiProblems(appJson: Record<string, unknown>, jsFiles: Record<string, string>): Problem[] {
  const uses = privateApiUses(jsFiles);
  const declared = Array.isArray(appJson.requiredPrivateInfos) ? (appJson.requiredPrivateInfos as string[]) : [];
  const problems: Problem[] = [];
  for (const use of uses) {
    if (NEEDS_DECLARATION.has(use.api) && !declared.includes(use.api)) {
      problems.push({ file: 'app.json', message: `${use.api} is called (${use.files.join(', ')}) but not in requiredPrivateInfos: WeChat refuses the call` });
    }
  }
  for (const api of declared) {
    if (!uses.some((u) => u.api === api)) problems.push({ file: 'app.json', message: `requiredPrivateInfos lists ${api}, which the code never calls (review asks why)` });
  }
  if (declared.includes('getLocation') && declared.includes('getFuzzyLocation')) {
    problems.push({ file: 'app.json', message: 'requiredPrivateInfos may not list both getLocation and getFuzzyLocation' });
  }
  if (uses.length > 0) {
    const listens = Object.values(jsFiles).some((src) => /\.onNeedPrivacyAuthorization\b/.test(src));
    if (appJson.__usePrivacyCheck__ !== true) problems.push({ file: 'app.json', message: 'private APIs are used but __usePrivacyCheck__ is not true' });
    if (!listens) problems.push({ file: 'app.js', message: 'private APIs are used but nothing calls wx.onNeedPrivacyAuthorization (no privacy sheet)' });
  }
  return problems;
}
