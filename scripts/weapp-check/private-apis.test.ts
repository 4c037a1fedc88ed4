// requiredPrivateInfos against the APIs the real build calls (docs/wechat-contracts.md §7a): the real dist/ passes;
// the same build with the declaration removed fails, naming the API.
import path from 'node:path';
import { ensureWeappBuild } from '../weapp-size';
import { privateApiProblems, privateApiUses } from './private-apis';
import { readBuild } from './dist';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');

function readDist(): { appJson: Record<string, unknown>; js: Record<string, string> } {
  return readBuild(dist);
}

test('the real build declares every private API it calls, and listens for privacy requests', () => {
  ensureWeappBuild(root);
  const { appJson, js } = readDist();
  const used = privateApiUses(js).map((u) => u.api).sort();
  console.log(`private APIs called by the build: ${used.join(', ')}; requiredPrivateInfos: ${JSON.stringify(appJson.requiredPrivateInfos)}`);
  expect(used).toEqual(['chooseAddress', 'chooseImage', 'chooseMessageFile', 'saveImageToPhotosAlbum', 'setClipboardData']);
  expect(privateApiProblems(appJson, js)).toEqual([]);
}, 240_000);

test('without chooseAddress in requiredPrivateInfos the same build fails', () => {
  ensureWeappBuild(root);
  const { appJson, js } = readDist();
  const problems = privateApiProblems({ ...appJson, requiredPrivateInfos: [] }, js);
  expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^chooseAddress is called \(.*pages\/checkout\/index\.js.*\) but not in requiredPrivateInfos/)]);
}, 240_000);
