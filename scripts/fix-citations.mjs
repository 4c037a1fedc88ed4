#!/usr/bin/env node
// Rewrites every citation in the repository to the one form of docs/README.md "Citations":
//   WECHAT-CONTRACTS §3.4, docs/WECHAT-CONTRACTS.md, ../shared/docs/WECHAT-CONTRACTS.md → docs/wechat-contracts.md
//   STYLE.md §6 → docs/style.md §6;  PRODUCT.md (owner) item 13 → docs/product.md §13
//   ARCHITECTURE.md "gateway" → docs/architecture.md §5.8 (the heading whose title holds the quote)
//   a bare §n whose document (the one named last before it) lacks that heading → qualified with the
//   document that has it (named earlier in the file, else docs/wechat-contracts.md)
//   issue N / must-show N → dropped, or the doc section they stood for; test names say what they prove
// Idempotent: a second run changes nothing. Safe on files it has never seen: it only rewrites these
// patterns, which occur in comments, strings and prose. `--check` lists what would change, writes nothing.
//   node scripts/fix-citations.mjs [--check] [root]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CITATION_TOOLS, listFiles, loadDocs, scan, selfDoc } from './doc-citations.mjs';

const OLD_NAMES = ['WECHAT-CONTRACTS', 'PRODUCT', 'ARCHITECTURE', 'STYLE', 'TOOLCHAIN'];
const OLD = OLD_NAMES.join('|');
const lower = (name) => `docs/${name.toLowerCase()}.md`;

// ---------- 1. document names and paths ----------
function renameDocs(text) {
  return text
    // ../shared/docs/X.md, /work/shared/docs/X.md, shared/docs/X.md
    .replace(new RegExp(String.raw`(?:\.\./)*(?:/work/)?shared/docs/(${OLD})\.md`, 'g'), (_, n) => lower(n))
    .replace(new RegExp(String.raw`docs/(${OLD})\.md`, 'g'), (_, n) => lower(n))
    .replace(/(?<![\w/.-])WECHAT-CONTRACTS(?:\.md)?(?![\w-])/g, lower('WECHAT-CONTRACTS'))
    .replace(new RegExp(String.raw`(?<![\w/.-])(${OLD})(?:\.md(?![\w])|(?= ?§))`, 'g'), (_, n) => lower(n));
}

// ---------- 2. product items and quoted headings ----------
function sectionsFor(docs, name, quote) {
  const q = quote.toLowerCase().replace(/`/g, '').trim();
  const hit = docs.get(name)?.headings.find((h) => h.title.toLowerCase().replace(/`/g, '').includes(q));
  return hit ? hit.id : null;
}

