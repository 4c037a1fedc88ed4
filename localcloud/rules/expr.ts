// The expression language of CloudBase security rules (docs/wechat-contracts.md §2.11), the subset the
// documentation shows: literals (true false null, numbers, 'strings', "strings", [lists]), variables
// with member access (auth.openid, resource.path, a['b']), == != < <= > >= in ! && || and parentheses,
// and regex literals whose only method is test(): `/^shops\//.test(resource.path) == true`.
// Anything else (get(), string methods, arithmetic) is refused when the rules are loaded, so a rule
// that the local cloud accepts does not silently mean something else in production.
// Expressions are at most 1024 characters [DOC].

export const MAX_EXPRESSION_CHARS = 1024;

type Node =
  | { t: 'lit'; v: unknown }
  | { t: 'var'; name: string }
  | { t: 'member'; obj: Node; key: Node }
  | { t: 'list'; items: Node[] }
  | { t: 'regex'; re: RegExp }
  | { t: 'test'; re: RegExp; arg: Node }
  | { t: 'not'; arg: Node }
  | { t: 'bin'; op: string; l: Node; r: Node };

export class RuleSyntaxError extends Error {}

const OPS = ['||', '&&', '==', '!=', '<=', '>=', '<', '>', 'in'];
const PRECEDENCE: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, in: 4 };

/** Parse once; evaluate many times with evaluate(). */
export function parseRule(src: string): Node {
  if (src.length > MAX_EXPRESSION_CHARS) throw new RuleSyntaxError(`expression longer than ${MAX_EXPRESSION_CHARS} characters`);
  let i = 0;
  const fail = (msg: string): never => {
    throw new RuleSyntaxError(`${msg} at ${i} in: ${src}`);
  };
  const ws = () => {
    while (/\s/.test(src[i] ?? '')) i++;
  };
  const eat = (s: string) => {
    ws();
    if (src.startsWith(s, i) && !(/\w/.test(s) && /\w/.test(src[i + s.length] ?? ''))) {
      i += s.length;
      return true;
    }
    return false;
  };
  const string = (q: string): string => {
    let out = '';
    i++;
    while (i < src.length && src[i] !== q) {
      if (src[i] === '\\') i++;
      out += src[i++];
    }
    if (src[i++] !== q) fail('unterminated string');
    return out;
  };
  const regex = (): RegExp => {
    let body = '';
    let inClass = false;
    i++;
    while (i < src.length && (src[i] !== '/' || inClass)) {
      if (src[i] === '\\') body += src[i++];
      else if (src[i] === '[') inClass = true;
      else if (src[i] === ']') inClass = false;
      body += src[i++];
    }
    if (src[i++] !== '/') fail('unterminated regular expression');
    const flags = /^[gimsuy]*/.exec(src.slice(i))![0];
    i += flags.length;
    return new RegExp(body, flags);
  };
  const primary = (): Node => {
    ws();
    const c = src[i];
    let node: Node;
    if (c === '(') {
      i++;
      node = expr(0);
      if (!eat(')')) fail('expected )');
    } else if (c === '!') {
      i++;
      return { t: 'not', arg: primary() };
    } else if (c === '[') {
      i++;
      const items: Node[] = [];
      if (!eat(']')) {
        do items.push(expr(0));
        while (eat(','));
        if (!eat(']')) fail('expected ]');
      }
      node = { t: 'list', items };
    } else if (c === '"' || c === "'") node = { t: 'lit', v: string(c) };
    else if (c === '/') {
      const re = regex();
      if (!eat('.test') || !eat('(')) fail('a regular expression may only be used as /…/.test(value)');
      const arg = expr(0);
      if (!eat(')')) fail('expected )');
      return { t: 'test', re, arg };
    } else if (/[-\d]/.test(c ?? '')) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i)) ?? fail('bad number');
      i += m[0].length;
      node = { t: 'lit', v: Number(m[0]) };
    } else if (/[A-Za-z_$]/.test(c ?? '')) {
      const name = /^[A-Za-z_$][\w$]*/.exec(src.slice(i))![0];
      i += name.length;
      if (name === 'true' || name === 'false') node = { t: 'lit', v: name === 'true' };
      else if (name === 'null') node = { t: 'lit', v: null };
      else node = { t: 'var', name };
    } else return fail('unexpected character');
    for (;;) {
      if (eat('.')) {
        const key = /^[A-Za-z_$][\w$]*/.exec(src.slice(i))?.[0] ?? fail('expected a property name');
        i += key.length;
        node = { t: 'member', obj: node, key: { t: 'lit', v: key } };
      } else if (eat('[')) {
        node = { t: 'member', obj: node, key: expr(0) };
        if (!eat(']')) fail('expected ]');
      } else if (eat('(')) return fail('function calls (get(), string methods) are not in the documented storage-rule language');
      else return node;
    }
  };
  const expr = (min: number): Node => {
    let left = primary();
    for (;;) {
      ws();
      const op = OPS.find((o) => src.startsWith(o, i) && !(o === 'in' && /\w/.test(src[i + 2] ?? '')));
      if (!op || PRECEDENCE[op] <= min) return left;
      i += op.length;
      left = { t: 'bin', op, l: left, r: expr(PRECEDENCE[op]) };
    }
  };
  const node = expr(0);
  ws();
  if (i < src.length) fail('unexpected text');
  return node;
}

