// The service's error replies. Each becomes `{code, message, requestId}` on the wire (types.ts
// ServiceError); wx-server-sdk maps `code` through TCB_ERR_CODE to errCode (docs/wechat-contracts.md §1.4): codes it does not
// know (DATABASE_TRANSACTION_CONFLICT …) surface as -501001.
import { ServiceError } from '../types';

/** §1.4 [COMM]: the real message seen with -502005. */
export function collectionNotExists(): ServiceError {
  return new ServiceError(
    'DATABASE_COLLECTION_NOT_EXIST',
    '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.',
  );
}

/** addCollection on a name that exists. The exact real text is not documented [INF]; the code maps to -502001. */
export function collectionExists(name: string): ServiceError {
  return new ServiceError('DATABASE_REQUEST_FAILED', `[ResourceInUse] Table exist. collection ${name} already exists`);
}

export function collectionLimit(max: number): ServiceError {
  return new ServiceError('DATABASE_COLLECTION_EXCEED_LIMIT', `[LimitExceeded] an environment holds at most ${max} collections`);
}

/**
 * Duplicate key (§2.12): a real-cloud experiment saw `DATABASE_REQUEST_FAILED` (→ errCode -502001)
 * with MongoDB's E11000 text, so that is what we answer, for `_id` and for unique indexes alike.
 */
export function duplicateKey(collection: string, index: string, key: Record<string, unknown>): ServiceError {
  const shown = Object.entries(key).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
  return new ServiceError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${collection} index: ${index} dup key: { ${shown} }`,
  );
}

/** §2.9 [DOC]: the exact conflict reply; runTransaction retries only on this `code`. */
export const TRANSACTION_CONFLICT_CODE = 'DATABASE_TRANSACTION_CONFLICT';
export function transactionConflict(): ServiceError {
  return new ServiceError(
    TRANSACTION_CONFLICT_CODE,
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  );
}

/** A transaction id that is unknown, finished or timed out. Real text undocumented [INF]. */
export function transactionNotFound(id: string): ServiceError {
  return new ServiceError(
    'DATABASE_TRANSACTION_FAIL',
    `[ResourceUnavailable.TransactionNotExist] transaction ${id} does not exist, was committed or aborted, or timed out`,
  );
}

/** §2.9: only single-document operations are allowed inside a transaction. */
export function transactionBatchOp(what: string): ServiceError {
  return new ServiceError(
    'DATABASE_REQUEST_FAILED',
    `[InvalidParameter] ${what} is not allowed in a transaction: only single-document operations (doc(id).get/update/set/remove, add) are supported`,
  );
}

/** §2.3: -602001 cannot be produced through TCB_ERR_CODE, so the code is DATABASE_REQUEST_FAILED and the text carries it. */
export function resultTooLarge(bytes: number, limit: number): ServiceError {
  return new ServiceError(
    'DATABASE_REQUEST_FAILED',
    `[LimitExceeded] -602001 database query result size exceed limit (1MB): ${bytes} bytes > ${limit}; add .limit() or .field()`,
  );
}

export function documentTooLarge(bytes: number, limit: number): ServiceError {
  return new ServiceError('DATABASE_REQUEST_FAILED', `[LimitExceeded] document is ${bytes} bytes, larger than ${limit}`);
}

/** Operators the real service has but the local cloud does not evaluate (geo, text, jsonSchema, $where). */
export function notSupportedLocally(what: string): ServiceError {
  return new ServiceError('DATABASE_INVALID_OPERRATOR', `[LocalCloud] ${what} is not supported by the local cloud`);
}

export function invalidParam(message: string): ServiceError {
  return new ServiceError('INVALID_PARAM', `[InvalidParameter] ${message}`);
}

/** A query/update the evaluator rejects (same-path conflicts, $inc on a string …): MongoDB's text. */
export function requestFailed(message: string): ServiceError {
  return new ServiceError('DATABASE_REQUEST_FAILED', message);
}

export function lockTimeout(): ServiceError {
  return new ServiceError('SERVER_TIMEOUT', '[ResourceUnavailable] timed out waiting for a transaction lock on the document');
}
