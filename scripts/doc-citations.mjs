#!/usr/bin/env node
// Every citation of a document in the repository resolves to a heading in docs/ (docs/README.md
// "Citations"). Prints `file:line  citation → problem` for each one that does not, and fails; otherwise
// prints "N citations in M files, all resolve". Also fails on a path outside the repository and on a
// reference to the issue tracker in code. Plain Node, no dependencies: `node scripts/doc-citations.mjs [root]`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DOCS_DIR = 'docs';
/** Which files are read: sources, configs and prose; build output and the lockfile are not. */
export const EXTENSIONS = ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.json', '.md'];
const SKIPPED_DIRS = ['node_modules/', 'dist/', 'dist-h5/', '.localcloud/', 'test-artifacts/', 'coverage/', '.git/'];
const SKIPPED_FILES = ['package-lock.json'];
/** These three describe the old forms in order to find and rewrite them. */
export const CITATION_TOOLS = ['scripts/doc-citations.mjs', 'scripts/doc-citations.test.ts'];

/** A section id as headings and citations write it: 3.4, 1.3a, 7a, B, B3, D12. */
const ID = String.raw`(?:[A-Z]\d*|\d+[a-z]?)(?:\.\d+[a-z]?)*`;
const NUM_ID = String.raw`\d+[a-z]?(?:\.\d+[a-z]?)*`;
/** `docs/<name>.md` names a document; `§<id>` (optionally a range `§7.1–7.4`) cites a section. */
export const TOKEN = new RegExp(
  String.raw`docs/([A-Za-z0-9_-]+)\.md|§ ?(${ID})(?: ?[–—-] ?(?:§ ?(${ID})|(${NUM_ID})))?`,
  'g',
);
/** Between two citations of one list: `§2.9, §2.10`, `§2.3 / §6`, `§3.1/§7.3`, `§13 and §B`. */
const LIST_GAP = /^[\s,;/&]*(?:(?:and|or)[\s,;/&]*)?$/;
const HEADING = new RegExp(String.raw`^#{1,6}\s+§(${ID})(?=[\s.:—–-]|$)(.*)$`);

/** The forms code must not use any more (outside docs/). */
export const FORBIDDEN = [
  { re: /(?:\.\.\/)+shared\/|\/work\/shared\/|(?<![\w/])shared\/docs\//g, problem: 'a path outside the repository: cite docs/ instead' },
  // A document cited by an upper-case name (`NAME.md`, `NAME §n`) outside docs/: the old, out-of-repo form.
  { re: /(?<![\w/.-])(?!README\b)[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?=\.md\b|\s+§)/g, problem: 'a document outside docs/: cite docs/<name>.md' },
  { re: /\bissues? #?\d+/gi, problem: 'a reference to the issue tracker: say what the code does or cite docs/' },
  { re: /\bmust[- ]?show\b/gi, problem: 'a reference to the issue tracker ("must-show"): say what the test proves' },
];

/** Files to read, relative to root, with `/` separators. */
export function listFiles(root) {
  let names;
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
    names = out.split('\0').filter(Boolean);
  } catch {
    names = walk(root, '');
  }
  return [...new Set(names)]
    .filter((f) => EXTENSIONS.some((e) => f.endsWith(e)))
    .filter((f) => !SKIPPED_DIRS.some((d) => f.startsWith(d) || f.includes(`/${d}`)))
    .filter((f) => !SKIPPED_FILES.includes(path.posix.basename(f)))
    .filter((f) => fs.existsSync(path.join(root, f)))
    .sort();
}

function walk(root, rel) {
  const out = [];
  for (const d of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) {
      if (!SKIPPED_DIRS.includes(`${d.name}/`)) out.push(...walk(root, r));
    } else out.push(r);
  }
  return out;
}

/** docs/*.md → Map(name → { ids: Set, headings: [{ id, title }] }). */
export function loadDocs(root) {
  const docs = new Map();
  const dir = path.join(root, DOCS_DIR);
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!f.endsWith('.md')) continue;
    const headings = [];
    let fenced = false;
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (line.startsWith('```')) fenced = !fenced;
      const m = fenced ? null : HEADING.exec(line);
      if (m) headings.push({ id: m[1], title: m[2].replace(/^[\s.:—–-]+/, '').trim() });
    }
    docs.set(f.slice(0, -3), { ids: new Set(headings.map((h) => h.id)), headings });
  }
  return docs;
}

