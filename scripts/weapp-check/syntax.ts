// What WeChat's compiler does not catch (docs/wechat-contracts.md §7a): shipped JavaScript must parse on the
// oldest engine the base library runs on, and must not need BigInt. Our target is ES5 — what WeChat's own
// ES6→ES5 step emits and what Taro's Babel preset produces for iOS 9 / Android 5 — because on iOS the
// mini-program runs on the system's JavaScriptCore: ?. and ?? need iOS 13.4, BigInt needs iOS 14.
import * as acorn from 'acorn';

export interface Problem {
  file: string;
  message: string;
}

function lineOf(source: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < source.length; i += 1) if (source.charCodeAt(i) === 10) line += 1;
  return line;
}

/** BigInt literals (0n) and any use of the BigInt global, found with a tokenizer so strings do not count. */
function bigIntUses(file: string, source: string): Problem[] {
  const found: Problem[] = [];
  try {
    for (const t of acorn.tokenizer(source, { ecmaVersion: 'latest', allowHashBang: true })) {
      const token = t as acorn.Token & { value?: unknown };
      if (token.type === acorn.tokTypes.num && typeof token.value === 'bigint') {
        found.push({ file, message: `line ${lineOf(source, token.start)}: BigInt literal ${source.slice(token.start, token.end)} (BigInt needs iOS 14+)` });
      } else if (token.type === acorn.tokTypes.name && token.value === 'BigInt') {
        found.push({ file, message: `line ${lineOf(source, token.start)}: uses BigInt (BigInt needs iOS 14+)` });
      }
      if (found.length >= 3) break;
    }
  } catch {
    // Unparseable even as the latest ECMAScript: the ES5 parse below reports it.
  }
  return found;
}

/** Problems of one shipped .js file: not ES5, or BigInt. */
export function syntaxProblems(file: string, source: string): Problem[] {
  const problems = bigIntUses(file, source);
  try {
    acorn.parse(source, { ecmaVersion: 5, sourceType: 'script', allowReserved: true });
  } catch (err) {
    const e = err as SyntaxError & { pos?: number; loc?: { line: number; column: number } };
    const at = e.loc ? `line ${e.loc.line}:${e.loc.column}` : '';
    const near = typeof e.pos === 'number' ? ` near "${source.slice(Math.max(0, e.pos - 20), e.pos + 20).replace(/\s+/g, ' ')}"` : '';
    problems.push({ file, message: `not ES5 (${at} ${e.message.replace(/ \(\d+:\d+\)$/, '')})${near}` });
  }
  return problems;
}