export class RuleEvalError extends Error {}

/** Evaluate against the variables (auth, resource …); a member of null throws RuleEvalError. */
export function evaluate(node: Node, vars: Record<string, unknown>): unknown {
  switch (node.t) {
    case 'lit': return node.v;
    case 'var': return vars[node.name];
    case 'list': return node.items.map((n) => evaluate(n, vars));
    case 'regex': return node.re;
    case 'member': {
      const obj = evaluate(node.obj, vars);
      const key = evaluate(node.key, vars);
      // `auth.openid` when auth is null (signed out) is an evaluation error, and an error denies.
      if (obj === null || obj === undefined) throw new RuleEvalError(`cannot read ${String(key)} of ${String(obj)}`);
      return typeof obj === 'object' ? (obj as Record<string, unknown>)[String(key)] : undefined;
    }
    case 'test': {
      const v = evaluate(node.arg, vars);
      return typeof v === 'string' && node.re.test(v);
    }
    case 'not': return !evaluate(node.arg, vars);
    case 'bin': {
      if (node.op === '&&') return evaluate(node.l, vars) === true && evaluate(node.r, vars) === true;
      if (node.op === '||') return evaluate(node.l, vars) === true || evaluate(node.r, vars) === true;
      const l = evaluate(node.l, vars) as number;
      const r = evaluate(node.r, vars) as number;
      switch (node.op) {
        case '==': return l === r || (l == null && r == null);
        case '!=': return !(l === r || (l == null && r == null));
        case '<': return l < r;
        case '<=': return l <= r;
        case '>': return l > r;
        case '>=': return l >= r;
        case 'in': return Array.isArray(r) && (r as unknown[]).includes(l);
      }
    }
  }
  return undefined;
}

/** A rule value: a boolean, or an expression that must evaluate to exactly true (an error denies). */
export type RuleValue = boolean | Node;

export function compileRule(value: unknown, where: string): RuleValue {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') throw new RuleSyntaxError(`${where} must be true, false or an expression string`);
  try {
    return parseRule(value);
  } catch (err) {
    throw new RuleSyntaxError(`${where}: ${(err as Error).message}`);
  }
}

export function allows(rule: RuleValue | undefined, vars: Record<string, unknown>): boolean {
  if (rule === undefined) return false;
  if (typeof rule === 'boolean') return rule;
  try {
    return evaluate(rule, vars) === true;
  } catch (err) {
    if (err instanceof RuleEvalError) return false;
    throw err;
  }
}
