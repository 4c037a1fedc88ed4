// npm run check:weapp: the built mini-program, read as WeChat reads it. WeChat's compiler (offline, see
// wechat-compiler.ts) for syntax, pages, components, icons, app.json values and keys, and package sizes;
// our own checks for what it lets through: JavaScript newer than ES5 or using BigInt (syntax.ts), private
// APIs without their declaration or privacy flow (private-apis.ts), and the main package budget.
import fs from 'node:fs';
import path from 'node:path';
import { MAIN_PACKAGE_BUDGET_KB } from '../weapp-size';
import { privateApiProblems } from './private-apis';
import { syntaxProblems, type Problem } from './syntax';
import { compileWithWeChat, type QualityItem } from './wechat-compiler';
import { readBuild } from './dist';

export interface WeappReport {
  compiledFiles: number;
  errors: Problem[];
  warnings: Problem[];
  /** By WeChat's measure (checkCodeQuality), in KB; null when the compile failed. */
  mainKb: number | null;
  subpackagesKb: Record<string, number>;
}

/** The code as we ship it: every file under project.config.json's miniprogramRoot. */
function shippedFiles(projectDir: string): { root: string; js: Record<string, string>; appJson: Record<string, unknown> } {
  const config = JSON.parse(fs.readFileSync(path.join(projectDir, 'project.config.json'), 'utf8')) as { miniprogramRoot?: string };
  const root = path.join(projectDir, config.miniprogramRoot ?? '');
  return { root, ...readBuild(root) };
}

/** `__warning__` marks what the compiler did not recognise in a JSON file (e.g. an h5-only key). */
function jsonWarnings(files: Record<string, string | Buffer>): Problem[] {
  const warnings: Problem[] = [];
  for (const [file, content] of Object.entries(files)) {
    if (!file.endsWith('.json')) continue;
    try {
      const json = JSON.parse(String(content)) as { __warning__?: unknown };
      if (json.__warning__) warnings.push({ file, message: `WeChat's compiler: ${String(json.__warning__)}` });
    } catch {
      // Not JSON the compiler produced for the app; nothing to read.
    }
  }
  return warnings;
}

function sizes(quality: QualityItem[]): { main: number | null; subs: Record<string, number>; failed: QualityItem[] } {
  const item = quality.find((q) => q.name === 'PACKAGE_SIZE_LIMIT');
  const detail = (item?.detail ?? {}) as Record<string, number>;
  const subs: Record<string, number> = {};
  for (const [name, bytes] of Object.entries(detail)) if (name !== '__APP__') subs[name.replace(/\/$/, '')] = bytes / 1024;
  const main = typeof detail.__APP__ === 'number' ? detail.__APP__ / 1024 : null;
  const failed = quality.filter((q) => !q.success && /SIZE|LIMIT/.test(q.name));
  return { main, subs, failed };
}

export async function checkWeapp(projectDir: string): Promise<WeappReport> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const shipped = shippedFiles(projectDir);
  for (const [file, source] of Object.entries(shipped.js)) errors.push(...syntaxProblems(file, source));
  errors.push(...privateApiProblems(shipped.appJson, shipped.js));

  let compiledFiles = 0;
  let mainKb: number | null = null;
  let subpackagesKb: Record<string, number> = {};
  try {
    const { files, quality } = await compileWithWeChat(projectDir);
    compiledFiles = Object.keys(files).length;
    warnings.push(...jsonWarnings(files));
    const s = sizes(quality);
    mainKb = s.main;
    subpackagesKb = s.subs;
    for (const q of s.failed) errors.push({ file: '(package)', message: `WeChat's code quality check: ${q.text}` });
    if (mainKb !== null && mainKb > MAIN_PACKAGE_BUDGET_KB) {
      errors.push({ file: '(main package)', message: `${mainKb.toFixed(0)} KB is over the ${MAIN_PACKAGE_BUDGET_KB} KB budget` });
    }
  } catch (err) {
    const e = err as { message?: string; code?: unknown };
    errors.push({ file: '(compile)', message: `WeChat's compiler refused the project${e.code ? ` (code ${String(e.code)})` : ''}: ${String(e.message ?? err).trim()}` });
  }
  return { compiledFiles, errors, warnings, mainKb, subpackagesKb };
}

/** What the check exits 0 on: no error and no warning. */
export function passed(r: WeappReport): boolean {
  return r.errors.length + r.warnings.length === 0;
}

export function summary(r: WeappReport): string {
  const main = r.mainKb === null ? 'main package not measured' : `main package ${Math.round(r.mainKb)} KB`;
  return `${r.compiledFiles} files compiled by WeChat's compiler, ${r.errors.length} errors, ${r.warnings.length} warnings, ${main}`;
}