const PHRASES = [
  // unquoted names of a section
  [/docs\/architecture\.md suggested set/g, 'docs/architecture.md §4'],
  [/docs\/architecture\.md: the gateway impersonates/g, 'docs/architecture.md §6: the gateway impersonates'],
  [/as little as possible \(docs\/architecture\.md\)/g, 'as little as possible (docs/architecture.md §6)'],
  [/docs\/product\.md "?iOS rules"?/g, 'docs/product.md §B11'],
  [/docs\/product\.md rules\b/g, 'docs/product.md §B'],
  [/docs\/product\.md (\d+)\b/g, 'docs/product.md §$1'],
  // docs/toolchain.md, by the trap or version note meant
  [/docs\/toolchain\.md trap:/g, 'docs/toolchain.md §2.1:'],
  [/\(docs\/toolchain\.md: no Babel 8/g, '(docs/toolchain.md §1.2: no Babel 8'],
  [/\(docs\/toolchain\.md: the official test utils/g, '(docs/toolchain.md §1.3: the official test utils'],
  [/\(docs\/toolchain\.md: @tarojs\/test-utils-react/g, '(docs/toolchain.md §1.3: @tarojs/test-utils-react'],
  [/Stand-ins \(docs\/toolchain\.md\)/g, 'Stand-ins (docs/toolchain.md §1.3)'],
  [/docs\/toolchain\.md: the flags/g, 'docs/toolchain.md §1.6: the flags'],
  [/not dist\/ \(docs\/toolchain\.md\)/g, 'not dist/ (docs/toolchain.md §2.6)'],
];

function namedSections(text, docs) {
  // docs/product.md (owner) item 3 / items 3 and 16 / items 3, 5, 7 — possibly across a comment line break
  text = text.replace(
    /docs\/product\.md((?:[\s/*]+owner)?[\s/*]+items?[\s/*]+)(\d+(?:(?:,\s*|\s+and\s+)\d+)*)\b/g,
    (_, mid, list) => {
      const gap = mid.includes('\n') ? mid.slice(mid.indexOf('\n')).replace(/[A-Za-z]+\s*/g, '') : ' ';
      return `docs/product.md${gap}${list.replace(/\d+/g, (n) => `§${n}`)}`;
    },
  );
  for (const [re, to] of PHRASES) text = text.replace(re, to);
  // docs/x.md "Heading words" and docs/x.md §13 and "Heading words"
  text = text.replace(/docs\/([a-z-]+)\.md ((?:§[\w.]+(?:, | and ))*)\\?[“"]([^"”\\\n]+)\\?[”"]/g, (m, name, before, quote) => {
    const id = sectionsFor(docs, name, quote);
    return id ? `docs/${name}.md ${before}§${id}` : m;
  });
  return text;
}

// ---------- 3. the issue tracker ----------
/** What each of the old acceptance items proved, for test names that were nothing but the number. */
const PROVES = {
  1: 'an owner opens a shop and a buyer pays, end to end',
  2: 'concurrent buyers never oversell',
  3: 'duplicate notifies change nothing',
  4: 'forged and mismatching notifies are recorded and change nothing',
  5: 'notifies that never came and orders that expired: the timer settles them',
  6: 'memberships stack, start again after expiry and are taken back by a refund',
  7: 'downloads are limited and each link is short-lived',
  8: 'only the owner reaches the back office; a buyer sees only their own orders',
  9: 'bad input gets its code and writes nothing',
  10: 'partial then full refund',
  11: 'database round trips per operation',
};

/** The label of a printed figure. */
const LABELS = {
  1: 'purchase', 2: 'concurrency', 3: 'duplicate notifies', 4: 'forged notifies', 5: 'reconciliation', 6: 'memberships',
  7: 'downloads', 8: 'authorization', 9: 'bad input', 10: 'refunds', 11: 'round trips',
};

/** Known sentences, rewritten by hand once: [exact text, replacement]. */
const SENTENCES = [
  ['at most 1000 documents per get (§6)', 'at most 1000 documents per get (docs/wechat-contracts.md §6)'],
  ['; issue 3\n// "Timer")', ';\n// docs/product.md §15)'],
  ['// must-show 5 through the local cloud:', '// Notifies that never came and orders that expired, through the local cloud:'],
  ['// must-show 1, end to end', '// The whole purchase, end to end'],
  ["describe('must-show 7: downloads'", "describe('downloads are limited and each link is short-lived'"],
  ["describe('must-show 3: duplicate notifies'", "describe('duplicate notifies change nothing'"],
  ["describe('must-show 4: forged and mismatching notifies'", "describe('forged and mismatching notifies are recorded and change nothing'"],
  ['(issue 3: "re-reserve when', '(docs/product.md §B5: "re-reserve when'],
  ['(issue 3 report)', '(docs/product.md §B5)'],
  ['(issue 3 "a payment that beat the close is handled as paid")', '(docs/decisions.md §D5)'],
  ['(issue 4: "persisted with Taro storage")', '(docs/architecture.md §6)'],
  ['issue 5 "a non-owner\n// can never reach owner data (the server refuses; the UI shows why)"', 'docs/product.md §B7'],
  ['(issue 5: "mark lines sold\n// out (shows the partial refund before confirming)")', '(docs/product.md\n// §3)'],
  ['(issue 3: "the timeline records who did what and when")', '(docs/product.md §3)'],
  ['(issue 3: "recorded and change nothing else")', '(docs/product.md §B3)'],
];

const ATOM = String.raw`(?:issue #?\d+(?: (?:must[- ]show|"must show") \d+(?: and \d+)?| "must show"| §\d+(?:\.\d+)*)?|must[- ]show \d+(?: and \d+)?)`;

function dropTracker(text) {
  for (const [from, to] of SENTENCES) text = text.split(from).join(to);
  const rules = [
    // test names that were only the number
    [new RegExp(String.raw`(['"\`])(?:issue \d+ )?must[- ]show (\d+)\1`, 'gi'), (_, q, n) => `${q}${PROVES[n] ?? 'what it proves'}${q}`],
    // a printed figure keeps a label: console.log(`must-show 7: …`) → console.log(`downloads: …`)
    [new RegExp(String.raw`(console\.\w+\(\s*(['"\`]))(?:issue \d+ )?must[- ]show (\d+):\s*`, 'gi'), (_, head, _q, n) => `${head}${LABELS[n] ?? 'result'}: `],
    // "must-show 2: concurrent buyers never oversell" in a string → what follows
    [new RegExp(String.raw`(['"\`])(?:issue \d+ )?must[- ]show \d+:\s*`, 'gi'), '$1'],
    // a comment that starts with it
    [new RegExp(String.raw`((?://|\*)\s*)(?:issue \d+ )?must[- ]show \d+[:,]?\s+(\S)`, 'gi'), (_, lead, c) => `${lead}${c.toUpperCase()}`],
    // issue N "Timer" — the timer is docs/product.md §15
    [/issue \d+ "Timer"/gi, 'docs/product.md §15'],
    // "§2 of issue 6"
    [/:? ?§[\d.]+ of issue \d+/gi, ''],
    // a parenthesis of tracker references only
    [new RegExp(String.raw`\s*\(${ATOM}(?:[,;] ?${ATOM})*\)`, 'gi'), ''],
    // … at the head or the tail of a parenthesis
    [new RegExp(String.raw`\(${ATOM}[;,] ?`, 'gi'), '('],
    [new RegExp(String.raw`[;,] ?${ATOM}(?: "[^"]*")?\)`, 'gi'), ')'],
    [new RegExp(String.raw`\(issue \d+ "[^"]*"[;,] ?`, 'gi'), '('],
    [/ of issue \d+/gi, ''],
    // whatever is left: the quote stays, the number goes
    [/\bissues? #?\d+:?\s*(?=["“])/gi, ''],
    [new RegExp(String.raw`[ ,;]*\b${ATOM}\b`, 'gi'), ''],
  ];
  for (const [re, to] of rules) text = text.replace(re, to);
  return text;
}

// ---------- 4. bare § whose document lacks the heading ----------
function qualify(text, docs, self) {
  for (let guard = 0; guard < 10_000; guard += 1) {
    const tokens = scan(text, self);
    const named = [];
    let fix = null;
    for (const t of tokens) {
      if (t.kind === 'doc') { named.push(t.doc); continue; }
      if (t.doc && docs.get(t.doc)?.ids && t.ids.every((id) => docs.get(t.doc).ids.has(id))) continue;
      const has = (name) => t.ids.every((id) => docs.get(name)?.ids.has(id));
      const later = tokens.filter((u) => u.kind === 'doc' && u.index > t.index).map((u) => u.doc);
      const candidates = [...named.slice().reverse(), ...later, 'wechat-contracts', ...docs.keys()];
      const doc = candidates.find((name) => docs.has(name) && has(name));
      if (doc && doc !== t.doc) { fix = { t, doc }; break; }
    }
    if (!fix) return text;
    text = `${text.slice(0, fix.t.index)}docs/${fix.doc}.md ${text.slice(fix.t.index)}`;
  }
  throw new Error('fix-citations: qualify did not settle');
}

export function fixText(text, docs, file = '') {
  const self = selfDoc(file);
  if (self) return text;
  let out = renameDocs(text);
  out = namedSections(out, docs);
  out = dropTracker(out);
  out = qualify(out, docs, null);
  return out;
}

function main() {
  const args = process.argv.slice(2);
  const checkOnly = args.includes('--check');
  const root = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const docs = loadDocs(root);
  let changed = 0;
  for (const file of listFiles(root)) {
    if (CITATION_TOOLS.includes(file) || selfDoc(file)) continue;
    const full = path.join(root, file);
    const before = fs.readFileSync(full, 'utf8');
    const after = fixText(before, docs, file);
    if (after === before) continue;
    changed += 1;
    console.log(`${checkOnly ? 'would rewrite' : 'rewrote'} ${file}`);
    if (!checkOnly) fs.writeFileSync(full, after);
  }
  console.log(`${changed} file${changed === 1 ? '' : 's'} ${checkOnly ? 'to rewrite' : 'rewritten'}`);
  if (checkOnly && changed) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
