// Content security in the catalogue's write paths (docs/wechat-contracts.md §7a): text a buyer will read
// is checked before anything is written — a refusal is CONTENT_RISKY and nothing is saved; when the check
// cannot be made the write is refused too (CONTENT_CHECK_UNAVAILABLE) rather than publish unchecked text.
// Pictures are checked asynchronously (store/media-checks.ts) and stay hidden from buyers meanwhile.
import { fail, ok, type Result } from '../../core/errors';
import { checkText } from '../wechat/content-security';
import type { OperationContext } from '../handler';

/** `fields` names what was checked, for the refusal's details (the owner sees which part to change). */
export async function screenText(ctx: OperationContext, texts: Record<string, string | null | undefined>): Promise<Result<undefined>> {
  const fields = Object.keys(texts).filter((k) => typeof texts[k] === 'string' && texts[k] !== '');
  if (fields.length === 0) return ok(undefined);
  const verdict = await checkText(ctx.openid, fields.map((k) => texts[k]));
  if (verdict === 'pass') return ok(undefined);
  if (verdict === 'unavailable') return fail('CONTENT_CHECK_UNAVAILABLE');
  return fail('CONTENT_RISKY', { fields, suggest: verdict });
}
