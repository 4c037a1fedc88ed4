// parseRequest(fnName, event): the first thing every handler does (STYLE.md §4). Unknown action →
// UNKNOWN_ACTION; a bad payload → VALIDATION_FAILED naming the path and reason of the first problem.
// Nothing else is looked at, so a rejected request writes nothing.
import * as v from 'valibot';
import { ERROR_MESSAGES, fail, ok, type Result } from '../errors';
import { CONTRACTS, type FunctionName, type ParsedRequest } from './registry';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function envelope(event: unknown): { action: unknown; payload: unknown } {
  if (!isRecord(event)) return { action: undefined, payload: undefined };
  return { action: event.action, payload: event.payload === undefined ? {} : event.payload };
}

export function parseRequest<F extends FunctionName>(fn: F, event: unknown): Result<ParsedRequest<F>> {
  const contract = CONTRACTS[fn];
  const routed = ('route' in contract && contract.route ? contract.route(event) : null) ?? envelope(event);
  const { action, payload } = routed;
  const actions = contract.actions as Record<string, v.GenericSchema>;
  if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(actions, action)) {
    return fail('UNKNOWN_ACTION', { function: fn, action: typeof action === 'string' ? action.slice(0, 64) : null });
  }
  // valibot's object schemas accept arrays (typeof [] === 'object'); a payload must be a plain object.
  if (Array.isArray(payload)) {
    return fail('VALIDATION_FAILED', { function: fn, action, path: '', reason: 'payload must be an object', expected: 'Object', received: 'Array' });
  }
  const parsed = v.safeParse(actions[action], payload, { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue) ?? '';
    return fail(
      'VALIDATION_FAILED',
      { function: fn, action, path, reason: issue.message, expected: issue.expected, received: issue.received },
      path ? `${ERROR_MESSAGES.VALIDATION_FAILED}（${path}）` : ERROR_MESSAGES.VALIDATION_FAILED,
    );
  }
  return ok({ action, payload: parsed.output } as ParsedRequest<F>);
}