/** The document a file's bare `§` defaults to before it names one: its own, for a file in docs/. */
export function selfDoc(file) {
  const m = new RegExp(String.raw`^${DOCS_DIR}/([A-Za-z0-9_-]+)\.md$`).exec(file);
  return m ? m[1] : null;
}

/**
 * The citations of one text, in order. A `§` right after `docs/x.md`, or after another citation of the
 * same list, belongs to x. Any other (bare) `§` belongs to the document named last before it in the file —
 * in a file of docs/, to that file itself.
 * → [{ kind: 'doc' | 'section', doc, ids, index, length, text, bare }]
 */
export function scan(text, self = null) {
  const out = [];
  let current = null; // the document named last (code files)
  let prev = null; // the previous token, for lists
  for (const m of text.matchAll(TOKEN)) {
    const gap = prev ? text.slice(prev.index + prev.length, m.index) : null;
    if (m[1] !== undefined) {
      const t = { kind: 'doc', doc: m[1], ids: [], index: m.index, length: m[0].length, text: m[0], bare: false };
      out.push(t);
      current = m[1];
      prev = t;
      continue;
    }
    const ids = [m[2], m[3] ?? m[4]].filter(Boolean);
    const listed = prev && LIST_GAP.test(gap) && gap.length <= 6;
    const doc = listed ? prev.doc : self ?? current;
    const t = { kind: 'section', doc, ids, index: m.index, length: m[0].length, text: m[0], bare: !listed };
    out.push(t);
    prev = t;
  }
  return out;
}

/** In docs/, code blocks and `code spans` are examples of the forms, not citations: blanked, offsets kept. */
export function blankCode(text) {
  const blank = (s) => s.replace(/[^\n]/g, ' ');
  return text.replace(/^```[^]*?^```/gm, blank).replace(/`[^`\n]+`/g, blank);
}

function lineOf(text, index) {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

/** Checks the tree at root. → { problems: [{ file, line, citation, problem }], citations, files } */
export function check(root) {
  const docs = loadDocs(root);
  const problems = [];
  let citations = 0;
  const citing = new Set();
  for (const file of listFiles(root)) {
    if (CITATION_TOOLS.includes(file)) continue;
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const self = selfDoc(file);
    const scanned = self ? blankCode(text) : text;
    const report = (index, citation, problem) => problems.push({ file, line: lineOf(text, index), citation, problem });
    const tokens = scan(scanned, self);
    tokens.forEach((t, i) => {
      if (t.kind === 'doc') {
        if (!docs.has(t.doc)) report(t.index, t.text, `no such document in ${DOCS_DIR}/`);
        else if (tokens[i + 1]?.kind !== 'section' || tokens[i + 1].bare) { citations += 1; citing.add(file); }
        return;
      }
      if (!t.doc) return report(t.index, t.text, 'a bare § before any document is named in this file: write docs/<name>.md §n');
      if (!docs.has(t.doc)) return; // reported at the name
      for (const id of t.ids) {
        if (docs.get(t.doc).ids.has(id)) { citations += 1; citing.add(file); }
        else report(t.index, `docs/${t.doc}.md §${id}`, `no heading §${id} in docs/${t.doc}.md`);
      }
    });
    if (self) continue; // docs/ may name the forms it forbids
    for (const { re, problem } of FORBIDDEN) {
      for (const m of text.matchAll(re)) report(m.index, m[0], problem);
    }
  }
  return { problems, citations, files: citing.size };
}

function main() {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const { problems, citations, files } = check(root);
  for (const p of problems) console.log(`${p.file}:${p.line}  ${p.citation} → ${p.problem}`);
  if (problems.length) {
    console.log(`${problems.length} problem${problems.length === 1 ? '' : 's'}; ${citations} citations resolve`);
    process.exitCode = 1;
  } else {
    console.log(`${citations} citations in ${files} files, all resolve`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
