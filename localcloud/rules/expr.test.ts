// The documented subset of the security-rule expression language, and what it refuses.
import { allows, compileRule, parseRule, RuleSyntaxError } from './expr';

const vars = { auth: { openid: 'oA' }, resource: { openid: 'oA', path: 'shops/s1/files/book.pdf' } };
const check = (src: string, v: Record<string, unknown> = vars) => allows(compileRule(src, 'test'), v);

test('the presets of the docs: creator-only, signed-in, public', () => {
  expect(check('resource.openid == auth.openid')).toBe(true);
  expect(check('resource.openid == auth.openid', { ...vars, auth: { openid: 'oB' } })).toBe(false);
  expect(check('auth != null')).toBe(true);
  expect(check('auth != null', { ...vars, auth: null })).toBe(false);
  expect(allows(compileRule(true, 'read'), {})).toBe(true);
  expect(allows(undefined, {})).toBe(false);
});

test('signed out: auth.openid is an error, and an error denies (never null == null)', () => {
  expect(check('resource.openid == auth.openid', { auth: null, resource: { openid: null, path: 'a' } })).toBe(false);
});

test('regex literals with test(), compared explicitly as the docs require', () => {
  expect(check('/(^|\\/)files\\//.test(resource.path) == true')).toBe(true);
  expect(check("/^public/.test('public') == true")).toBe(true);
  expect(check("/^shops\\/[a-z0-9]+\\/photos\\//.test(resource.path) == true || auth.openid in ['oA', 'oC']")).toBe(true);
  expect(check("!(auth.openid in ['oB']) && resource['path'] != 'x'")).toBe(true);
});

test('what the storage-rule docs do not show is refused at load: get(), string methods, over 1024 characters', () => {
  expect(() => parseRule("get('database.shops.s1').owner == auth.openid")).toThrow(RuleSyntaxError);
  expect(() => parseRule("resource.path.startsWith('shops/')")).toThrow(/not in the documented/);
  expect(() => parseRule(`auth != null && ${'true && '.repeat(130)}true`)).toThrow(/longer than 1024/);
  expect(() => compileRule(1, 'read')).toThrow(/true, false or an expression/);
});
