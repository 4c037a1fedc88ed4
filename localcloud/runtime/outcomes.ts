// How a failed invocation looks to its callers. Two views of the same failure:
//  - the client's (wx.cloud.callFunction, our gateway): errCode/errMsg as the mini-program sees them;
//  - the server's (cloud.callFunction inside a function): the `{code, message}` reply of
//    functions.invokeFunction, which wx-server-sdk turns into
//    `callFunction:fail <TCB_ERR_CODE[code] || -501001> <desc>. requestID <id>, <message>` (docs/wechat-contracts.md §1.4, §1.5).
// Texts come from real reports where we have them ([COMM] in docs/wechat-contracts.md); the rest is marked [INF].
import { ServiceError } from '../types';

export type FailureKind = 'not_found' | 'error' | 'timeout' | 'killed' | 'too_large';

export interface Failure {
  requestId: string;
  ok: false;
  kind: FailureKind;
  errCode: number;
  errMsg: string;
}

/** The client-side view (what wx.cloud.callFunction rejects with). */
export function clientFailure(requestId: string, kind: FailureKind, detail: { fn?: string; text?: string; timeoutS?: number } = {}): Failure {
  switch (kind) {
    case 'not_found':
      // [COMM] "errCode: -501000  | errMsg: FunctionName parameter could not be found."
      return { requestId, ok: false, kind, errCode: -501000, errMsg: 'FunctionName parameter could not be found.' };
    case 'timeout':
      // [COMM] "errCode: -504003  | errMsg: Invoking task timed out after 3 seconds"
      return { requestId, ok: false, kind, errCode: -504003, errMsg: `Invoking task timed out after ${detail.timeoutS ?? 3} seconds` };
    case 'too_large':
      // [SRC] ERR_CODE -604001
      return { requestId, ok: false, kind, errCode: -604001, errMsg: 'cloudfunction result size exceed limit (1MB)' };
    case 'killed':
      // [INF] the instance died before answering; reported as an execution error.
      return { requestId, ok: false, kind, errCode: -404011, errMsg: executionError(requestId, detail.text ?? 'instance exited unexpectedly before completing the request') };
    case 'error':
    default:
      // [COMM] "errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail requestID …,
      //  cloud function service error code -504002, error message Error: …"
      return { requestId, ok: false, kind, errCode: -404011, errMsg: executionError(requestId, detail.text ?? 'Error') };
  }
}

function executionError(requestId: string, text: string): string {
  return `cloud.callFunction:fail requestID ${requestId}, cloud function service error code -504002, error message ${text}`;
}

/**
 * The server-side view: the ServiceError functions.invokeFunction answers with.
 * [INF] codes: FUNCTIONS_EXECUTE_FAIL (→ -504002) for a throw, a crash or a result over 1 MB;
 * codes outside TCB_ERR_CODE (→ -501001) for a missing function and a timeout.
 */
export function serverFailure(f: Failure, detail: { text?: string; timeoutS?: number } = {}): ServiceError {
  switch (f.kind) {
    case 'not_found':
      return new ServiceError('FUNCTION_NOT_FOUND', 'FunctionName parameter could not be found.');
    case 'timeout':
      return new ServiceError('FUNCTIONS_TIME_LIMIT_EXCEEDED', `Invoking task timed out after ${detail.timeoutS ?? 3} seconds`);
    case 'too_large':
      return new ServiceError('FUNCTIONS_EXECUTE_FAIL', 'errCode: -604001 cloudfunction result size exceed limit (1MB)');
    case 'killed':
      return new ServiceError('FUNCTIONS_EXECUTE_FAIL', detail.text ?? 'instance exited unexpectedly before completing the request');
    case 'error':
    default:
      return new ServiceError('FUNCTIONS_EXECUTE_FAIL', detail.text ?? 'Error');
  }
}
