// parseRequest(fnName, event): the first thing every handler does (docs/style.md §4). Unknown action →
// UNKNOWN_ACTION; a bad payload → VALIDATION_FAILED naming the path, what was expected and a short
// preview of what was received. Nothing else is looked at, so a rejected request writes nothing.
// A refusal never echoes the input: a 1 MB field once came back twice (reason and received), beyond the
// 1 MB result limit (§6). Every part of a refusal is cut to a few dozen characters, so a refusal reply
// stays far under REFUSAL_MAX_BYTES whatever was sent.
import * as v from 'valibot';
import { ERROR_MESSAGES, fail, ok, type Result } from '../errors';
import { CONTRACTS, type FunctionName, type ParsedRequest } from './registry';

/** What a refusal reply may weigh, whatever the request held (checked by bounds.test.ts and bad-input.test.ts). */
export const REFUSAL_MAX_BYTES = 2048;
const PREVIEW_CHARS = 40;
const PATH_CHARS = 80;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** At most `max` characters of `text`, marked as cut with its full length. */
export function preview(text: string, max = PREVIEW_CHARS): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…(${chars.length} chars)`;
}

function envelope(event: unknown): { action: unknown; payload: unknown } {
  if (!isRecord(event)) return { action: undefined, payload: undefined };
  return { action: event.action, payload: event.payload === undefined ? {} : event.payload };
}

/** valibot's message repeats `received` (the whole value); keep only its own words before that. */
function reasonOf(issue: v.BaseIssue<unknown>): string {
  const own = issue.message.split(' but received ')[0];
  return preview(own, PATH_CHARS);
}

export function parseRequest<F extends FunctionName>(fn: F, event: unknown): Result<ParsedRequest<F>> {
  const contract = CONTRACTS[fn];
  const routed = ('route' in contract && contract.route ? contract.route(event) : null) ?? envelope(event);
  const { action, payload } = routed;
  const actions = contract.actions as Record<string, v.GenericSchema>;
  if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(actions, action)) {
    return fail('UNKNOWN_ACTION', { function: fn, action: typeof action === 'string' ? preview(action) : null });
  }
  // valibot's object schemas accept arrays (typeof [] === 'object'); a payload must be a plain object.
  if (Array.isArray(payload)) {
    return fail('VALIDATION_FAILED', { function: fn, action, path: '', reason: 'payload must be an object', expected: 'Object', received: 'Array' });
  }
  const parsed = v.safeParse(actions[action], payload, { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    // An unknown key is part of the path, and the client chose it: cut it like any received value.
    const path = preview(v.getDotPath(issue) ?? '', PATH_CHARS);
    return fail(
      'VALIDATION_FAILED',
      { function: fn, action, path, reason: reasonOf(issue), expected: issue.expected === null ? null : preview(issue.expected, PATH_CHARS), received: preview(issue.received) },
      path ? `${ERROR_MESSAGES.VALIDATION_FAILED}（${path}）` : ERROR_MESSAGES.VALIDATION_FAILED,
    );
  }
  return ok({ action, payload: parsed.output } as ParsedRequest<F>);
}
