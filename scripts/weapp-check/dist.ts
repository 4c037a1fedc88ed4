// A weapp build as the checks read it: every JavaScript file by its path under the build root, and app.json.
import fs from 'node:fs';
import path from 'node:path';

export function walk(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(full, base);
    return [path.relative(base, full).split(path.sep).join('/')];
  });
}

export function readBuild(root: string): { js: Record<string, string>; appJson: Record<string, unknown> } {
  const js: Record<string, string> = {};
  for (const rel of walk(root)) if (rel.endsWith('.js')) js[rel] = fs.readFileSync(path.join(root, rel), 'utf8');
  const appJson = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as Record<string, unknown>;
  return { js, appJson };
}
